package org.odfbeam.transforms.sql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.extensions.sql.impl.BeamSqlEnv;
import org.apache.beam.sdk.extensions.sql.impl.SqlConversionException;
import org.apache.beam.sdk.extensions.sql.impl.rel.BeamRelNode;
import org.apache.beam.sdk.extensions.sql.impl.rel.BeamSqlRelUtils;
import org.apache.beam.sdk.extensions.sql.impl.schema.BeamPCollectionTable;
import org.apache.beam.sdk.extensions.sql.meta.BeamSqlTable;
import org.apache.beam.sdk.extensions.sql.meta.provider.ReadOnlyTableProvider;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.vendor.calcite.v1_40_0.org.apache.calcite.runtime.CalciteContextException;
import org.apache.beam.vendor.calcite.v1_40_0.org.apache.calcite.sql.parser.SqlParseException;
import org.odfbeam.core.model.Nullable;

/**
 * Plans one query step with Beam SQL over the tables of its input tuple (tag id = table name) and applies the plan:
 * what {@code SqlTransform.query(...)} does, with {@link BeamSqlPlanCheck} between planning and expansion, errors
 * translated into {@link OdfSqlException}s naming the step, and the column names Beam SQL loses restored
 * ({@link OutputColumns#repairedNames}).
 */
final class RunSqlStep extends PTransform<PCollectionTuple, PCollection<Row>> {
  private static final long serialVersionUID = 1L;

  /** Table type of the read-only provider holding the step's tables (as SqlTransform names it). */
  private static final String TABLE_TYPE = "odf";

  private final SqlStep step;

  RunSqlStep(SqlStep step) {
    this.step = step;
  }

  @Override
  @SuppressWarnings("unchecked")
  public PCollection<Row> expand(PCollectionTuple tables) {
    Map<String, BeamSqlTable> beamTables = new LinkedHashMap<>();
    for (Map.Entry<TupleTag<?>, PCollection<?>> table : tables.getAll().entrySet()) {
      beamTables.put(table.getKey().getId(), new BeamPCollectionTable<>((PCollection<Row>) table.getValue()));
    }
    BeamRelNode plan;
    try {
      BeamSqlEnv env = BeamSqlEnv.builder(new ReadOnlyTableProvider(TABLE_TYPE, beamTables))
          .setPipelineOptions(tables.getPipeline().getOptions())
          .build();
      plan = env.parseQuery(step.query());
    } catch (RuntimeException e) {
      throw new OdfSqlException(step, reason(e, step.query()), e);
    }
    List<String> problems = BeamSqlPlanCheck.problems(plan);
    if (!problems.isEmpty()) {
      throw new OdfSqlException(step, String.join("; ", problems), null);
    }
    PCollection<Row> rows;
    try {
      rows = BeamSqlRelUtils.toPCollection(tables.getPipeline(), plan);
    } catch (RuntimeException e) {
      throw new OdfSqlException(step, reason(e, step.query()), e);
    }
    Schema named = OutputColumns.repairedNames(rows.getSchema(), step);
    if (named != null) {
      rows = rows.apply("Restore column names", ParDo.of(new NameColumns(named))).setRowSchema(named);
    }
    return rows;
  }

  /** Why Beam SQL failed, in words: the first useful line of the innermost explanatory cause. */
  static String reason(Exception e, String query) {
    SqlParseException parse = find(e, SqlParseException.class);
    if (parse != null) {
      String hint = query.contains("\"")
          ? " (Beam SQL quotes identifiers with backticks, `offset`, not double quotes; strings take single quotes)"
          : " (names that are SQL keywords, such as `offset`, `system_time`, `second` or `large`, need backticks)";
      return "Beam SQL cannot parse it: " + firstLine(parse.getMessage(), "Was expecting") + hint;
    }
    CalciteContextException context = find(e, CalciteContextException.class);
    if (context != null) {
      String message = firstLine(context.getMessage(), null);
      String hint = "";
      if (message.contains("No match found for function signature")) {
        hint = " (Beam SQL's Calcite dialect has no such function)";
      } else if (message.contains("is not a temporal table")) {
        hint = " (Beam SQL cannot express temporal joins, FOR SYSTEM_TIME AS OF: it has no temporal tables)";
      }
      return "Beam SQL rejects it: " + message + hint;
    }
    UnsupportedOperationException unsupported = find(e, UnsupportedOperationException.class);
    if (unsupported != null) {
      return "Beam SQL cannot express this query: " + firstLine(unsupported.getMessage(), null);
    }
    if (e instanceof SqlConversionException) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return "Beam SQL cannot express this query: it has no implementation for part of its plan ("
          + firstLine(cause.getMessage(), ":") + ")";
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return "Beam SQL cannot express this query: planning failed with " + root.getClass().getSimpleName() + ": "
        + firstLine(root.getMessage(), null);
  }

  private static <T extends Throwable> @Nullable T find(Throwable e, Class<T> type) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  /** The text up to {@code stop} (if given and found) or the first line break, trimmed, at most 400 chars. */
  private static String firstLine(@Nullable String message, @Nullable String stop) {
    if (message == null) {
      return "(no message)";
    }
    String text = message;
    if (stop != null && text.indexOf(stop) > 0) {
      text = text.substring(0, text.indexOf(stop));
    }
    int nl = text.indexOf('\n');
    if (nl > 0) {
      text = text.substring(0, nl);
    }
    text = text.strip();
    if (text.endsWith(".") || text.endsWith("!")) {
      text = text.substring(0, text.length() - 1);
    }
    return text.length() <= 400 ? text : text.substring(0, 400) + " …";
  }

  /** Re-labels rows with the repaired schema (same values, same order). */
  private static final class NameColumns extends DoFn<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Schema schema;

    NameColumns(Schema schema) {
      this.schema = schema;
    }

    @ProcessElement
    public void processElement(@Element Row row, OutputReceiver<Row> out) {
      out.output(Row.withSchema(schema).attachValues(row.getValues()));
    }
  }
}
