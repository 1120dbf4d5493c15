package org.odfbeam.core.model;

/**
 * A Unicode string.
 */
@Variant(name = "String", id = 24)
public record DataTypeString() implements DataType {}
