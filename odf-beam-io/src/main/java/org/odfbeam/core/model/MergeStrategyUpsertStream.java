package org.odfbeam.core.model;

import java.util.List;
import java.util.Objects;

/**
 * Upsert stream merge strategy. This strategy should be used for data sources containing ledgers of
 * insert-or-update and delete events. Unlike ChangelogStream the insert-or-update events only carry the new
 * values, so this strategy will use primary key to re-classify the events into an append or a correction
 * from/to pair, looking up the previous values.
 *
 * @param primaryKey Names of the columns that uniquely identify the record throughout its lifetime
 */
@Variant(name = "UpsertStream", id = 5)
public record MergeStrategyUpsertStream(
    List<String> primaryKey) implements MergeStrategy {
  /** Checks required fields and copies lists. */
  public MergeStrategyUpsertStream {
    primaryKey = List.copyOf(Objects.requireNonNull(primaryKey, "MergeStrategyUpsertStream.primaryKey is required"));
  }
}
