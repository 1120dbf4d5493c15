package org.odfbeam.core.chain;

/** prevCheckpoint differs from the previous data event's new checkpoint (kamu: InvalidEvent). */
public final class CheckpointMismatchException extends InvalidBlockException {
  private static final long serialVersionUID = 1L;

  CheckpointMismatchException(BlockContext block, String reason) {
    super(block, reason);
  }
}
