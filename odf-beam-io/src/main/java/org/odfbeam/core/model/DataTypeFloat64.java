package org.odfbeam.core.model;

/**
 * A floating-point number.
 */
@Variant(name = "Float64", id = 8)
public record DataTypeFloat64() implements DataType {}
