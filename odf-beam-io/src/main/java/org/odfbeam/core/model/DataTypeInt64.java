package org.odfbeam.core.model;

/**
 * An integer value.
 */
@Variant(name = "Int64", id = 12)
public record DataTypeInt64() implements DataType {}
