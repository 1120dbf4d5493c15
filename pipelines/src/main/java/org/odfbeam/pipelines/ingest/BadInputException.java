package org.odfbeam.pipelines.ingest;

import org.odfbeam.core.model.Nullable;

/**
 * A fetched file holds data its read step cannot read. The message names the file, where in it (line of a CSV or
 * NDJSON record, record and line of a JSON document, row of a Parquet file), the column and the value, e.g.
 * {@code "Cannot read /data/cities.csv: line 3, column 'population': cannot parse 'abc' as INT32"}. Reading fails
 * on the first bad record; nothing is skipped.
 */
public final class BadInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final @Nullable String location;
  private final @Nullable String column;

  /** Creates the exception; {@code location} and {@code column} may be null when they do not apply. */
  public BadInputException(String file, @Nullable String location, @Nullable String column, String reason,
      @Nullable Throwable cause) {
    super(message(file, location, column, reason), cause);
    this.file = file;
    this.location = location;
    this.column = column;
  }

  /** Creates the exception without a cause. */
  public BadInputException(String file, @Nullable String location, @Nullable String column, String reason) {
    this(file, location, column, reason, null);
  }

  private static String message(String file, @Nullable String location, @Nullable String column, String reason) {
    StringBuilder b = new StringBuilder("Cannot read ").append(file).append(": ");
    if (location != null) {
      b.append(location).append(", ");
    }
    if (column != null) {
      b.append("column '").append(column).append("': ");
    }
    return b.append(reason).toString();
  }

  /** The file that could not be read. */
  public String file() {
    return file;
  }

  /** Where in the file, e.g. {@code line 3} or {@code record 2 (line 4)}; null for the whole file. */
  public @Nullable String location() {
    return location;
  }

  /** The column (dotted path for nested fields); null when the problem is not in one column. */
  public @Nullable String column() {
    return column;
  }
}
