package org.odfbeam.core.chain;

/** DisablePushSource / DisablePollingSource, which kamu-cli cannot handle (it panics: unimplemented!). */
public final class UnsupportedEventException extends InvalidBlockException {
  private static final long serialVersionUID = 1L;

  UnsupportedEventException(BlockContext block, String reason) {
    super(block, reason);
  }
}
