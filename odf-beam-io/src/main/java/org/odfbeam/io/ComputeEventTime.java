package org.odfbeam.io;

import java.time.Instant;
import java.util.Objects;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.Row;

/**
 * The first stage of a write given {@link OdfWrite#withEventTime}: appends to each record the event time the
 * function computes from it, as a DATETIME NOT NULL column named by the write's vocabulary (truncated to
 * milliseconds). From then on the write treats that column like an event time column of the input: it orders the
 * offsets and is stored as the dataset's event time column.
 */
final class ComputeEventTime extends DoFn<Row, Row> {
  private static final long serialVersionUID = 1L;
  /** How much of a record a message shows. */
  private static final int MAX_RECORD_TEXT = 300;

  private final String dataset;
  private final SerializableFunction<Row, Instant> function;
  private final Schema output;

  ComputeEventTime(String dataset, SerializableFunction<Row, Instant> function, Schema output) {
    this.dataset = Objects.requireNonNull(dataset, "dataset");
    this.function = Objects.requireNonNull(function, "function");
    this.output = Objects.requireNonNull(output, "output");
  }

  /**
   * The schema of the records this stage emits: {@code input} plus {@code column} (DATETIME NOT NULL) at the end.
   *
   * @throws IllegalArgumentException naming the dataset if the input already has a column of that name
   */
  static Schema outputSchema(String dataset, Schema input, String column) {
    if (input.hasField(column)) {
      throw new IllegalArgumentException("Cannot write to " + dataset + ": the input has a column '" + column
          + "', the event time column of the vocabulary, but withEventTime() computes the event time; drop or"
          + " rename that column, or use withEventTimeColumn(\"" + column + "\") instead of withEventTime()");
    }
    return Schema.builder().addFields(input.getFields()).addField(column, FieldType.DATETIME).build();
  }

  @ProcessElement
  public void processElement(@Element Row row, OutputReceiver<Row> out) {
    Instant eventTime = function.apply(row);
    if (eventTime == null) {
      throw new IllegalArgumentException("Cannot write to " + dataset + ": the withEventTime() function returned"
          + " null for the record " + abbreviate(row) + "; it must return an event time for every record");
    }
    long millis;
    try {
      millis = eventTime.toEpochMilli();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("Cannot write to " + dataset + ": the withEventTime() function returned "
          + eventTime + " for the record " + abbreviate(row) + ", which is outside the range of millisecond"
          + " timestamps", e);
    }
    out.output(Row.withSchema(output).addValues(row.getValues())
        .addValue(new org.joda.time.Instant(millis)).build());
  }

  /** One line, e.g. {@code {city=Oslo, population=709037}}, cut after {@value #MAX_RECORD_TEXT} characters. */
  private static String abbreviate(Row row) {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < row.getFieldCount() && b.length() <= MAX_RECORD_TEXT; i++) {
      Object value = row.getValue(i);
      b.append(i == 0 ? "" : ", ").append(row.getSchema().getField(i).getName()).append('=')
          .append(value instanceof byte[] bytes ? bytes.length + " bytes" : value);
    }
    String text = b.append('}').toString();
    return text.length() <= MAX_RECORD_TEXT ? text : text.substring(0, MAX_RECORD_TEXT) + "…}";
  }
}
