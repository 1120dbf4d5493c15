package org.odfbeam.core.model;

/**
 * A floating-point number.
 */
@Variant(name = "Float16", id = 6)
public record DataTypeFloat16() implements DataType {}
