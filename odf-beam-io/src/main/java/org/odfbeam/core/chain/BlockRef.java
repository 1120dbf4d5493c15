package org.odfbeam.core.chain;

import java.util.Objects;
import org.odfbeam.core.model.Bytes;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.multiformats.Multihash;

/**
 * A stored block: its hash (the name of its file, the sha3-256 multihash of {@code stored}), the decoded
 * block and the exact stored bytes.
 */
public record BlockRef(Multihash hash, MetadataBlock block, Bytes stored) {
  public BlockRef {
    Objects.requireNonNull(hash, "BlockRef.hash is required");
    Objects.requireNonNull(block, "BlockRef.block is required");
    Objects.requireNonNull(stored, "BlockRef.stored is required");
  }

  /** Sequence number of the block. */
  public long sequenceNumber() {
    return block.sequenceNumber();
  }

  /** Size of the stored block file in bytes. */
  public long size() {
    return stored.size();
  }

  @Override
  public String toString() {
    return "BlockRef[" + block.sequenceNumber() + " " + hash + " "
        + block.event().getClass().getSimpleName() + "]";
  }
}
