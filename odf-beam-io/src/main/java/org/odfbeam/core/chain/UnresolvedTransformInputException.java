package org.odfbeam.core.chain;

/** SetTransform input not given as a dataset id or lacking an alias (kamu: InvalidEvent). */
public final class UnresolvedTransformInputException extends InvalidBlockException {
  private static final long serialVersionUID = 1L;

  UnresolvedTransformInputException(BlockContext block, String reason) {
    super(block, reason);
  }
}
