package org.odfbeam.core.model;

import java.time.Instant;

import org.odfbeam.core.multiformats.Multihash;

/**
 * Indicates that data has been ingested into a root dataset.
 *
 * @param prevCheckpoint Hash of the checkpoint file used to restore ingestion state, if any. (optional)
 * @param prevOffset Last offset of the previous data slice, if any. Must be equal to the last non-empty
 * {@code newData.offsetInterval.end}. (optional)
 * @param newData Describes output data written during this transaction, if any. (optional)
 * @param newCheckpoint Describes checkpoint written during this transaction, if any. If an engine operation
 * resulted in no updates to the checkpoint, but checkpoint is still relevant for subsequent runs - a hash of
 * the previous checkpoint should be specified. (optional)
 * @param newWatermark Last watermark of the output data stream, if any. Initial blocks may not have
 * watermarks, but once watermark is set - all subsequent blocks should either carry the same watermark or
 * specify a new (greater) one. Thus, watermarks are monotonically non-decreasing. (optional)
 * @param newSourceState The state of the source the data was added from to allow fast resuming. If the state
 * did not change but is still relevant for subsequent runs it should be carried, i.e. only the last state per
 * source is considered when resuming. (optional)
 * @param extra ODF extensions. (optional)
 */
@Variant(name = "AddData", id = 1)
public record AddData(
    @Nullable Multihash prevCheckpoint,
    @Nullable Long prevOffset,
    @Nullable DataSlice newData,
    @Nullable Checkpoint newCheckpoint,
    @Nullable Instant newWatermark,
    @Nullable SourceState newSourceState,
    @Nullable ExtraAttributes extra) implements MetadataEvent, DataEvent {}
