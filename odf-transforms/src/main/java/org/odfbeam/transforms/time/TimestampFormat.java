package org.odfbeam.transforms.time;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Objects;

/**
 * How a text timestamp is parsed into an {@link Instant}: RFC 3339 (the default), a strftime-like pattern (kamu's
 * {@code timestampFormat}, chrono syntax, e.g. {@code %Y-%m-%d}) or a {@link DateTimeFormatter} pattern (the ODF
 * schema's "SimpleDateFormat form", e.g. {@code yyyy-MM-dd HH:mm}).
 *
 * <p>A pattern containing {@code %} is strftime-like; any other is a Java pattern. Supported strftime
 * directives: {@code %Y %m %d %H %M %S %f} (fraction, 1-9 digits) {@code %z} ({@code +0100}) {@code %:z}
 * ({@code +01:00}) {@code %j %b %y %T} ({@code %H:%M:%S}) {@code %F} ({@code %Y-%m-%d}) {@code %%}. Values
 * without an offset are UTC; values without a time of day are midnight UTC (kamu parses a date-only
 * {@code FromPath} timestamp the same way). Immutable and serializable.
 */
public final class TimestampFormat implements Serializable {
  private static final long serialVersionUID = 1L;

  /** RFC 3339 / ISO 8601 with an offset, e.g. {@code 2020-01-01T12:00:00Z} or {@code 2020-01-01T14:00:00+02:00}. */
  public static final TimestampFormat RFC3339 = new TimestampFormat("rfc3339", null);

  private final String pattern;
  private final String javaPattern;
  private transient DateTimeFormatter formatter;

  private TimestampFormat(String pattern, String javaPattern) {
    this.pattern = pattern;
    this.javaPattern = javaPattern;
  }

  /**
   * The format of {@code pattern}: {@code "rfc3339"} (case-insensitive), a strftime-like pattern (contains
   * {@code %}) or a Java {@link DateTimeFormatter} pattern.
   *
   * @throws IllegalArgumentException naming the pattern if it is empty, uses an unsupported directive or is not a
   *     valid Java pattern
   */
  public static TimestampFormat of(String pattern) {
    Objects.requireNonNull(pattern, "TimestampFormat.of() requires a pattern");
    if (pattern.isBlank()) {
      throw new IllegalArgumentException("Invalid timestamp format '" + pattern + "': the pattern is empty");
    }
    if (pattern.equalsIgnoreCase("rfc3339")) {
      return RFC3339;
    }
    String java = pattern.indexOf('%') >= 0 ? strftimeToJava(pattern) : pattern;
    TimestampFormat f = new TimestampFormat(pattern, java);
    try {
      f.formatter();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid timestamp format '" + pattern + "': " + e.getMessage(), e);
    }
    return f;
  }

  /** The pattern as given ({@code rfc3339} for the default). */
  public String pattern() {
    return pattern;
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the text and the pattern if it does not match
   */
  public Instant parse(String text) {
    Objects.requireNonNull(text, "text");
    try {
      if (javaPattern == null) {
        return OffsetDateTime.parse(text.trim().replace(' ', 'T'), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
            .toInstant();
      }
      TemporalAccessor t = formatter().parse(text);
      LocalDate date = t.query(TemporalQueries.localDate());
      if (date == null) {
        throw new IllegalArgumentException("Cannot parse timestamp '" + text + "' with format '" + pattern
            + "': the format gives no date");
      }
      LocalTime time = t.query(TemporalQueries.localTime());
      ZoneOffset offset = t.query(TemporalQueries.offset());
      return LocalDateTime.of(date, time == null ? LocalTime.MIDNIGHT : time)
          .toInstant(offset == null ? ZoneOffset.UTC : offset);
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException("Cannot parse timestamp '" + text + "' with format '" + pattern + "': "
          + e.getMessage(), e);
    }
  }

  private DateTimeFormatter formatter() {
    if (formatter == null && javaPattern != null) {
      formatter = new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(javaPattern)
          .toFormatter(java.util.Locale.ROOT);
    }
    return formatter;
  }

  /** Translates a strftime-like pattern to a DateTimeFormatter pattern, quoting literal text. */
  static String strftimeToJava(String strftime) {
    StringBuilder out = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < strftime.length(); i++) {
      char c = strftime.charAt(i);
      if (c != '%') {
        literal.append(c);
        continue;
      }
      if (i + 1 >= strftime.length()) {
        throw new IllegalArgumentException("Invalid timestamp format '" + strftime + "': it ends with a lone '%'");
      }
      char d = strftime.charAt(++i);
      String java;
      switch (d) {
        case 'Y' -> java = "uuuu";
        case 'y' -> java = "uu";
        case 'm' -> java = "MM";
        case 'd' -> java = "dd";
        case 'j' -> java = "DDD";
        case 'b' -> java = "MMM";
        case 'H' -> java = "HH";
        case 'M' -> java = "mm";
        case 'S' -> java = "ss";
        case 'T' -> java = "HH:mm:ss";
        case 'F' -> java = "uuuu-MM-dd";
        case 'f' -> java = "[SSSSSSSSS][SSSSSS][SSS]";
        case 'z' -> java = "xx";
        case ':' -> {
          if (i + 1 < strftime.length() && strftime.charAt(i + 1) == 'z') {
            i++;
            java = "xxx";
          } else {
            throw new IllegalArgumentException("Invalid timestamp format '" + strftime
                + "': unsupported directive '%:' (only %:z)");
          }
        }
        case '%' -> {
          literal.append('%');
          continue;
        }
        default -> throw new IllegalArgumentException("Invalid timestamp format '" + strftime
            + "': unsupported directive '%" + d + "'; supported: %Y %y %m %d %j %b %H %M %S %f %z %:z %T %F %%");
      }
      flushLiteral(literal, out);
      out.append(java);
    }
    flushLiteral(literal, out);
    return out.toString();
  }

  private static void flushLiteral(StringBuilder literal, StringBuilder out) {
    if (literal.length() > 0) {
      out.append('\'').append(literal.toString().replace("'", "''")).append('\'');
      literal.setLength(0);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TimestampFormat f && f.pattern.equals(pattern);
  }

  @Override
  public int hashCode() {
    return pattern.hashCode();
  }

  @Override
  public String toString() {
    return "TimestampFormat[" + pattern + "]";
  }
}
