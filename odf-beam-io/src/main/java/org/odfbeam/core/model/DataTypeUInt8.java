package org.odfbeam.core.model;

/**
 * An integer value.
 */
@Variant(name = "UInt8", id = 13)
public record DataTypeUInt8() implements DataType {}
