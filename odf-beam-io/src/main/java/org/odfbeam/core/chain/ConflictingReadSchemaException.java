package org.odfbeam.core.chain;

/** Source read step that specifies both ddlSchema and schema (kamu: InvalidEvent). */
public final class ConflictingReadSchemaException extends InvalidBlockException {
  private static final long serialVersionUID = 1L;

  ConflictingReadSchemaException(BlockContext block, String reason) {
    super(block, reason);
  }
}
