package org.odfbeam.pipelines.ingest;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.SignStyle;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A date or timestamp format of a read step ({@code dateFormat}, {@code timestampFormat}) or of
 * {@code EventTimeSource::FromPath.timestampFormat}. Three kinds:
 * <ul>
 *   <li>{@value #RFC3339} (the ODF default): {@code 2022-09-25}, {@code 2022-09-25T01:02:03},
 *       {@code 2022-09-25 01:02:03.5}, {@code 2022-09-25T01:02:03Z}, {@code 2022-09-25T01:02:03-01:00}. This is
 *       what kamu accepts through DataFusion's {@code string_to_datetime}: {@code T} or a space between date and
 *       time, optional seconds and fraction (up to 9 digits), an optional {@code Z} or {@code ±HH:MM} /
 *       {@code ±HHMM} / {@code ±HH} offset; without an offset the time is UTC (kamu-data/kamu-cli:
 *       src/infra/ingest-datafusion/tests/tests/test_reader_ndjson.rs, {@code test_read_ndjson_format_timestamp}).
 *   <li>A chrono / strftime format, recognized by a {@code %}, as kamu uses for {@code FromPath} (default
 *       {@code %Y-%m-%d}, kamu-data/kamu-cli:src/infra/core/src/services/ingest/fetch_service/file.rs): {@code %Y %m %d
 *       %H %M %S %y %j %b %B %e %I %p %f %.f %.3f %.6f %.9f %z %:z %F %T %R %D %s %%}. Fields are fixed-width
 *       ({@code %m} is two digits).
 *   <li>Anything else is a {@link DateTimeFormatter} pattern, which for the usual letters ({@code yyyy-MM-dd
 *       HH:mm:ss}) is the {@code java.text.SimpleDateFormat} form the ODF spec names.
 * </ul>
 * A format without a zone or offset reads times as UTC; a format without a time reads midnight. kamu's
 * {@code FromPath} drops the time of a zone-less format (it falls back to {@code NaiveDate}); this class keeps it.
 */
final class TimeFormat implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The ODF default format name. */
  static final String RFC3339 = "rfc3339";

  /** kamu's default {@code FromPath.timestampFormat}. */
  static final String KAMU_PATH_DEFAULT = "%Y-%m-%d";

  private static final Pattern LENIENT = Pattern.compile(
      "(\\d{4})-(\\d{2})-(\\d{2})"
          + "(?:[Tt ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?"
          + "\\s*(?:([Zz])|([+-])(\\d{2})(?::?(\\d{2}))?)?)?");

  private final String format;
  private transient DateTimeFormatter formatter;

  private TimeFormat(String format) {
    this.format = format;
  }

  /**
   * The format named by a manifest; null means {@value #RFC3339}.
   *
   * @throws IllegalArgumentException naming the format if it cannot be compiled
   */
  static TimeFormat of(String format) {
    TimeFormat f = new TimeFormat(format == null ? RFC3339 : format);
    f.formatter(); // compile now: fail at start, not per record
    return f;
  }

  /** The format text as written. */
  String format() {
    return format;
  }

  boolean isRfc3339() {
    return format.equalsIgnoreCase(RFC3339);
  }

  /** Parses a timestamp. @throws DateTimeException with a reason */
  Instant parseInstant(String text) {
    if (isRfc3339()) {
      return parseLenient(text);
    }
    TemporalAccessor t = formatter().parse(text);
    if (t.isSupported(ChronoField.INSTANT_SECONDS)) {
      return Instant.from(t);
    }
    LocalDate date = t.query(TemporalQueries.localDate());
    if (date == null) {
      throw new DateTimeException("the format '" + format + "' gives no date");
    }
    LocalTime time = t.query(TemporalQueries.localTime());
    ZoneId zone = t.query(TemporalQueries.zone());
    LocalDateTime local = LocalDateTime.of(date, time == null ? LocalTime.MIDNIGHT : time);
    return local.atZone(zone == null ? ZoneOffset.UTC : zone).toInstant();
  }

  /** Parses a date. @throws DateTimeException with a reason */
  LocalDate parseDate(String text) {
    if (isRfc3339()) {
      return LocalDate.parse(text);
    }
    TemporalAccessor t = formatter().parse(text);
    LocalDate date = t.query(TemporalQueries.localDate());
    if (date == null) {
      throw new DateTimeException("the format '" + format + "' gives no date");
    }
    return date;
  }

  @Override
  public String toString() {
    return format;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TimeFormat f && f.format.equals(format);
  }

  @Override
  public int hashCode() {
    return format.hashCode();
  }

  /** The lenient RFC 3339 parser described in the class doc. */
  static Instant parseLenient(String text) {
    Matcher m = LENIENT.matcher(text);
    if (!m.matches()) {
      throw new DateTimeException("not an RFC 3339 date or timestamp");
    }
    LocalDate date = LocalDate.of(num(m, 1), num(m, 2), num(m, 3));
    LocalTime time = LocalTime.MIDNIGHT;
    ZoneOffset offset = ZoneOffset.UTC;
    if (m.group(4) != null) {
      int nanos = 0;
      if (m.group(7) != null) {
        String frac = (m.group(7) + "00000000").substring(0, 9);
        nanos = Integer.parseInt(frac);
      }
      time = LocalTime.of(num(m, 4), num(m, 5), m.group(6) == null ? 0 : num(m, 6), nanos);
      if (m.group(9) != null) {
        int hours = num(m, 10);
        int minutes = m.group(11) == null ? 0 : num(m, 11);
        int sign = m.group(9).equals("-") ? -1 : 1;
        offset = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
      }
    }
    return LocalDateTime.of(date, time).toInstant(offset);
  }

  private static int num(Matcher m, int group) {
    return Integer.parseInt(m.group(group));
  }

  private DateTimeFormatter formatter() {
    if (formatter == null && !isRfc3339()) {
      formatter = compile(format);
    }
    return formatter;
  }

  private static DateTimeFormatter compile(String format) {
    try {
      if (format.indexOf('%') >= 0) {
        return strftime(format);
      }
      return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(format)
          .toFormatter(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid format '" + format + "': " + e.getMessage(), e);
    }
  }

  /** Translates a chrono strftime format into a formatter (parsing only). */
  static DateTimeFormatter strftime(String format) {
    DateTimeFormatterBuilder b = new DateTimeFormatterBuilder().parseCaseInsensitive();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < format.length()) {
      char c = format.charAt(i++);
      if (c != '%') {
        literal.append(c);
        continue;
      }
      if (i >= format.length()) {
        throw new IllegalArgumentException("a lone '%' at the end");
      }
      StringBuilder spec = new StringBuilder();
      char c1 = format.charAt(i++);
      spec.append(c1);
      if (c1 == '.' || c1 == ':' || Character.isDigit(c1)) {
        while (i < format.length() && Character.isDigit(format.charAt(i))) {
          spec.append(format.charAt(i++));
        }
        if (i < format.length()) {
          spec.append(format.charAt(i++));
        }
      }
      String sp = spec.toString();
      if (sp.equals("%")) {
        literal.append('%');
        continue;
      }
      if (sp.equals("n") || sp.equals("t")) {
        literal.append(sp.equals("n") ? '\n' : '\t');
        continue;
      }
      if (literal.length() > 0) {
        b.appendLiteral(literal.toString());
        literal.setLength(0);
      }
      appendSpec(b, sp);
    }
    if (literal.length() > 0) {
      b.appendLiteral(literal.toString());
    }
    return b.toFormatter(Locale.ENGLISH);
  }

  private static void appendSpec(DateTimeFormatterBuilder b, String spec) {
    switch (spec) {
      case "Y" -> b.appendValue(ChronoField.YEAR, 4, 9, SignStyle.NORMAL);
      case "y" -> b.appendValueReduced(ChronoField.YEAR, 2, 2, 1970);
      case "m" -> b.appendValue(ChronoField.MONTH_OF_YEAR, 2);
      case "d" -> b.appendValue(ChronoField.DAY_OF_MONTH, 2);
      case "e" -> b.padNext(2, ' ').appendValue(ChronoField.DAY_OF_MONTH);
      case "j" -> b.appendValue(ChronoField.DAY_OF_YEAR, 3);
      case "b", "h" -> b.appendText(ChronoField.MONTH_OF_YEAR, TextStyle.SHORT);
      case "B" -> b.appendText(ChronoField.MONTH_OF_YEAR, TextStyle.FULL);
      case "H" -> b.appendValue(ChronoField.HOUR_OF_DAY, 2);
      case "I" -> b.appendValue(ChronoField.CLOCK_HOUR_OF_AMPM, 2);
      case "p", "P" -> b.appendText(ChronoField.AMPM_OF_DAY, TextStyle.SHORT);
      case "M" -> b.appendValue(ChronoField.MINUTE_OF_HOUR, 2);
      case "S" -> b.appendValue(ChronoField.SECOND_OF_MINUTE, 2);
      case "f" -> b.appendValue(ChronoField.NANO_OF_SECOND, 9);
      case "3f" -> b.appendFraction(ChronoField.NANO_OF_SECOND, 3, 3, false);
      case "6f" -> b.appendFraction(ChronoField.NANO_OF_SECOND, 6, 6, false);
      case "9f" -> b.appendFraction(ChronoField.NANO_OF_SECOND, 9, 9, false);
      case ".f" -> b.appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true);
      case ".3f" -> b.appendFraction(ChronoField.NANO_OF_SECOND, 3, 3, true);
      case ".6f" -> b.appendFraction(ChronoField.NANO_OF_SECOND, 6, 6, true);
      case ".9f" -> b.appendFraction(ChronoField.NANO_OF_SECOND, 9, 9, true);
      case "z" -> b.appendOffset("+HHMM", "+0000");
      case ":z" -> b.appendOffset("+HH:MM", "+00:00");
      case "F" -> {
        appendSpec(b, "Y");
        b.appendLiteral('-');
        appendSpec(b, "m");
        b.appendLiteral('-');
        appendSpec(b, "d");
      }
      case "T" -> {
        appendSpec(b, "R");
        b.appendLiteral(':');
        appendSpec(b, "S");
      }
      case "R" -> {
        appendSpec(b, "H");
        b.appendLiteral(':');
        appendSpec(b, "M");
      }
      case "D" -> {
        appendSpec(b, "m");
        b.appendLiteral('/');
        appendSpec(b, "d");
        b.appendLiteral('/');
        appendSpec(b, "y");
      }
      case "s" -> b.appendValue(ChronoField.INSTANT_SECONDS);
      default -> throw new IllegalArgumentException("unsupported specifier %" + spec);
    }
  }

  static TimeFormat rfc3339() {
    return new TimeFormat(RFC3339);
  }
}
