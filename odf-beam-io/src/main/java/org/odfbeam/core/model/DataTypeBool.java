package org.odfbeam.core.model;

/**
 * A boolean value representing true or false.
 */
@Variant(name = "Bool", id = 2)
public record DataTypeBool() implements DataType {}
