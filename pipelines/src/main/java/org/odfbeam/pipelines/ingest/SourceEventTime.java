package org.odfbeam.pipelines.ingest;

import java.io.Serializable;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.pipelines.ingest.Types.Kind;

/**
 * How {@link ReadFiles#withSourceEventTimeColumn} puts a file's source event time into its rows, decided from the
 * rows' schema when the pipeline is built:
 * <ul>
 *   <li>no such column: append it (TIMESTAMP NOT NULL);
 *   <li>a TIMESTAMP column: fill its nulls (kamu's {@code coalesce} with the fallback event time,
 *       kamu-data/kamu-cli:src/infra/ingest-datafusion/src/writer.rs);
 *   <li>an inferred (not declared) STRING or integer column: coerce it to TIMESTAMP first, as kamu's
 *       {@code preprocess_default} does when a read step has no schema (kamu-data/kamu-cli:
 *       src/infra/core/src/services/ingest/ingest_common.rs): strings are RFC 3339 ({@link TimeFormat}), integers
 *       are seconds since the Unix epoch; then fill its nulls;
 *   <li>anything else is refused.
 * </ul>
 */
final class SourceEventTime implements Serializable {
  private static final long serialVersionUID = 1L;

  private enum Mode { APPEND, FILL, COERCE }

  private final Mode mode;
  private final int index;
  private final Kind from;
  private final Schema output;

  private SourceEventTime(Mode mode, int index, Kind from, Schema output) {
    this.mode = mode;
    this.index = index;
    this.from = from;
    this.output = output;
  }

  /**
   * Plans the column for rows of {@code data}.
   *
   * @param inferred whether the schema was inferred (coercion applies only then)
   * @param field the read step's manifest field, for messages
   * @throws IllegalArgumentException if the column exists with a type that cannot take the time
   */
  static SourceEventTime of(Schema data, String column, boolean inferred, String field) {
    if (!data.hasField(column)) {
      Schema out = Schema.builder().addFields(data.getFields()).addField(column, FieldType.DATETIME).build();
      return new SourceEventTime(Mode.APPEND, data.getFieldCount(), Kind.DATETIME, out);
    }
    int i = data.indexOf(column);
    FieldType t = data.getField(i).getType();
    Kind k = Types.kind(t);
    if (k == Kind.DATETIME) {
      return new SourceEventTime(Mode.FILL, i, k, data);
    }
    if (inferred && (k == Kind.STRING || Types.isInteger(k))) {
      List<Schema.Field> fields = new ArrayList<>(data.getFields());
      fields.set(i, Schema.Field.nullable(column, FieldType.DATETIME));
      return new SourceEventTime(Mode.COERCE, i, k, Schema.builder().addFields(fields).build());
    }
    throw new IllegalArgumentException("withSourceEventTimeColumn(\"" + column + "\"): the rows of " + field
        + " have that column as " + Types.describe(t) + ", but it must be TIMESTAMP to take the source event time;"
        + " declare it TIMESTAMP in the read schema or choose another column");
  }

  /** The rows' schema with the column. */
  Schema output() {
    return output;
  }

  /**
   * The row with the column set.
   *
   * @throws BadInputException naming the file, record and value if a coerced value is not a time
   */
  Row apply(Row row, org.joda.time.Instant eventTime, String file, long record) {
    if (mode == Mode.FILL && row.getValue(index) != null) {
      return row;
    }
    List<Object> values = new ArrayList<>(row.getValues());
    if (mode == Mode.APPEND) {
      values.add(eventTime);
    } else {
      Object v = values.get(index);
      values.set(index, v == null ? eventTime : coerce(v, file, record));
    }
    return Row.withSchema(output).attachValues(values);
  }

  private @Nullable Object coerce(Object v, String file, long record) {
    if (mode != Mode.COERCE) {
      return v;
    }
    String column = output.getField(index).getName();
    try {
      if (from == Kind.STRING) {
        return new org.joda.time.Instant(TimeFormat.parseLenient((String) v).toEpochMilli());
      }
      return new org.joda.time.Instant(Math.multiplyExact(((Number) v).longValue(), 1000L));
    } catch (DateTimeException | ArithmeticException e) {
      throw new BadInputException(file, "record " + record, column, "cannot read '" + v + "' as the event time: "
          + (from == Kind.STRING ? "expected RFC 3339, e.g. 2022-09-25T01:02:03Z" : "out of range"));
    }
  }
}
