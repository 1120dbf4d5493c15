package org.odfbeam.core.model;

/**
 * A point in time, represented as an offset from the Unix epoch in a specific timezone.
 *
 * @param unit The unit of the timestamp value that determines its precision. Defaults to: "Millisecond"
 * (optional)
 * @param timezone The timezone is an optional string indicating the name of a timezone one of * As used in
 * the Olson timezone database (the "tz database" or "tzdata"), such as "America/New_York". * An absolute
 * timezone offset of the form "+XX:XX" or "-XX:XX", such as "+07:30". Defaults to: "UTC" (optional)
 */
@Variant(name = "Timestamp", id = 23)
public record DataTypeTimestamp(
    @Nullable TimeUnit unit,
    @Nullable String timezone) implements DataType {}
