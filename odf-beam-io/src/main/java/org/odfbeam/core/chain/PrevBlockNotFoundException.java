package org.odfbeam.core.chain;

/** The previous block hash names a block that does not exist (kamu: PrevBlockNotFound). */
public final class PrevBlockNotFoundException extends InvalidBlockException {
  private static final long serialVersionUID = 1L;

  PrevBlockNotFoundException(BlockContext block, String reason) {
    super(block, reason);
  }
}
