package org.odfbeam.core.chain;

/** AddPushSource while a polling source is active or after a source was disabled (kamu: InvalidEvent). */
public final class PushSourceConflictException extends InvalidBlockException {
  private static final long serialVersionUID = 1L;

  PushSourceConflictException(BlockContext block, String reason) {
    super(block, reason);
  }
}
