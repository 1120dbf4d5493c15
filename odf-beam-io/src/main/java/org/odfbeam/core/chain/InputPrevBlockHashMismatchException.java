package org.odfbeam.core.chain;

/** ExecuteTransform input prevBlockHash differs from the last block of the previous query (kamu: InvalidEvent). */
public final class InputPrevBlockHashMismatchException extends InvalidBlockException {
  private static final long serialVersionUID = 1L;

  InputPrevBlockHashMismatchException(BlockContext block, String reason) {
    super(block, reason);
  }
}
