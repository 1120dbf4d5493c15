package org.odfbeam.core.model;

import java.util.Objects;

/**
 * Represents a named field (column) in a root or nested struct schema
 *
 * @param name Name of the field
 * @param type Logical type of the field that defines its semantic behavior and value ranges
 * @param extra ODF extensions (optional)
 */
public record DataField(
    String name,
    DataType type,
    @Nullable ExtraAttributes extra) {
  /** Checks required fields and copies lists. */
  public DataField {
    Objects.requireNonNull(name, "DataField.name is required");
    Objects.requireNonNull(type, "DataField.type is required");
  }
}
