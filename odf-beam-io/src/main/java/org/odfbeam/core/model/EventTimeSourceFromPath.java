package org.odfbeam.core.model;

import java.util.Objects;

/**
 * Extracts event time from the path component of the source.
 *
 * @param pattern Regular expression where first group contains the timestamp string.
 * @param timestampFormat Format of the expected timestamp in java.text.SimpleDateFormat form. (optional)
 */
@Variant(name = "FromPath", id = 2)
public record EventTimeSourceFromPath(
    String pattern,
    @Nullable String timestampFormat) implements EventTimeSource {
  /** Checks required fields and copies lists. */
  public EventTimeSourceFromPath {
    Objects.requireNonNull(pattern, "EventTimeSourceFromPath.pattern is required");
  }
}
