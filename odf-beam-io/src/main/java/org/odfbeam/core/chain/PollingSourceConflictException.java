package org.odfbeam.core.chain;

/** SetPollingSource while push sources exist (kamu: InvalidEvent). */
public final class PollingSourceConflictException extends InvalidBlockException {
  private static final long serialVersionUID = 1L;

  PollingSourceConflictException(BlockContext block, String reason) {
    super(block, reason);
  }
}
