package org.odfbeam.core.chain;

/** A Seed block appended to a non-empty chain (kamu: AppendingSeedBlockToNonEmptyChain). */
public final class SeedNotFirstException extends InvalidBlockException {
  private static final long serialVersionUID = 1L;

  SeedNotFirstException(BlockContext block, String reason) {
    super(block, reason);
  }
}
