package org.odfbeam.core.chain;

/** ExecuteTransform input whose newOffset equals its prevOffset (kamu: InvalidEvent "Invalid input offset interval"). */
public final class InputOffsetIntervalException extends InvalidBlockException {
  private static final long serialVersionUID = 1L;

  InputOffsetIntervalException(BlockContext block, String reason) {
    super(block, reason);
  }
}
