package org.odfbeam.core.chain;

/** SetDataSchema identical to the current schema (kamu: NoOpEvent). */
public final class IdenticalSchemaException extends InvalidBlockException {
  private static final long serialVersionUID = 1L;

  IdenticalSchemaException(BlockContext block, String reason) {
    super(block, reason);
  }
}
