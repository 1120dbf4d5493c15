package org.odfbeam.core.chain;

/** New data offset interval whose end is before its start (kamu: InvalidEvent "Invalid offset interval"). */
public final class InvalidOffsetIntervalException extends InvalidBlockException {
  private static final long serialVersionUID = 1L;

  InvalidOffsetIntervalException(BlockContext block, String reason) {
    super(block, reason);
  }
}
