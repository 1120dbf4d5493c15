package org.odfbeam.transforms.aggregate;

import java.io.Serializable;
import java.util.Objects;
import org.odfbeam.core.model.Nullable;

/**
 * One aggregate of a {@link ChangelogAggregate}: what it computes, over which input column, into which output
 * column.
 *
 * @param kind {@link Kind#COUNT} (rows, no column) or {@link Kind#SUM} (of {@code column})
 * @param column the input column a sum adds up; null for a count
 * @param outputColumn the output column holding the result
 */
record Aggregation(Kind kind, @Nullable String column, String outputColumn) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What an aggregate computes. */
  enum Kind {
    /** The number of live rows of the key. */
    COUNT,
    /** The sum of a numeric column over the live rows of the key (nulls ignored). */
    SUM
  }

  /** Checks that a sum has a column and a count has none. */
  Aggregation {
    Objects.requireNonNull(kind, "Aggregation.kind is required");
    Objects.requireNonNull(outputColumn, "Aggregation.outputColumn is required");
    if ((kind == Kind.SUM) != (column != null)) {
      throw new IllegalArgumentException("A " + kind + " aggregate " + (column == null ? "needs" : "takes no")
          + " input column");
    }
  }

  /** Readable form for messages: {@code count() as n}, {@code sum(population) as total}. */
  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + "(" + (column == null ? "" : column) + ") as "
        + outputColumn;
  }
}
