package org.odfbeam.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A collection of named fields, each with its own data type.
 *
 * @param fields Fields that make up the struct.
 */
@Variant(name = "Struct", id = 21)
public record DataTypeStruct(
    List<DataField> fields) implements DataType {
  /** Checks required fields and copies lists. */
  public DataTypeStruct {
    fields = List.copyOf(Objects.requireNonNull(fields, "DataTypeStruct.fields is required"));
  }
}
