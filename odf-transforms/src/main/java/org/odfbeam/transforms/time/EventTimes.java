package org.odfbeam.transforms.time;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.core.model.EventTimeSource;
import org.odfbeam.core.model.EventTimeSourceFromMetadata;
import org.odfbeam.core.model.EventTimeSourceFromPath;
import org.odfbeam.core.model.EventTimeSourceFromSystemTime;
import org.odfbeam.data.Vocabulary;

/**
 * Factories of {@link ExtractEventTime}: transforms over {@code PCollection<Row>} that give each row an event time
 * column (named by the {@link Vocabulary}, {@code event_time} by default, DATETIME) and set the element timestamps
 * to it, so windowing and watermarks downstream work in event time.
 *
 * <pre>{@code
 * rows.apply(EventTimes.fromColumn("observed_at"));                       // DATETIME, DATE or INT64 millis
 * rows.apply(EventTimes.fromColumn("day").withFormat("%Y-%m-%d"));        // STRING, strftime-like
 * rows.apply(EventTimes.fromColumn("ts").withFormat("dd.MM.uuuu HH:mm")); // STRING, Java pattern
 * rows.apply(EventTimes.fromExpression(r -> Instant.ofEpochSecond(r.getInt64("epoch_s"))));
 * rows.apply(EventTimes.of(source.eventTime()).withPathColumn("file")    // an ODF EventTimeSource
 *     .withVocabulary(new Vocabulary("offset", "op", "system_time", "reported_at")));
 * }</pre>
 *
 * <h2>Event time from the data</h2>
 * {@link #fromColumn} reads a column of type DATETIME, DATE (midnight UTC), INT64 (epoch milliseconds), Beam SQL's
 * DATETIME/TIMESTAMP logical types (UTC), or STRING parsed with a {@link TimestampFormat} (RFC 3339 by default).
 * {@link #fromExpression} computes it from the row with a deterministic function. A null value fails the pipeline
 * with an {@link org.odfbeam.transforms.InvalidDataException}.
 *
 * <h2>Event time from the source: {@code EventTimeSource}</h2>
 * {@link #of(EventTimeSource)} follows kamu-cli's polling ingest
 * ({@code kamu-data/kamu-cli:src/infra/core/src/services/ingest/fetch_service/file.rs} and
 * {@code src/infra/ingest-datafusion/src/writer.rs}): the source's time is a <em>fallback</em>. Rows whose event
 * time column is present and non-null keep it; it fills the null ones, and is the whole column when the input has
 * none (kamu: {@code coalesce(event_time, source_event_time)}).
 * <ul>
 *   <li>{@code FromPath(pattern, timestampFormat)}: the regular expression is searched in the <em>file name</em>
 *       (last path component, as kamu matches the names of a {@code FilesGlob}); group 1 is the timestamp, parsed
 *       with {@code timestampFormat} (default {@code %Y-%m-%d}, kamu's default; a date without time is midnight
 *       UTC). The path comes per row from {@link SourceEventTime#withPathColumn} (e.g. the file name
 *       column of a {@code FileIO} read) or once from {@link SourceEventTime#withPath}. A name the pattern
 *       does not match fails with kamu's message {@code Failed to match pattern … to …}.
 *   <li>{@code FromSystemTime}: the ingest's system time, {@link SourceEventTime#withSystemTime} (pass
 *       the same value as {@code OdfWrite.withSystemTime}); default: the time the transform is built, truncated to
 *       milliseconds.
 *   <li>{@code FromMetadata}: refused, as kamu refuses it for a {@code FilesGlob} source ("does not support
 *       extracting event time fromMetadata, you should use fromPath instead"). kamu uses a single file's
 *       modification time or an HTTP {@code Last-Modified} header here; put that time in a column and use
 *       {@link #fromColumn}.
 * </ul>
 */
public final class EventTimes {
  private EventTimes() {}

  /** Event time from a DATETIME, DATE, INT64 (epoch millis) or STRING (RFC 3339 unless {@code withFormat}) column. */
  public static ExtractEventTime fromColumn(String column) {
    if (column == null || column.isEmpty()) {
      throw new IllegalArgumentException("EventTimes.fromColumn() requires a column name, but was '" + column + "'");
    }
    return new ExtractEventTime(new ExtractEventTime.ColumnExtractor(column, TimestampFormat.RFC3339),
        Vocabulary.DEFAULT);
  }

  /**
   * Event time computed from each row; the function must be deterministic and return a non-null instant (kept with
   * millisecond precision).
   */
  public static ExtractEventTime fromExpression(SerializableFunction<Row, Instant> expression) {
    Objects.requireNonNull(expression, "EventTimes.fromExpression() requires a function");
    return new ExtractEventTime(new ExtractEventTime.FunctionExtractor(expression), Vocabulary.DEFAULT);
  }

  /**
   * Event time from an ODF {@code EventTimeSource} (of a {@code FetchStepFilesGlob} or {@code FetchStepUrl}); a null
   * source means kamu's default for files, {@code FromSystemTime}. Finish it with {@code withPathColumn} /
   * {@code withPath} (FromPath) or {@code withSystemTime} (FromSystemTime).
   *
   * @throws IllegalArgumentException for {@code FromMetadata}, or a {@code FromPath} whose pattern does not compile,
   *     has no group 1 or whose format is invalid
   */
  public static SourceEventTime of(EventTimeSource source) {
    if (source == null || source instanceof EventTimeSourceFromSystemTime) {
      return SourceEventTime.systemTime(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }
    if (source instanceof EventTimeSourceFromPath p) {
      return SourceEventTime.path(p.pattern(),
          TimestampFormat.of(p.timestampFormat() == null ? "%Y-%m-%d" : p.timestampFormat()));
    }
    if (source instanceof EventTimeSourceFromMetadata) {
      throw new IllegalArgumentException("Cannot extract event time FromMetadata: a files source does not support"
          + " extracting event time from metadata (kamu-cli refuses it too: \"Files glob source does not support"
          + " extracting event time fromMetadata, you should use fromPath instead\"); use EventTimeSource FromPath"
          + " or FromSystemTime, or put the file's modification time in a column and use EventTimes.fromColumn()");
    }
    throw new IllegalArgumentException("Unsupported EventTimeSource " + source);
  }
}
