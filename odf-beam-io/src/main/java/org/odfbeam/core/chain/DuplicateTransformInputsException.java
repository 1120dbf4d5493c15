package org.odfbeam.core.chain;

/** SetTransform listing the same input dataset twice (kamu: InvalidEvent). */
public final class DuplicateTransformInputsException extends InvalidBlockException {
  private static final long serialVersionUID = 1L;

  DuplicateTransformInputsException(BlockContext block, String reason) {
    super(block, reason);
  }
}
