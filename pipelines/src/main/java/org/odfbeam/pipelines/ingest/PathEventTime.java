package org.odfbeam.pipelines.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.odfbeam.core.model.EventTimeSourceFromPath;

/**
 * {@code EventTimeSource::FromPath}: the first group of {@code pattern}, searched in the file name (not the whole
 * path, as kamu does), parsed with {@code timestampFormat} (default {@code %Y-%m-%d}; see {@link TimeFormat})
 * (kamu-data/kamu-cli:src/infra/core/src/services/ingest/fetch_service/file.rs,
 * {@code extract_event_time_from_path}). The pattern is a Java regular expression, which agrees with Rust's
 * {@code regex} for the usual {@code data-(\d+-\d+-\d+)\.csv} forms.
 */
final class PathEventTime {
  private final Pattern pattern;
  private final TimeFormat format;
  private final String field;

  private PathEventTime(Pattern pattern, TimeFormat format, String field) {
    this.pattern = pattern;
    this.format = format;
    this.field = field;
  }

  /**
   * Compiles the source.
   *
   * @param field the manifest field of the event time source, e.g. {@code content.metadata[0].fetch.eventTime}
   * @throws UnsupportedSourceException if the pattern or the format is invalid or the pattern has no group
   */
  static PathEventTime of(EventTimeSourceFromPath source, String field) {
    Pattern p;
    try {
      p = Pattern.compile(source.pattern());
    } catch (PatternSyntaxException e) {
      throw new UnsupportedSourceException(field + ".pattern", "Cannot use " + field + ".pattern '"
          + source.pattern() + "': invalid regular expression: " + e.getDescription());
    }
    if (p.matcher("").groupCount() < 1) {
      throw new UnsupportedSourceException(field + ".pattern", "Cannot use " + field + ".pattern '"
          + source.pattern() + "': it has no group; the first group must capture the timestamp");
    }
    String fmt = source.timestampFormat() == null ? TimeFormat.KAMU_PATH_DEFAULT : source.timestampFormat();
    TimeFormat format;
    try {
      format = TimeFormat.of(fmt);
    } catch (IllegalArgumentException e) {
      throw new UnsupportedSourceException(field + ".timestampFormat", "Cannot use " + field
          + ".timestampFormat: " + e.getMessage());
    }
    return new PathEventTime(p, format, field);
  }

  /**
   * The event time of a file.
   *
   * @throws IllegalArgumentException naming the file name, the pattern and the format if it does not match
   */
  Instant of(String fileName) {
    Matcher m = pattern.matcher(fileName);
    if (!m.find() || m.group(1) == null) {
      throw new IllegalArgumentException("Cannot extract the event time of '" + fileName + "': " + field
          + ".pattern '" + pattern + "' does not match it");
    }
    try {
      return format.parseInstant(m.group(1));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("Cannot extract the event time of '" + fileName + "': '" + m.group(1)
          + "' does not match " + field + ".timestampFormat '" + format + "' (" + e.getMessage() + ")", e);
    }
  }
}
