package org.odfbeam.transforms.changelog;

import java.time.LocalDate;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema.TypeName;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.joda.time.ReadableInstant;
import org.odfbeam.transforms.InvalidDataException;

/**
 * Event times of changelog rows as epoch milliseconds: the two types ODF event time columns have (DATETIME and
 * Date). Shared by the changelog-consuming transforms ({@code ChangelogAggregate}, {@code TemporalJoin}).
 */
public final class ChangelogEventTimes {
  public static final long MILLIS_PER_DAY = 86_400_000L;

  private ChangelogEventTimes() {}

  /** True for DATETIME and {@code SqlTypes.DATE}, nullable or not. */
  public static boolean isSupported(FieldType type) {
    return type.getTypeName() == TypeName.DATETIME || isDate(type);
  }

  public static boolean isDate(FieldType type) {
    return type.getTypeName() == TypeName.LOGICAL_TYPE
        && SqlTypes.DATE.getIdentifier().equals(type.getLogicalType().getIdentifier());
  }

  /**
   * The event time of {@code row} in epoch milliseconds (a date is its midnight UTC).
   *
   * @throws InvalidDataException if it is null, naming the column, the key and the row
   */
  public static long millis(Row row, String column, String action, String key) {
    Object value = row.getValue(column);
    if (value == null) {
      throw new InvalidDataException("Cannot " + action + ": event time column '" + column + "' is null for key "
          + key + " in " + row);
    }
    if (value instanceof LocalDate date) {
      return date.toEpochDay() * MILLIS_PER_DAY;
    }
    return ((ReadableInstant) value).getMillis();
  }

  /** The value of {@code type} for {@code millis}: a Joda {@link Instant} or a {@link LocalDate}. */
  public static Object value(long millis, FieldType type) {
    if (isDate(type)) {
      return LocalDate.ofEpochDay(Math.floorDiv(millis, MILLIS_PER_DAY));
    }
    return new Instant(millis);
  }
}
