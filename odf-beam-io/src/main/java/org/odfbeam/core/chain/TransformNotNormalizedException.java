package org.odfbeam.core.chain;

/** Transform (SetTransform or a source's preprocess) whose SQL queries are not normalized (kamu: InvalidEvent). */
public final class TransformNotNormalizedException extends InvalidBlockException {
  private static final long serialVersionUID = 1L;

  TransformNotNormalizedException(BlockContext block, String reason) {
    super(block, reason);
  }
}
