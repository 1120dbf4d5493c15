package org.odfbeam.core.chain;

/** A data or checkpoint object the block declares is not present in storage (checked before writing the block). */
public final class MissingObjectException extends InvalidBlockException {
  private static final long serialVersionUID = 1L;

  MissingObjectException(BlockContext block, String reason) {
    super(block, reason);
  }
}
