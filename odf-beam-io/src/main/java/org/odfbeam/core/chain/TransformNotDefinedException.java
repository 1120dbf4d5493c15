package org.odfbeam.core.chain;

/** ExecuteTransform without a preceding SetTransform (kamu: InvalidEvent). */
public final class TransformNotDefinedException extends InvalidBlockException {
  private static final long serialVersionUID = 1L;

  TransformNotDefinedException(BlockContext block, String reason) {
    super(block, reason);
  }
}
