package org.odfbeam.transforms.changelog;

/**
 * Entry point for changelog transforms.
 *
 * <h2>Current state</h2>
 * <pre>{@code
 * PCollection<Row> cities = p
 *     .apply(OdfIO.read().from("/data/cities"))        // offset, op, system_time, event_time, city, population
 *     .apply(Changelog.currentState("city"));           // the latest live record of each city
 * }</pre>
 * See {@link CurrentState}.
 */
public final class Changelog {
  private Changelog() {}

  /**
   * Projects a changelog to its current state by the given primary key columns: for each key the record with the
   * greatest offset, dropped if it is a retraction.
   */
  public static CurrentState currentState(String... primaryKey) {
    return CurrentState.of(PrimaryKey.of(primaryKey));
  }

  /** As {@link #currentState(String...)} with a {@link PrimaryKey}. */
  public static CurrentState currentState(PrimaryKey primaryKey) {
    return CurrentState.of(primaryKey);
  }
}
