package org.odfbeam.core.chain;

/** ExecuteTransform input whose newBlockHash equals its prevBlockHash (kamu: InvalidEvent "Invalid input block interval"). */
public final class InputBlockIntervalException extends InvalidBlockException {
  private static final long serialVersionUID = 1L;

  InputBlockIntervalException(BlockContext block, String reason) {
    super(block, reason);
  }
}
