package org.odfbeam.core.model;

/**
 * A type representing the absence of a value (null).
 */
@Variant(name = "Null", id = 19)
public record DataTypeNull() implements DataType {}
