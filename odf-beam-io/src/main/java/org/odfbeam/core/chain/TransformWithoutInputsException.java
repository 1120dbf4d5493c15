package org.odfbeam.core.chain;

/** SetTransform with no inputs (kamu: InvalidEvent). */
public final class TransformWithoutInputsException extends InvalidBlockException {
  private static final long serialVersionUID = 1L;

  TransformWithoutInputsException(BlockContext block, String reason) {
    super(block, reason);
  }
}
