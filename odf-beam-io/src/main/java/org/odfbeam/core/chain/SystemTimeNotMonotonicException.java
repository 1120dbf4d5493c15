package org.odfbeam.core.chain;

/** System time earlier than the previous block's (kamu: SystemTimeIsNotMonotonic). */
public final class SystemTimeNotMonotonicException extends InvalidBlockException {
  private static final long serialVersionUID = 1L;

  SystemTimeNotMonotonicException(BlockContext block, String reason) {
    super(block, reason);
  }
}
