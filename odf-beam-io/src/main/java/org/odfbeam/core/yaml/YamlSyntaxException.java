package org.odfbeam.core.yaml;

import org.odfbeam.core.OdfFormatException;

/**
 * Text that is not well-formed YAML or JSON (or that uses a YAML feature the manifests do not allow, such as a
 * duplicate key). The message reads {@code "Cannot parse YAML at line 3, column 5: duplicate key 'kind'"}.
 */
public class YamlSyntaxException extends OdfFormatException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;
  private final String reason;

  /** Creates an exception for a problem at the given 1-based position (0 if unknown). */
  public YamlSyntaxException(String format, int line, int column, String reason, Throwable cause) {
    super("Cannot parse " + format + " at line " + line + ", column " + column + ": " + reason, cause);
    this.line = line;
    this.column = column;
    this.reason = reason;
  }

  /** 1-based line of the problem. */
  public int line() {
    return line;
  }

  /** 1-based column of the problem. */
  public int column() {
    return column;
  }

  /** The problem without the position prefix. */
  public String reason() {
    return reason;
  }
}
