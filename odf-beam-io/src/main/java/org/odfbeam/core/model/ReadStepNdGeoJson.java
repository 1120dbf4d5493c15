package org.odfbeam.core.model;

import java.util.List;

/**
 * Reader for Newline-delimited GeoJSON files. It is similar to {@code GeoJson} format but instead of {@code
 * FeatureCollection} object in the root it expects every individual feature object to appear on its own line.
 *
 * @param ddlSchema DEPRECATED: A DDL-formatted schema. Schema can be used to coerce values into more
 * appropriate data types. (optional)
 * @param schema Schema used to coerce values into more appropriate data types. (optional)
 */
@Variant(name = "NdGeoJson", id = 7)
public record ReadStepNdGeoJson(
    @Nullable List<String> ddlSchema,
    @Nullable DataSchema schema) implements ReadStep {
  /** Checks required fields and copies lists. */
  public ReadStepNdGeoJson {
    ddlSchema = ddlSchema == null ? null : List.copyOf(ddlSchema);
  }
}
