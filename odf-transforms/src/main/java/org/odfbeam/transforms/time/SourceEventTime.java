package org.odfbeam.transforms.time;

import java.time.Instant;
import java.util.Objects;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.data.Vocabulary;

/**
 * Event time from an ODF {@code EventTimeSource} ({@code FromPath} or {@code FromSystemTime}), used as kamu uses it:
 * as the fallback for rows whose event time column is absent or null. Obtain it from
 * {@link EventTimes#of(org.odfbeam.core.model.EventTimeSource)}; the output is as {@link ExtractEventTime}'s.
 */
public final class SourceEventTime extends PTransform<PCollection<Row>, PCollection<Row>> {
  private static final long serialVersionUID = 1L;

  private final @Nullable ExtractEventTime.FromPath path;
  private final @Nullable ExtractEventTime.Constant constant;
  private final Vocabulary vocabulary;

  private SourceEventTime(@Nullable ExtractEventTime.FromPath path, @Nullable ExtractEventTime.Constant constant,
      Vocabulary vocabulary) {
    this.path = path;
    this.constant = constant;
    this.vocabulary = vocabulary;
  }

  static SourceEventTime systemTime(Instant systemTime) {
    return new SourceEventTime(null, new ExtractEventTime.Constant(systemTime, "FromSystemTime(" + systemTime + ")"),
        Vocabulary.DEFAULT);
  }

  static SourceEventTime path(String pattern, TimestampFormat format) {
    return new SourceEventTime(new ExtractEventTime.FromPath(pattern, format, null), null, Vocabulary.DEFAULT);
  }

  /**
   * FromPath: the STRING column holding each row's file path or name (e.g. the file name of the {@code FileIO}
   * match a row was read from).
   */
  public SourceEventTime withPathColumn(String column) {
    ExtractEventTime.FromPath p = requirePath("withPathColumn(\"" + column + "\")");
    if (column == null || column.isEmpty()) {
      throw new IllegalArgumentException("withPathColumn() requires a column name, but was '" + column + "'");
    }
    return new SourceEventTime(new ExtractEventTime.FromPath(p.pattern(), p.format(), column), null, vocabulary);
  }

  /**
   * FromPath: the one file all rows come from; its time is extracted now.
   *
   * @throws IllegalArgumentException if the pattern does not match the file name or the timestamp does not parse
   */
  public SourceEventTime withPath(String filePath) {
    ExtractEventTime.FromPath p = requirePath("withPath(\"" + filePath + "\")");
    Objects.requireNonNull(filePath, "withPath() requires a path");
    Instant t = p.parse(filePath);
    return new SourceEventTime(null, new ExtractEventTime.Constant(t, "FromPath(" + filePath + " = " + t + ")"),
        vocabulary);
  }

  /** FromSystemTime: the ingest's system time (default: when {@link EventTimes#of} was called). */
  public SourceEventTime withSystemTime(Instant systemTime) {
    Objects.requireNonNull(systemTime, "withSystemTime() requires a time");
    if (path != null || constant == null || !constant.describe().startsWith("FromSystemTime")) {
      throw new IllegalArgumentException("withSystemTime() applies only to EventTimeSource FromSystemTime, but the"
          + " source is " + describe());
    }
    return new SourceEventTime(null, new ExtractEventTime.Constant(systemTime, "FromSystemTime(" + systemTime + ")"),
        vocabulary);
  }

  /** The system column names; the event time column is {@code vocabulary.eventTimeColumn()}. */
  public SourceEventTime withVocabulary(Vocabulary vocabulary) {
    Objects.requireNonNull(vocabulary, "withVocabulary() requires a vocabulary");
    return new SourceEventTime(path, constant, vocabulary);
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> input) {
    ExtractEventTime.PerRow source;
    if (constant != null) {
      source = constant;
    } else if (path.pathColumn() != null) {
      source = path;
    } else {
      throw new IllegalArgumentException("Cannot extract event time " + describe() + ": FromPath needs the path,"
          + " give withPathColumn(column) or withPath(file)");
    }
    return input.apply("Assign source event time",
        new ExtractEventTime(new ExtractEventTime.FallbackExtractor(source, null), vocabulary));
  }

  private ExtractEventTime.FromPath requirePath(String call) {
    if (path == null) {
      throw new IllegalArgumentException(call + " applies only to EventTimeSource FromPath, but the source is "
          + describe());
    }
    return path;
  }

  private String describe() {
    return path != null ? "FromPath(pattern " + path.pattern() + ", format " + path.format().pattern() + ")"
        : constant.describe();
  }
}
