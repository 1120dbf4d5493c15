package org.odfbeam.core.model;

import java.util.List;
import java.util.Objects;

/**
 * Snapshot merge strategy. This strategy can be used for data state snapshots that are taken periodically and
 * contain only the latest state of the observed entity or system. Over time such snapshots can have new rows
 * added, and old rows either removed or modified. This strategy transforms snapshot data into an append-only
 * event stream where data already added is immutable. It does so by performing Change Data Capture -
 * essentially diffing the current state of data against the reconstructed previous state and recording
 * differences as retractions or corrections. The Operation Type "op" column will contain: - append ({@code
 * +A}) when a row appears for the first time - retraction ({@code -D}) when row disappears - correction
 * ({@code -C}, {@code +C}) when row data has changed, with {@code -C} event carrying the old value of the row
 * and {@code +C} carrying the new value. To correctly associate rows between old and new snapshots this
 * strategy relies on user-specified primary key columns. To identify whether a row has changed this strategy
 * will compare all other columns one by one. If the data contains a column that is guaranteed to change
 * whenever any of the data columns changes (for example a last modification timestamp, an incremental
 * version, or a data hash), then it can be specified in {@code compareColumns} property to speed up the
 * detection of modified rows.
 *
 * @param primaryKey Names of the columns that uniquely identify the record throughout its lifetime.
 * @param compareColumns Names of the columns to compared to determine if a row has changed between two
 * snapshots. (optional)
 */
@Variant(name = "Snapshot", id = 3)
public record MergeStrategySnapshot(
    List<String> primaryKey,
    @Nullable List<String> compareColumns) implements MergeStrategy {
  /** Checks required fields and copies lists. */
  public MergeStrategySnapshot {
    primaryKey = List.copyOf(Objects.requireNonNull(primaryKey, "MergeStrategySnapshot.primaryKey is required"));
    compareColumns = compareColumns == null ? null : List.copyOf(compareColumns);
  }
}
