package org.odfbeam.core.model;

import java.util.Objects;

import org.odfbeam.core.identity.DatasetId;
import org.odfbeam.core.multiformats.Multihash;

/**
 * Describes a slice of the input dataset used during a transformation
 *
 * @param datasetId Input dataset identifier.
 * @param prevBlockHash Last block of the input dataset that was previously incorporated into the derivative
 * transformation, if any. Must be equal to the last non-empty {@code newBlockHash}. Together with {@code
 * newBlockHash} defines a half-open {@code (prevBlockHash, newBlockHash]} interval of blocks that will be
 * considered in this transaction. (optional)
 * @param newBlockHash Hash of the last block that will be incorporated into the derivative transformation.
 * When present, defines a half-open {@code (prevBlockHash, newBlockHash]} interval of blocks that will be
 * considered in this transaction. (optional)
 * @param prevOffset Last data record offset in the input dataset that was previously incorporated into the
 * derivative transformation, if any. Must be equal to the last non-empty {@code newOffset}. Together with
 * {@code newOffset} defines a half-open {@code (prevOffset, newOffset]} interval of data records that will be
 * considered in this transaction. (optional)
 * @param newOffset Offset of the last data record that will be incorporated into the derivative
 * transformation, if any. When present, defines a half-open {@code (prevOffset, newOffset]} interval of data
 * records that will be considered in this transaction. (optional)
 */
public record ExecuteTransformInput(
    DatasetId datasetId,
    @Nullable Multihash prevBlockHash,
    @Nullable Multihash newBlockHash,
    @Nullable Long prevOffset,
    @Nullable Long newOffset) {
  /** Checks required fields and copies lists. */
  public ExecuteTransformInput {
    Objects.requireNonNull(datasetId, "ExecuteTransformInput.datasetId is required");
  }
}
