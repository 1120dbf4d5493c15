package org.odfbeam.core.model;

import java.util.List;

/**
 * Reader for Apache Parquet format.
 *
 * @param ddlSchema DEPRECATED: A DDL-formatted schema. Schema can be used to coerce values into more
 * appropriate data types. (optional)
 * @param schema Schema used to coerce values into more appropriate data types. (optional)
 */
@Variant(name = "Parquet", id = 4)
public record ReadStepParquet(
    @Nullable List<String> ddlSchema,
    @Nullable DataSchema schema) implements ReadStep {
  /** Checks required fields and copies lists. */
  public ReadStepParquet {
    ddlSchema = ddlSchema == null ? null : List.copyOf(ddlSchema);
  }
}
