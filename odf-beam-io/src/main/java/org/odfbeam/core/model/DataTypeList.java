package org.odfbeam.core.model;

import java.util.Objects;

/**
 * A list of values, all having the same data type.
 *
 * @param itemType Data type of list items.
 * @param fixedLength Number of list items per value for fixed-size lists. If omitted, the list is
 * variable-length. (optional)
 */
@Variant(name = "List", id = 17)
public record DataTypeList(
    DataType itemType,
    @Nullable Long fixedLength) implements DataType {
  /** Checks required fields and copies lists. */
  public DataTypeList {
    Objects.requireNonNull(itemType, "DataTypeList.itemType is required");
  }
}
