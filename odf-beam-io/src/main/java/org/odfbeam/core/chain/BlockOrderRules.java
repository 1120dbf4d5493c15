package org.odfbeam.core.chain;

import org.odfbeam.core.chain.InvalidBlockException.BlockContext;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.model.Seed;

/** Seed position, previous-block link, sequence numbers and system time. */
final class BlockOrderRules {
  private BlockOrderRules() {}

  /** Rules kamu checks on the block alone (visitor constructors). */
  static void checkBlock(BlockContext ctx, ChainState state, MetadataBlock block) {
    boolean isSeed = block.event() instanceof Seed;
    if (isSeed && block.prevBlockHash() != null) {
      throw new SeedNotFirstException(ctx, "Attempt to append seed block to a non-empty chain"
          + " (expected no previous block, found " + block.prevBlockHash() + ")");
    }
    if (isSeed && state.headHash() != null) {
      throw new SeedNotFirstException(ctx, "Attempt to append seed block to a non-empty chain"
          + " (expected an empty chain, found head " + state.headHash() + ")");
    }
    if (!isSeed && block.prevBlockHash() == null) {
      throw new FirstBlockMustBeSeedException(ctx,
          "First block has to be a seed, perhaps new block does not link to the previous"
              + " (expected Seed, found " + block.event().getClass().getSimpleName() + ")");
    }
    if (block.prevBlockHash() == null && block.sequenceNumber() != 0) {
      throw new SequenceIntegrityException(ctx, "Block sequence has to start with zero, not "
          + block.sequenceNumber() + " (expected 0, found " + block.sequenceNumber() + ")");
    }
  }

  /** Rules that compare with the previous block. */
  static void checkLinks(BlockContext ctx, ChainState state, MetadataBlock block) {
    if (block.prevBlockHash() == null) {
      return;
    }
    if (!block.prevBlockHash().equals(state.headHash())) {
      throw new PrevBlockNotFoundException(ctx, "Invalid previous block " + block.prevBlockHash()
          + " (expected " + (state.headHash() == null ? "none" : state.headHash()) + ")");
    }
    long expected = state.headSequenceNumber() + 1;
    if (block.sequenceNumber() != expected) {
      throw new SequenceIntegrityException(ctx, "Block " + state.headHash() + " with sequence number "
          + state.headSequenceNumber() + " cannot be followed by block with sequence number "
          + block.sequenceNumber() + " (expected " + expected + ", found " + block.sequenceNumber()
          + ")");
    }
    if (block.systemTime().isBefore(state.headSystemTime())) {
      throw new SystemTimeNotMonotonicException(ctx,
          "System time has to be monotonically non-decreasing (expected >= "
              + state.headSystemTime() + ", found " + block.systemTime() + ")");
    }
  }
}
