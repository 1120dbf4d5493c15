package org.odfbeam.core.chain;

/** New data does not start right after the carried prevOffset (kamu: OffsetsAreNotSequential). */
public final class OffsetsNotSequentialException extends InvalidBlockException {
  private static final long serialVersionUID = 1L;

  OffsetsNotSequentialException(BlockContext block, String reason) {
    super(block, reason);
  }
}
