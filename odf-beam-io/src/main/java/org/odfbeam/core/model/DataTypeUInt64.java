package org.odfbeam.core.model;

/**
 * An integer value.
 */
@Variant(name = "UInt64", id = 16)
public record DataTypeUInt64() implements DataType {}
