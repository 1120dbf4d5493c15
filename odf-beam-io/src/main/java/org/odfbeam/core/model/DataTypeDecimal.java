package org.odfbeam.core.model;

/**
 * A fixed-point decimal number with a specified precision and scale.
 *
 * @param precision Total number of decimal digits that can be stored.
 * @param scale Number of digits after the decimal point. In certain situations, scale could be negative
 * number. For negative scale, it is the number of padding 0 to the right of the digits. For example the
 * number 12300 could be treated as a decimal has precision 3 and scale -2.
 */
@Variant(name = "Decimal", id = 4)
public record DataTypeDecimal(
    int precision,
    int scale) implements DataType {}
