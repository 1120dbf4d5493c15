package org.odfbeam.core.chain;

/** SetDataSchema that removes fields, changes types or optionality, or adds required fields (kamu: InvalidEvent). */
public final class IncompatibleSchemaException extends InvalidBlockException {
  private static final long serialVersionUID = 1L;

  IncompatibleSchemaException(BlockContext block, String reason) {
    super(block, reason);
  }
}
