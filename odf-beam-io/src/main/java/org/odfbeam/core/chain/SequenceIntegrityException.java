package org.odfbeam.core.chain;

/** Sequence number is not 0 for the first block, or not previous + 1 (kamu: SequenceIntegrity). */
public final class SequenceIntegrityException extends InvalidBlockException {
  private static final long serialVersionUID = 1L;

  SequenceIntegrityException(BlockContext block, String reason) {
    super(block, reason);
  }
}
