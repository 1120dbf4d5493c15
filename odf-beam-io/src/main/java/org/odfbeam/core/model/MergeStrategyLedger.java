package org.odfbeam.core.model;

import java.util.List;
import java.util.Objects;

/**
 * Ledger merge strategy. This strategy should be used for data sources containing ledgers of events.
 * Currently this strategy will only perform deduplication of events using user-specified primary key columns.
 * This means that the source data can contain partially overlapping set of records and only those records
 * that were not previously seen will be appended.
 *
 * @param primaryKey Names of the columns that uniquely identify the record throughout its lifetime
 */
@Variant(name = "Ledger", id = 2)
public record MergeStrategyLedger(
    List<String> primaryKey) implements MergeStrategy {
  /** Checks required fields and copies lists. */
  public MergeStrategyLedger {
    primaryKey = List.copyOf(Objects.requireNonNull(primaryKey, "MergeStrategyLedger.primaryKey is required"));
  }
}
