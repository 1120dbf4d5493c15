package org.odfbeam.core.chain;

/** Data added before any SetDataSchema (kamu: InvalidEvent). */
public final class SchemaNotDefinedException extends InvalidBlockException {
  private static final long serialVersionUID = 1L;

  SchemaNotDefinedException(BlockContext block, String reason) {
    super(block, reason);
  }
}
