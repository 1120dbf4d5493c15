package org.odfbeam.core.model;

/**
 * An integer value.
 */
@Variant(name = "Int8", id = 9)
public record DataTypeInt8() implements DataType {}
