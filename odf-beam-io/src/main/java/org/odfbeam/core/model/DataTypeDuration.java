package org.odfbeam.core.model;

/**
 * An elapsed time interval with a specified time unit.
 *
 * @param unit The unit of the duration measurement. Defaults to: "Millisecond" (optional)
 */
@Variant(name = "Duration", id = 5)
public record DataTypeDuration(
    @Nullable TimeUnit unit) implements DataType {}
