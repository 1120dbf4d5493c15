package org.odfbeam.core.chain;

/** AddData that advances neither data, checkpoint, watermark nor source state (kamu: NoOpEvent). */
public final class AddDataNoOpException extends InvalidBlockException {
  private static final long serialVersionUID = 1L;

  AddDataNoOpException(BlockContext block, String reason) {
    super(block, reason);
  }
}
