package org.odfbeam.core.model;

import java.util.List;
import java.util.Objects;

/**
 * This schema aims to be a human-friendly variant of Arrow. Arrow currently specifies only the [flatbuffer
 * format](https://github.com/apache/arrow/blob/f9301c0ba8a7ed1b0b63275cfdd4c44c26b04675/format/Schema.fbs)
 * which has many legacy to it and is not suited to be defined by humans, so we had to define our own schema
 * format. While inspired by Arrow - this format makes a clear separation between logical data types and
 * encoding (physical layout) of data in the chunks.
 *
 * @param fields Top-level fields (columns) of the schema.
 * @param extra ODF extensions (optional)
 */
public record DataSchema(
    List<DataField> fields,
    @Nullable ExtraAttributes extra) {
  /** Checks required fields and copies lists. */
  public DataSchema {
    fields = List.copyOf(Objects.requireNonNull(fields, "DataSchema.fields is required"));
  }
}
