package org.odfbeam.core.model;

/**
 * A time of day value, without a date, with a specified unit of granularity.
 *
 * @param unit The unit of the time value. Defaults to: "Millisecond" (optional)
 */
@Variant(name = "Time", id = 22)
public record DataTypeTime(
    @Nullable TimeUnit unit) implements DataType {}
