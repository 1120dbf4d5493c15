package org.odfbeam.core.chain;

/** ExecuteTransform query inputs not in the order/ids declared by SetTransform (kamu: InvalidEvent). */
public final class TransformInputsOrderException extends InvalidBlockException {
  private static final long serialVersionUID = 1L;

  TransformInputsOrderException(BlockContext block, String reason) {
    super(block, reason);
  }
}
