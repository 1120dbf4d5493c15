package org.odfbeam.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.odfbeam.core.multiformats.Multihash;

/**
 * Indicates that derivative transformation has been performed.
 *
 * @param queryInputs Defines inputs used in this transaction. Slices corresponding to every input dataset
 * must be present.
 * @param prevCheckpoint Hash of the checkpoint file used to restore transformation state, if any. (optional)
 * @param prevOffset Last offset of the previous data slice, if any. Must be equal to the last non-empty
 * {@code newData.offsetInterval.end}. (optional)
 * @param newData Describes output data written during this transaction, if any. (optional)
 * @param newCheckpoint Describes checkpoint written during this transaction, if any. If an engine operation
 * resulted in no updates to the checkpoint, but checkpoint is still relevant for subsequent runs - a hash of
 * the previous checkpoint should be specified. (optional)
 * @param newWatermark Last watermark of the output data stream, if any. Initial blocks may not have
 * watermarks, but once watermark is set - all subsequent blocks should either carry the same watermark or
 * specify a new (greater) one. Thus, watermarks are monotonically non-decreasing. (optional)
 */
@Variant(name = "ExecuteTransform", id = 2)
public record ExecuteTransform(
    List<ExecuteTransformInput> queryInputs,
    @Nullable Multihash prevCheckpoint,
    @Nullable Long prevOffset,
    @Nullable DataSlice newData,
    @Nullable Checkpoint newCheckpoint,
    @Nullable Instant newWatermark) implements MetadataEvent, DataEvent {
  /** Checks required fields and copies lists. */
  public ExecuteTransform {
    queryInputs = List.copyOf(Objects.requireNonNull(queryInputs, "ExecuteTransform.queryInputs is required"));
  }
}
