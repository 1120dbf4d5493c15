package org.odfbeam.core.model;

/**
 * Merge strategy determines how newly ingested data should be combined with the data that already exists in
 * the dataset.
 *
 * <p>FlatBuffers union; members (YAML tag = union type id): MergeStrategyAppend (Append = 1),
 * MergeStrategyLedger (Ledger = 2), MergeStrategySnapshot (Snapshot = 3), MergeStrategyChangelogStream
 * (ChangelogStream = 4), MergeStrategyUpsertStream (UpsertStream = 5).
 */
public sealed interface MergeStrategy
    permits MergeStrategyAppend, MergeStrategyLedger, MergeStrategySnapshot, MergeStrategyChangelogStream, MergeStrategyUpsertStream {}
