package org.odfbeam.core.chain;

/** A non-Seed block without a previous block hash (kamu: FirstBlockMustBeSeed). */
public final class FirstBlockMustBeSeedException extends InvalidBlockException {
  private static final long serialVersionUID = 1L;

  FirstBlockMustBeSeedException(BlockContext block, String reason) {
    super(block, reason);
  }
}
