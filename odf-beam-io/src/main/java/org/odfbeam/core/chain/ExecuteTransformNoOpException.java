package org.odfbeam.core.chain;

/** ExecuteTransform that advances neither data, inputs, checkpoint nor watermark (kamu: NoOpEvent). */
public final class ExecuteTransformNoOpException extends InvalidBlockException {
  private static final long serialVersionUID = 1L;

  ExecuteTransformNoOpException(BlockContext block, String reason) {
    super(block, reason);
  }
}
