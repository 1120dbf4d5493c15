package org.odfbeam.core.model;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats instants the way kamu-cli prints them (chrono's {@code to_rfc3339_opts(AutoSi, true)}):
 * {@code 2020-01-01T12:00:00Z}, with a fraction of 3, 6 or 9 digits only when it is non-zero
 * ({@code 2020-01-01T12:00:00.250Z}). Cheap enough to call once per block when printing long chains.
 */
public final class Rfc3339 {
  private Rfc3339() {}

  /** The RFC 3339 text of {@code t} in UTC. */
  public static String format(Instant t) {
    LocalDateTime dt = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
    StringBuilder b = new StringBuilder(30);
    int year = dt.getYear();
    if (year >= 0 && year <= 9999) {
      pad(b, year, 4).append('-');
      pad(b, dt.getMonthValue(), 2).append('-');
      pad(b, dt.getDayOfMonth(), 2).append('T');
      pad(b, dt.getHour(), 2).append(':');
      pad(b, dt.getMinute(), 2).append(':');
      pad(b, dt.getSecond(), 2);
    } else {
      b.append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(dt));
    }
    int nanos = t.getNano();
    if (nanos != 0) {
      b.append('.');
      if (nanos % 1_000_000 == 0) {
        pad(b, nanos / 1_000_000, 3);
      } else if (nanos % 1_000 == 0) {
        pad(b, nanos / 1_000, 6);
      } else {
        pad(b, nanos, 9);
      }
    }
    return b.append('Z').toString();
  }

  private static StringBuilder pad(StringBuilder b, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      b.append('0');
    }
    return b.append(digits);
  }
}
