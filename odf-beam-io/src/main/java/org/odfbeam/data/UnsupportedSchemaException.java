package org.odfbeam.data;

/**
 * A schema cannot be mapped between ODF, Beam, Parquet and Arrow; the message names the column (dotted path) and the
 * type, e.g. {@code "Cannot map column 'a.b' of type UInt32 to Beam: Beam has no unsigned integers"}.
 */
public final class UnsupportedSchemaException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String column;

  /** Creates the exception; {@code column} is the dotted path of the offending column. */
  public UnsupportedSchemaException(String column, String message) {
    super(message);
    this.column = column;
  }

  /** The dotted path of the offending column. */
  public String column() {
    return column;
  }
}
