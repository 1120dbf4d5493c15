package org.odfbeam.core.chain;

/** AddPushSource identical to the existing source of the same name (kamu: NoOpEvent). */
public final class DuplicatePushSourceException extends InvalidBlockException {
  private static final long serialVersionUID = 1L;

  DuplicatePushSourceException(BlockContext block, String reason) {
    super(block, reason);
  }
}
