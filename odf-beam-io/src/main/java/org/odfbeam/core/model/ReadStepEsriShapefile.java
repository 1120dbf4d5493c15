package org.odfbeam.core.model;

import java.util.List;

/**
 * Reader for ESRI Shapefile format.
 *
 * @param ddlSchema DEPRECATED: A DDL-formatted schema. Schema can be used to coerce values into more
 * appropriate data types. (optional)
 * @param subPath If the ZIP archive contains multiple shapefiles use this field to specify a sub-path to the
 * desired {@code .shp} file. Can contain glob patterns to act as a filter. (optional)
 * @param schema Schema used to coerce values into more appropriate data types. (optional)
 */
@Variant(name = "EsriShapefile", id = 3)
public record ReadStepEsriShapefile(
    @Nullable List<String> ddlSchema,
    @Nullable String subPath,
    @Nullable DataSchema schema) implements ReadStep {
  /** Checks required fields and copies lists. */
  public ReadStepEsriShapefile {
    ddlSchema = ddlSchema == null ? null : List.copyOf(ddlSchema);
  }
}
