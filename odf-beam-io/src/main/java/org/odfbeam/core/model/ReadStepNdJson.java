package org.odfbeam.core.model;

import java.util.List;

/**
 * Reader for files containing multiple newline-delimited JSON objects with the same schema.
 *
 * @param ddlSchema DEPRECATED: A DDL-formatted schema. Schema can be used to coerce values into more
 * appropriate data types. (optional)
 * @param dateFormat Sets the string that indicates a date format. The {@code rfc3339} is the only required
 * format, the other format strings are implementation-specific. Defaults to: "rfc3339" (optional)
 * @param encoding Allows to forcibly set one of standard basic or extended encodings. Defaults to: "utf8"
 * (optional)
 * @param timestampFormat Sets the string that indicates a timestamp format. The {@code rfc3339} is the only
 * required format, the other format strings are implementation-specific. Defaults to: "rfc3339" (optional)
 * @param schema Schema used to coerce values into more appropriate data types. (optional)
 */
@Variant(name = "NdJson", id = 6)
public record ReadStepNdJson(
    @Nullable List<String> ddlSchema,
    @Nullable String dateFormat,
    @Nullable String encoding,
    @Nullable String timestampFormat,
    @Nullable DataSchema schema) implements ReadStep {
  /** Checks required fields and copies lists. */
  public ReadStepNdJson {
    ddlSchema = ddlSchema == null ? null : List.copyOf(ddlSchema);
  }
}
