package org.odfbeam.core.model;

/**
 * A floating-point number.
 */
@Variant(name = "Float32", id = 7)
public record DataTypeFloat32() implements DataType {}
