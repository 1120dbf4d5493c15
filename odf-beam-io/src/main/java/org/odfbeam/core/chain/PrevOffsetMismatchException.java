package org.odfbeam.core.chain;

/** Carried prevOffset differs from the last offset in the chain (kamu: InvalidEvent). */
public final class PrevOffsetMismatchException extends InvalidBlockException {
  private static final long serialVersionUID = 1L;

  PrevOffsetMismatchException(BlockContext block, String reason) {
    super(block, reason);
  }
}
