package org.odfbeam.core.chain;

/** ExecuteTransform input prevOffset differs from the last offset of the previous query (kamu: InvalidEvent). */
public final class InputPrevOffsetMismatchException extends InvalidBlockException {
  private static final long serialVersionUID = 1L;

  InputPrevOffsetMismatchException(BlockContext block, String reason) {
    super(block, reason);
  }
}
