package org.odfbeam.core.model;

/**
 * An integer value.
 */
@Variant(name = "Int32", id = 11)
public record DataTypeInt32() implements DataType {}
