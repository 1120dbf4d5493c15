package org.odfbeam.core.model;

import java.time.Instant;
import java.util.Objects;

import org.odfbeam.core.multiformats.Multihash;

/**
 * An individual block in the metadata chain that captures the history of modifications of a dataset.
 *
 * @param systemTime System time when this block was written.
 * @param prevBlockHash Hash sum of the preceding block (absent only for the first block, the Seed).
 * @param sequenceNumber Block sequence number, starting from zero at the seed block.
 * @param event Event data.
 */
public record MetadataBlock(
    Instant systemTime,
    @Nullable Multihash prevBlockHash,
    long sequenceNumber,
    MetadataEvent event) {
  /** Checks required fields. */
  public MetadataBlock {
    Objects.requireNonNull(systemTime, "MetadataBlock.systemTime is required");
    Objects.requireNonNull(event, "MetadataBlock.event is required");
  }
}
