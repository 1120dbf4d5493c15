package org.odfbeam.io;

import java.net.URI;
import java.util.Objects;
import org.apache.beam.sdk.schemas.Schema;
import org.odfbeam.core.identity.DatasetId;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.model.OffsetInterval;
import org.odfbeam.core.multiformats.Multihash;

/**
 * What an {@link OdfRead} reads, resolved from the metadata chain when the pipeline is built: the input
 * interval a derivative dataset records in its {@code ExecuteTransformInput}.
 *
 * <p>The blocks read are {@code (afterBlockHash, blockHash]} (from the Seed when {@code afterBlockHash} is null);
 * the records read are {@code offsets} (null when none), which for an {@link OdfRead#afterBlock} read is exactly
 * {@code (prevOffset, newOffset]}.
 *
 * @param datasetId the dataset's identity (from its Seed)
 * @param location the dataset directory as a {@code file:} URI
 * @param blockHash the block read as of: the {@link OdfRead#asOfBlock} block, or the head when the plan was made
 * @param afterBlockHash the {@link OdfRead#afterBlock} block, null for a read from the start
 * @param prevOffset last offset at {@code afterBlockHash} (null: no read-after block, or no data before it)
 * @param newOffset last offset at {@code blockHash} (null: the dataset has no data up to that block)
 * @param offsets the offsets actually read (after {@link OdfRead#withOffsetRange}), null when nothing is read
 * @param schema the schema of the rows produced (the dataset's schema at {@code blockHash}, projected)
 */
public record ReadPlan(
    DatasetId datasetId,
    URI location,
    Multihash blockHash,
    @Nullable Multihash afterBlockHash,
    @Nullable Long prevOffset,
    @Nullable Long newOffset,
    @Nullable OffsetInterval offsets,
    Schema schema) {
  /** Checks required components. */
  public ReadPlan {
    Objects.requireNonNull(datasetId, "ReadPlan.datasetId is required");
    Objects.requireNonNull(location, "ReadPlan.location is required");
    Objects.requireNonNull(blockHash, "ReadPlan.blockHash is required");
    Objects.requireNonNull(schema, "ReadPlan.schema is required");
  }

  /** True if the read produces no records. */
  public boolean isEmpty() {
    return offsets == null;
  }
}
