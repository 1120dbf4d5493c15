package org.odfbeam.core.model;

/**
 * An integer value.
 */
@Variant(name = "UInt32", id = 15)
public record DataTypeUInt32() implements DataType {}
