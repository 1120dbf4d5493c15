package org.odfbeam.core.model;

import java.util.List;

/**
 * Reader for comma-separated files.
 *
 * @param ddlSchema DEPRECATED: A DDL-formatted schema. Schema can be used to coerce values into more
 * appropriate data types. Examples: - ["date TIMESTAMP","city STRING","population INT"] (optional)
 * @param separator Sets a single character as a separator for each field and value. Defaults to: ","
 * (optional)
 * @param encoding Decodes the CSV files by the given encoding type. Defaults to: "utf8" (optional)
 * @param quote Sets a single character used for escaping quoted values where the separator can be part of the
 * value. Set an empty string to turn off quotations. Defaults to: "\"" (optional)
 * @param escape Sets a single character used for escaping quotes inside an already quoted value. Defaults to:
 * "\\" (optional)
 * @param header Use the first line as names of columns. Defaults to: false (optional)
 * @param inferSchema Infers the input schema automatically from data. It requires one extra pass over the
 * data. Defaults to: false (optional)
 * @param nullValue Sets the string representation of a null value. Defaults to: "" (optional)
 * @param dateFormat Sets the string that indicates a date format. The {@code rfc3339} is the only required
 * format, the other format strings are implementation-specific. Defaults to: "rfc3339" (optional)
 * @param timestampFormat Sets the string that indicates a timestamp format. The {@code rfc3339} is the only
 * required format, the other format strings are implementation-specific. Defaults to: "rfc3339" (optional)
 * @param schema Schema used to coerce values into more appropriate data types. (optional)
 */
@Variant(name = "Csv", id = 1)
public record ReadStepCsv(
    @Nullable List<String> ddlSchema,
    @Nullable String separator,
    @Nullable String encoding,
    @Nullable String quote,
    @Nullable String escape,
    @Nullable Boolean header,
    @Nullable Boolean inferSchema,
    @Nullable String nullValue,
    @Nullable String dateFormat,
    @Nullable String timestampFormat,
    @Nullable DataSchema schema) implements ReadStep {
  /** Checks required fields and copies lists. */
  public ReadStepCsv {
    ddlSchema = ddlSchema == null ? null : List.copyOf(ddlSchema);
  }
}
