package org.odfbeam.core.model;

/**
 * An integer value.
 */
@Variant(name = "Int16", id = 10)
public record DataTypeInt16() implements DataType {}
