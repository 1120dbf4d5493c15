package org.odfbeam.core.chain;

/** Data block watermark missing or earlier than the previous data block's (kamu: WatermarkIsNotMonotonic). */
public final class WatermarkNotMonotonicException extends InvalidBlockException {
  private static final long serialVersionUID = 1L;

  WatermarkNotMonotonicException(BlockContext block, String reason) {
    super(block, reason);
  }
}
