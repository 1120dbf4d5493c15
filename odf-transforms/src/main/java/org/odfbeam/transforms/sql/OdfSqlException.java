package org.odfbeam.transforms.sql;

import org.odfbeam.core.model.Nullable;

/**
 * Thrown while the pipeline is built (when {@link OdfSql} is applied) for a query step Beam SQL cannot run: it does
 * not parse or validate in Beam SQL's Calcite dialect, Beam SQL cannot express it (an unsupported function, join,
 * window or clause), it would fail or give wrong results at run time in Beam SQL, it is not deterministic, or its
 * result breaks ODF's rules for a derivative's output. The message names the step, says why and quotes the query.
 */
public final class OdfSqlException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int stepNumber;
  private final @Nullable String alias;
  private final String query;

  OdfSqlException(SqlStep step, String reason, @Nullable Throwable cause) {
    super("Cannot run " + step.describe() + " of the SQL transform with Beam SQL " + OdfSql.engineVersion() + ": "
        + reason + "\n  Query: " + abbreviate(step.query()), cause);
    this.stepNumber = step.number();
    this.alias = step.alias();
    this.query = step.query();
  }

  /** The 1-based position of the failing step in the transform's {@code queries}. */
  public int stepNumber() {
    return stepNumber;
  }

  /** The failing step's alias, null for the output step. */
  public @Nullable String alias() {
    return alias;
  }

  /** The failing step's SQL text. */
  public String query() {
    return query;
  }

  private static String abbreviate(String text) {
    String oneLine = text.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= 1000 ? oneLine : oneLine.substring(0, 1000) + " …";
  }
}
