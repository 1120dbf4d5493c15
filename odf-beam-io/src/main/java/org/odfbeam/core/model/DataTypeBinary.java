package org.odfbeam.core.model;

/**
 * A sequence of bytes. Used for arbitrary binary data.
 *
 * @param fixedLength Number of bytes per value for fixed-size binary. If omitted, the binary is
 * variable-length. (optional)
 */
@Variant(name = "Binary", id = 1)
public record DataTypeBinary(
    @Nullable Long fixedLength) implements DataType {}
