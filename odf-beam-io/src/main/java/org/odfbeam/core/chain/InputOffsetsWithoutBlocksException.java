package org.odfbeam.core.chain;

/** ExecuteTransform input with an offset interval but no block interval (kamu: InvalidEvent). */
public final class InputOffsetsWithoutBlocksException extends InvalidBlockException {
  private static final long serialVersionUID = 1L;

  InputOffsetsWithoutBlocksException(BlockContext block, String reason) {
    super(block, reason);
  }
}
