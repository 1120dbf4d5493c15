package org.odfbeam.transforms.time;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema.TypeName;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;
import org.joda.time.ReadableInstant;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.data.Vocabulary;
import org.odfbeam.transforms.InvalidDataException;

/**
 * Gives every row an event time: writes it to the event time column (named by the {@link Vocabulary},
 * {@code event_time} by default, DATETIME NOT NULL) and makes it the element's timestamp. Obtain it from
 * {@link EventTimes}; see there for the sources of event time.
 *
 * <p><b>Output schema.</b> If the input has a column named like the event time column, it is replaced in place by
 * the DATETIME column; otherwise the event time column is added first (system columns come first in ODF). Every
 * other column is kept as is, including the column the event time was read from.
 *
 * <p><b>Timestamps.</b> Elements are re-timestamped with {@code outputWithTimestamp}, which may move them
 * backwards in time, so the transform allows unlimited timestamp skew. Moving an element behind the watermark of
 * its input makes it late downstream: apply this transform right after a source whose watermark does not run ahead
 * of the data (a bounded read, {@code Create}, {@code OdfWatermarks.read}). Event times are kept with millisecond
 * precision (finer digits are dropped), as ODF stores them.
 *
 * <p><b>Errors.</b> A null or unparsable event time fails the bundle with an {@link InvalidDataException} naming
 * the column, the value and the row; a missing column or an unsupported column type fails when the transform is
 * applied, with the input schema in the message.
 */
public final class ExtractEventTime extends PTransform<PCollection<Row>, PCollection<Row>> {
  private static final long serialVersionUID = 1L;

  private final Extractor extractor;
  private final Vocabulary vocabulary;

  ExtractEventTime(Extractor extractor, Vocabulary vocabulary) {
    this.extractor = extractor;
    this.vocabulary = vocabulary;
  }

  /**
   * The same transform for a dataset with these system column names: the event time column is
   * {@code vocabulary.eventTimeColumn()} (e.g. {@code reported_date}). Default {@link Vocabulary#DEFAULT}.
   */
  public ExtractEventTime withVocabulary(Vocabulary vocabulary) {
    Objects.requireNonNull(vocabulary, "withVocabulary() requires a vocabulary");
    return new ExtractEventTime(extractor, vocabulary);
  }

  /**
   * For a column source: parse STRING values with this format instead of RFC 3339 ({@code "%Y-%m-%d"},
   * {@code "yyyy-MM-dd HH:mm"}, see {@link TimestampFormat}).
   *
   * @throws IllegalArgumentException if the event time does not come from a column, or the format is invalid
   */
  public ExtractEventTime withFormat(String format) {
    if (!(extractor instanceof ColumnExtractor c)) {
      throw new IllegalArgumentException("withFormat(\"" + format + "\") applies only to EventTimes.fromColumn(),"
          + " but the event time comes from " + extractor.describe());
    }
    return new ExtractEventTime(new ColumnExtractor(c.column, TimestampFormat.of(format)), vocabulary);
  }

  /** The name of the output's event time column. */
  public String eventTimeColumn() {
    return vocabulary.eventTimeColumn();
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> input) {
    if (!input.hasSchema()) {
      throw new IllegalArgumentException("Cannot extract event time: the input PCollection " + input.getName()
          + " has no schema; ExtractEventTime needs a PCollection<Row> with a schema");
    }
    Schema in = input.getSchema();
    Extractor bound = extractor.bind(in, vocabulary);
    String target = vocabulary.eventTimeColumn();
    int replace = in.hasField(target) ? in.indexOf(target) : -1;
    Schema.Builder b = Schema.builder();
    if (replace < 0) {
      b.addField(Field.of(target, FieldType.DATETIME));
    }
    for (Field f : in.getFields()) {
      b.addField(f.getName().equals(target) ? Field.of(target, FieldType.DATETIME) : f);
    }
    Schema out = b.build();
    return input.apply("Assign event time", ParDo.of(new AssignFn(bound, out, replace)))
        .setRowSchema(out);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("eventTimeSource", extractor.describe()))
        .add(DisplayData.item("eventTimeColumn", vocabulary.eventTimeColumn()));
  }

  /** Sets the event time column and the element timestamp. */
  private static final class AssignFn extends DoFn<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Extractor extractor;
    private final Schema out;
    private final int replace;

    AssignFn(Extractor extractor, Schema out, int replace) {
      this.extractor = extractor;
      this.out = out;
      this.replace = replace;
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<Row> receiver) {
      Instant t = extractor.extract(row);
      long millis;
      try {
        millis = t.toEpochMilli();
      } catch (ArithmeticException e) {
        millis = Long.MIN_VALUE;
      }
      org.joda.time.Instant ts = new org.joda.time.Instant(millis);
      if (ts.isBefore(BoundedWindow.TIMESTAMP_MIN_VALUE) || ts.isAfter(BoundedWindow.TIMESTAMP_MAX_VALUE)) {
        throw new InvalidDataException("Cannot extract event time: " + t + " from " + extractor.describe()
            + " is outside the range of Beam timestamps in row " + row);
      }
      List<Object> values = new ArrayList<>(row.getValues());
      if (replace >= 0) {
        values.set(replace, ts);
      } else {
        values.add(0, ts);
      }
      receiver.outputWithTimestamp(Row.withSchema(out).addValues(values).build(), ts);
    }

    /** Event times may precede the input timestamps (e.g. rows read with the pipeline's start time). */
    @SuppressWarnings("deprecation")
    @Override
    public Duration getAllowedTimestampSkew() {
      return Duration.millis(Long.MAX_VALUE);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Where the event time comes from

  /** One source of event time. */
  interface Extractor extends Serializable {
    /** Checks the input schema when the transform is applied; returns the extractor to run on it. */
    Extractor bind(Schema input, Vocabulary vocabulary);

    /** The event time of {@code row}, never null. */
    Instant extract(Row row);

    /** Human-readable source, for messages and display data. */
    String describe();
  }

  /** The value of a DATETIME, DATE, INT64 (epoch millis) or STRING column. */
  static final class ColumnExtractor implements Extractor {
    private static final long serialVersionUID = 1L;
    final String column;
    final TimestampFormat format;

    ColumnExtractor(String column, TimestampFormat format) {
      this.column = column;
      this.format = format;
    }

    @Override
    public Extractor bind(Schema input, Vocabulary vocabulary) {
      if (!input.hasField(column)) {
        throw new IllegalArgumentException("Cannot extract event time: no column '" + column + "' in the input;"
            + " columns are " + input.getFieldNames());
      }
      FieldType type = input.getField(column).getType();
      if (!isSupported(type)) {
        throw new IllegalArgumentException("Cannot extract event time: column '" + column + "' has type " + type
            + "; supported are DATETIME, DATE, INT64 (epoch milliseconds) and STRING (parsed with a format)");
      }
      return this;
    }

    static boolean isSupported(FieldType type) {
      TypeName n = type.getTypeName();
      if (n == TypeName.DATETIME || n == TypeName.INT64 || n == TypeName.STRING) {
        return true;
      }
      if (n == TypeName.LOGICAL_TYPE) {
        Object id = type.getLogicalType().getIdentifier();
        return id.equals(org.apache.beam.sdk.schemas.logicaltypes.SqlTypes.DATE.getIdentifier())
            || id.equals(org.apache.beam.sdk.schemas.logicaltypes.SqlTypes.DATETIME.getIdentifier())
            || id.equals(org.apache.beam.sdk.schemas.logicaltypes.SqlTypes.TIMESTAMP.getIdentifier());
      }
      return false;
    }

    @Override
    public Instant extract(Row row) {
      Instant t = orNull(row);
      if (t == null) {
        throw new InvalidDataException("Cannot extract event time: column '" + column + "' is null in row " + row);
      }
      return t;
    }

    /** The event time, or null when the column is null. */
    @Nullable Instant orNull(Row row) {
      Object v = row.getValue(column);
      if (v == null) {
        return null;
      }
      if (v instanceof ReadableInstant i) {
        return Instant.ofEpochMilli(i.getMillis());
      }
      if (v instanceof Instant i) {
        return i;
      }
      if (v instanceof LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      if (v instanceof LocalDateTime d) {
        return d.toInstant(ZoneOffset.UTC);
      }
      if (v instanceof Long l) {
        return Instant.ofEpochMilli(l);
      }
      if (v instanceof String s) {
        try {
          return format.parse(s);
        } catch (IllegalArgumentException e) {
          throw new InvalidDataException("Cannot extract event time from column '" + column + "': "
              + e.getMessage() + " in row " + row);
        }
      }
      throw new InvalidDataException("Cannot extract event time: column '" + column + "' holds a "
          + v.getClass().getName() + " in row " + row);
    }

    @Override
    public String describe() {
      return "column '" + column + "'" + (format == TimestampFormat.RFC3339 ? "" : " (format " + format.pattern()
          + ")");
    }
  }

  /** A function of the row. */
  static final class FunctionExtractor implements Extractor {
    private static final long serialVersionUID = 1L;
    private final SerializableFunction<Row, Instant> fn;

    FunctionExtractor(SerializableFunction<Row, Instant> fn) {
      this.fn = fn;
    }

    @Override
    public Extractor bind(Schema input, Vocabulary vocabulary) {
      return this;
    }

    @Override
    public Instant extract(Row row) {
      Instant t = fn.apply(row);
      if (t == null) {
        throw new InvalidDataException("Cannot extract event time: the expression returned null for row " + row);
      }
      return t;
    }

    @Override
    public String describe() {
      return "an expression";
    }
  }

  /**
   * A time from the source ({@code EventTimeSource} FromPath / FromSystemTime), used as kamu does: as the
   * fallback for rows whose event time column is absent or null.
   */
  static final class FallbackExtractor implements Extractor {
    private static final long serialVersionUID = 1L;
    private final PerRow source;
    private final @Nullable ColumnExtractor existing;

    FallbackExtractor(PerRow source, @Nullable ColumnExtractor existing) {
      this.source = source;
      this.existing = existing;
    }

    @Override
    public Extractor bind(Schema input, Vocabulary vocabulary) {
      source.validate(input);
      String name = vocabulary.eventTimeColumn();
      if (!input.hasField(name)) {
        return new FallbackExtractor(source, null);
      }
      ColumnExtractor column = new ColumnExtractor(name, TimestampFormat.RFC3339);
      column.bind(input, vocabulary);
      return new FallbackExtractor(source, column);
    }

    @Override
    public Instant extract(Row row) {
      if (existing != null) {
        Instant t = existing.orNull(row);
        if (t != null) {
          return t;
        }
      }
      return source.time(row);
    }

    @Override
    public String describe() {
      return source.describe();
    }
  }

  /** The source time of a row. */
  interface PerRow extends Serializable {
    void validate(Schema input);

    Instant time(Row row);

    String describe();
  }

  /** One time for every row (system time, or a path given up front). */
  record Constant(Instant time, String describe) implements PerRow {
    @Override
    public void validate(Schema input) {}

    @Override
    public Instant time(Row row) {
      return time;
    }
  }

  /** kamu's FromPath: a regex whose group 1 is the timestamp, matched against a file name. */
  record FromPath(String pattern, TimestampFormat format, @Nullable String pathColumn) implements PerRow {
    FromPath {
      Pattern p;
      try {
        p = Pattern.compile(pattern);
      } catch (java.util.regex.PatternSyntaxException e) {
        throw new IllegalArgumentException("Invalid FromPath pattern '" + pattern + "': " + e.getDescription(), e);
      }
      if (p.matcher("").groupCount() < 1) {
        throw new IllegalArgumentException("Invalid FromPath pattern '" + pattern + "': pattern doesn't have group 1"
            + " (the group that captures the timestamp)");
      }
    }

    @Override
    public void validate(Schema input) {
      if (!input.hasField(pathColumn)) {
        throw new IllegalArgumentException("Cannot extract event time FromPath: no path column '" + pathColumn
            + "' in the input; columns are " + input.getFieldNames());
      }
      if (input.getField(pathColumn).getType().getTypeName() != TypeName.STRING) {
        throw new IllegalArgumentException("Cannot extract event time FromPath: path column '" + pathColumn
            + "' has type " + input.getField(pathColumn).getType() + ", not STRING");
      }
    }

    @Override
    public Instant time(Row row) {
      String path = row.getString(pathColumn);
      if (path == null) {
        throw new InvalidDataException("Cannot extract event time FromPath: path column '" + pathColumn
            + "' is null in row " + row);
      }
      try {
        return parse(path);
      } catch (IllegalArgumentException e) {
        throw new InvalidDataException(e.getMessage() + " in row " + row);
      }
    }

    /** The time in the file name of {@code path} (its last component, as kamu matches file names). */
    Instant parse(String path) {
      String name = fileName(path);
      Matcher m = Pattern.compile(pattern).matcher(name);
      if (!m.find()) {
        throw new IllegalArgumentException("Cannot extract event time FromPath: failed to match pattern "
            + pattern + " to " + name);
      }
      String text = m.group(1);
      if (text == null) {
        throw new IllegalArgumentException("Cannot extract event time FromPath: group 1 of pattern " + pattern
            + " did not participate in the match of " + name);
      }
      return format.parse(text);
    }

    static String fileName(String path) {
      String p = path;
      while (p.endsWith("/") && p.length() > 1) {
        p = p.substring(0, p.length() - 1);
      }
      int slash = p.lastIndexOf('/');
      return slash < 0 ? p : p.substring(slash + 1);
    }

    @Override
    public String describe() {
      return "FromPath(pattern " + pattern + ", format " + format.pattern() + ", path column '" + pathColumn + "')";
    }
  }
}
