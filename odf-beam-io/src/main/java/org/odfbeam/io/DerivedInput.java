package org.odfbeam.io;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import org.odfbeam.core.identity.DatasetId;
import org.odfbeam.core.model.ExecuteTransformInput;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.multiformats.Multihash;

/**
 * One input of a derivative write as planned when the pipeline is built: what the output's last
 * {@code ExecuteTransform} consumed of it and what this run reads ({@code (prevBlockHash, headBlockHash]},
 * {@code (prevOffset, headOffset]}). Hashes and ids are kept in their text forms so the value is serializable.
 *
 * @param alias the input's alias in {@code SetTransform}
 * @param datasetId the input's {@code did:odf:…}
 * @param location the input's directory ({@code file:} URI)
 * @param prevBlockHash the last input block the output consumed (multibase), null if none
 * @param prevOffset the last input offset the output consumed, null if none
 * @param headBlockHash the input's head when the pipeline was built: the block this run reads as of
 * @param headOffset the input's last offset at {@code headBlockHash}, null if it has no data
 * @param headWatermark the input's watermark at {@code headBlockHash}, null if it has none
 */
record DerivedInput(
    String alias,
    String datasetId,
    String location,
    @Nullable String prevBlockHash,
    @Nullable Long prevOffset,
    String headBlockHash,
    @Nullable Long headOffset,
    @Nullable Instant headWatermark) implements Serializable {
  private static final long serialVersionUID = 1L;

  DerivedInput {
    Objects.requireNonNull(alias, "DerivedInput.alias is required");
    Objects.requireNonNull(datasetId, "DerivedInput.datasetId is required");
    Objects.requireNonNull(location, "DerivedInput.location is required");
    Objects.requireNonNull(headBlockHash, "DerivedInput.headBlockHash is required");
  }

  /** Whether the input has blocks the output has not consumed yet. */
  boolean advances() {
    return !headBlockHash.equals(prevBlockHash);
  }

  /**
   * The input's entry in the {@code ExecuteTransform} that consumes this run's interval: the block interval when
   * the input advanced (with the offset interval when it has new records), else only what was consumed before.
   */
  ExecuteTransformInput consumed() {
    if (!advances()) {
      return carried();
    }
    Long newOffset = Objects.equals(headOffset, prevOffset) ? null : headOffset;
    return new ExecuteTransformInput(DatasetId.parse(datasetId), hash(prevBlockHash), Multihash.parse(headBlockHash),
        prevOffset, newOffset);
  }

  /** The input's entry in an {@code ExecuteTransform} after {@link #consumed()}: nothing new. */
  ExecuteTransformInput carriedAfterConsumed() {
    Long lastOffset = headOffset != null ? headOffset : prevOffset;
    return new ExecuteTransformInput(DatasetId.parse(datasetId), Multihash.parse(headBlockHash), null, lastOffset,
        null);
  }

  private ExecuteTransformInput carried() {
    return new ExecuteTransformInput(DatasetId.parse(datasetId), hash(prevBlockHash), null, prevOffset, null);
  }

  private static @Nullable Multihash hash(@Nullable String multibase) {
    return multibase == null ? null : Multihash.parse(multibase);
  }
}
