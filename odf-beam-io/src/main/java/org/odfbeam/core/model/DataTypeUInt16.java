package org.odfbeam.core.model;

/**
 * An integer value.
 */
@Variant(name = "UInt16", id = 14)
public record DataTypeUInt16() implements DataType {}
