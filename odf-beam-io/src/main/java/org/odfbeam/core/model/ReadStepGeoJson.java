package org.odfbeam.core.model;

import java.util.List;

/**
 * Reader for GeoJSON files. It expects one {@code FeatureCollection} object in the root and will create a
 * record per each {@code Feature} inside it extracting the properties into individual columns and leaving the
 * feature geometry in its own column.
 *
 * @param ddlSchema DEPRECATED: A DDL-formatted schema. Schema can be used to coerce values into more
 * appropriate data types. (optional)
 * @param schema Schema used to coerce values into more appropriate data types. (optional)
 */
@Variant(name = "GeoJson", id = 2)
public record ReadStepGeoJson(
    @Nullable List<String> ddlSchema,
    @Nullable DataSchema schema) implements ReadStep {
  /** Checks required fields and copies lists. */
  public ReadStepGeoJson {
    ddlSchema = ddlSchema == null ? null : List.copyOf(ddlSchema);
  }
}
