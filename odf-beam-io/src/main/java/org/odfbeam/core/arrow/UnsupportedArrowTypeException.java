package org.odfbeam.core.arrow;

import org.odfbeam.core.OdfFormatException;

/**
 * A schema contains a type that arrow-digest (and therefore kamu) cannot hash, e.g. {@code "Cannot compute logical
 * hash: column 'a.b' has type Map, which arrow-digest cannot hash"}.
 */
public final class UnsupportedArrowTypeException extends OdfFormatException {
  private static final long serialVersionUID = 1L;

  private final String columnPath;
  private final String typeName;

  /** Creates the exception for the column at the dotted {@code columnPath} whose (part) type is {@code typeName}. */
  public UnsupportedArrowTypeException(String columnPath, String typeName, String detail) {
    super("Cannot compute logical hash: column '" + columnPath + "' has type " + typeName
        + (detail.isEmpty() ? "" : " " + detail) + ", which arrow-digest cannot hash");
    this.columnPath = columnPath;
    this.typeName = typeName;
  }

  /** The dotted path of the offending column. */
  public String columnPath() {
    return columnPath;
  }

  /** The offending type, as printed in the message. */
  public String typeName() {
    return typeName;
  }
}
