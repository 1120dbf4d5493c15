package org.odfbeam.core.model;

/**
 * A calendar date.
 */
@Variant(name = "Date", id = 3)
public record DataTypeDate() implements DataType {}
