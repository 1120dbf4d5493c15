package org.odfbeam.core.model;

import java.util.Objects;

/**
 * A type representing an optional (nullable) value of another data type.
 *
 * @param inner Inner data type for the optional value.
 */
@Variant(name = "Option", id = 20)
public record DataTypeOption(
    DataType inner) implements DataType {
  /** Checks required fields and copies lists. */
  public DataTypeOption {
    Objects.requireNonNull(inner, "DataTypeOption.inner is required");
  }
}
