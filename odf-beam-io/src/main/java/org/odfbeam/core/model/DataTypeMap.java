package org.odfbeam.core.model;

import java.util.Objects;

/**
 * A map of key-value pairs, represented as a list of entries (structs with key and value fields).
 *
 * @param keyType Data type of the map's keys.
 * @param valueType Data type of the map's values.
 * @param keysSorted Set to true if the keys within each value are sorted. (optional)
 */
@Variant(name = "Map", id = 18)
public record DataTypeMap(
    DataType keyType,
    DataType valueType,
    @Nullable Boolean keysSorted) implements DataType {
  /** Checks required fields and copies lists. */
  public DataTypeMap {
    Objects.requireNonNull(keyType, "DataTypeMap.keyType is required");
    Objects.requireNonNull(valueType, "DataTypeMap.valueType is required");
  }
}
