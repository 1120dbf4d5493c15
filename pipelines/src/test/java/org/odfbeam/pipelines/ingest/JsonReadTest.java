package org.odfbeam.pipelines.ingest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.odfbeam.pipelines.ingest.Formats.read;
import static org.odfbeam.pipelines.ingest.Formats.row;
import static org.odfbeam.pipelines.ingest.Formats.schema;
import static org.odfbeam.pipelines.ingest.Formats.write;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.core.model.DataField;
import org.odfbeam.core.model.DataSchema;
import org.odfbeam.core.model.DataTypeDate;
import org.odfbeam.core.model.DataTypeInt32;
import org.odfbeam.core.model.DataTypeString;
import org.odfbeam.core.model.DataTypeTimestamp;
import org.odfbeam.core.model.ReadStepJson;
import org.odfbeam.core.model.ReadStepNdJson;
import org.odfbeam.core.model.TimeUnit;

/**
 * The NDJSON and JSON readers. Cases marked "kamu" port kamu-data/kamu-cli:src/infra/ingest-datafusion/tests/
 * tests/test_reader_ndjson.rs and test_reader_json.rs (test function named in each); expected values are kamu's.
 */
class JsonReadTest {
  @TempDir
  Path tmp;

  static final DataSchema CITY_POPULATION = new DataSchema(List.of(new DataField("city", new DataTypeString(), null),
      new DataField("population", new DataTypeInt32(), null)), null);
  static final Schema CITY_POPULATION_BEAM = Schema.builder().addStringField("city").addInt32Field("population")
      .build();

  static ReadStepNdJson ndjson(DataSchema schema) {
    return new ReadStepNdJson(null, null, null, null, schema);
  }

  static ReadStepJson json(String subPath, DataSchema schema) {
    return new ReadStepJson(subPath, null, null, null, null, schema);
  }

  static final String NDJSON = """
      {"city": "A", "population": 1000}
      {"city": "B", "population": 2000}
      {"city": "C", "population": 3000}
      """;

  @Test
  void readsNdJsonWithSchema() {
    // kamu test_read_ndjson_with_schema
    Schema s = CITY_POPULATION_BEAM;
    assertThat(read(ndjson(CITY_POPULATION), write(tmp, "data", NDJSON)),
        contains(row(s, "A", 1000), row(s, "B", 2000), row(s, "C", 3000)));
  }

  @Test
  void infersNdJsonSchema() {
    // kamu test_read_ndjson_infer_schema: OPTIONAL city STRING, OPTIONAL population INT64
    Path f = write(tmp, "data", NDJSON);
    Schema s = Schema.builder().addNullableField("city", FieldType.STRING)
        .addNullableField("population", FieldType.INT64).build();
    assertThat(schema(ndjson(null), f), equalTo(s));
    assertThat(read(ndjson(null), f), contains(row(s, "A", 1000L), row(s, "B", 2000L), row(s, "C", 3000L)));
  }

  @Test
  void readsDates() {
    // kamu test_read_ndjson_format_date: REQUIRED INT32 date (DATE)
    DataSchema schema = new DataSchema(List.of(new DataField("date", new DataTypeDate(), null)), null);
    Schema s = Schema.builder().addField("date", Types.DATE).build();
    assertThat(read(ndjson(schema), write(tmp, "data", "{\"date\": \"2022-09-25\"}")),
        contains(row(s, LocalDate.of(2022, 9, 25))));
  }

  @Test
  void readsTimestampsInUtc() {
    // kamu test_read_ndjson_format_timestamp: naive times are UTC, offsets are normalized to UTC
    DataSchema schema = new DataSchema(List.of(new DataField("event_time",
        new DataTypeTimestamp(TimeUnit.MILLISECOND, "UTC"), null)), null);
    Schema s = Schema.builder().addDateTimeField("event_time").build();
    Path f = write(tmp, "data", """
        {"event_time": "2022-09-25 01:02:03"}
        {"event_time": "2022-09-25T01:02:03"}
        {"event_time": "2022-09-25T01:02:03Z"}
        {"event_time": "2022-09-25T01:02:03-01:00"}
        """);
    assertThat(read(ndjson(schema), f), contains(row(s, Instant.parse("2022-09-25T01:02:03Z")),
        row(s, Instant.parse("2022-09-25T01:02:03Z")), row(s, Instant.parse("2022-09-25T01:02:03Z")),
        row(s, Instant.parse("2022-09-25T02:02:03Z"))));
  }

  @Test
  void unparsableTimestampIsAnError() {
    // kamu test_read_ndjson_format_timestamp_parse_failed (kamu fails with an Arrow JSON error)
    DataSchema schema = new DataSchema(List.of(new DataField("event_time",
        new DataTypeTimestamp(TimeUnit.MILLISECOND, "UTC"), null)), null);
    Path f = write(tmp, "data.ndjson", "{\"event_time\": \"9/25/2022 1:02:03\"}");
    BadInputException e = assertThrows(BadInputException.class, () -> read(ndjson(schema), f));
    assertThat(e.getMessage(), equalTo("Cannot read " + f + ": line 1, column 'event_time': cannot parse"
        + " '9/25/2022 1:02:03' as TIMESTAMP: expected RFC 3339, e.g. 2022-09-25 or 2022-09-25T01:02:03Z"));
  }

  @Test
  void readsAnArrayInsideAnObject() {
    // kamu test_read_json_object: subPath result.cities
    Path f = write(tmp, "data", """
        {
            "result": {
                "cities": [
                    {"city": "A", "population": 1000},
                    {"city": "B", "population": 2000},
                    {"city": "C", "population": 3000}
                ]
            }
        }
        """);
    Schema s = CITY_POPULATION_BEAM;
    assertThat(read(json("result.cities", CITY_POPULATION), f),
        contains(row(s, "A", 1000), row(s, "B", 2000), row(s, "C", 3000)));
  }

  @Test
  void readsARootArray() {
    // kamu test_read_json_array
    Path f = write(tmp, "data", """
        [
            {"city": "A", "population": 1000},
            {"city": "B", "population": 2000},
            {"city": "C", "population": 3000}
        ]
        """);
    Schema s = CITY_POPULATION_BEAM;
    assertThat(read(json(null, CITY_POPULATION), f),
        contains(row(s, "A", 1000), row(s, "B", 2000), row(s, "C", 3000)));
  }

  @Test
  void subPathErrorsUseKamusMessages() {
    Path f = write(tmp, "data.json", "{\"result\": {\"cities\": {\"city\": \"A\"}, \"x\": null}}");
    assertThat(assertThrows(BadInputException.class, () -> read(json("result.towns", CITY_POPULATION), f))
        .getMessage(), equalTo("Cannot read " + f + ": Sub-path not found: result.towns"));
    assertThat(assertThrows(BadInputException.class, () -> read(json("result.x", CITY_POPULATION), f))
        .getMessage(), equalTo("Cannot read " + f + ": Sub-path not found: result.x"));
    assertThat(assertThrows(BadInputException.class, () -> read(json("result.cities", CITY_POPULATION), f))
        .getMessage(), equalTo("Cannot read " + f + ": Sub-path does not specify an array: result.cities"));
    assertThat(assertThrows(BadInputException.class, () -> read(json(null, CITY_POPULATION), f))
        .getMessage(), equalTo("Cannot read " + f + ": Sub-path does not specify an array: ."));
  }

  @Test
  void badRecordsNameRecordLineAndColumn() {
    Path f = write(tmp, "data.json", "[\n{\"city\": \"A\", \"population\": 1},\n{\"city\": \"B\",\n"
        + " \"population\": \"many\"}\n]");
    assertThat(assertThrows(BadInputException.class, () -> read(json(null, CITY_POPULATION), f)).getMessage(),
        equalTo("Cannot read " + f + ": record 2 (line 3), column 'population': cannot parse 'many' as INT32"));
    Path g = write(tmp, "data.ndjson", "{\"city\": \"A\", \"population\": 1}\n{\"city\": \"B\"}");
    assertThat(assertThrows(BadInputException.class, () -> read(ndjson(CITY_POPULATION), g)).getMessage(),
        equalTo("Cannot read " + g + ": line 2, column 'population': the value is missing or null, but the column"
            + " is not nullable"));
    Path h = write(tmp, "broken.ndjson", "{\"city\": \"A\", \"population\": 1}\n{\"city\": ");
    assertThat(assertThrows(BadInputException.class, () -> read(ndjson(CITY_POPULATION), h)).getMessage(),
        containsString("Cannot read " + h + ": line 2, invalid JSON: Unexpected end-of-input"));
    Path i = write(tmp, "scalar.ndjson", "{\"city\": \"A\", \"population\": 1}\n42");
    assertThat(assertThrows(BadInputException.class, () -> read(ndjson(CITY_POPULATION), i)).getMessage(),
        equalTo("Cannot read " + i + ": line 2, expected a JSON object, found 42"));
    Path j = write(tmp, "float.ndjson", "{\"city\": \"A\", \"population\": 1.5}");
    assertThat(assertThrows(BadInputException.class, () -> read(ndjson(CITY_POPULATION), j)).getMessage(),
        equalTo("Cannot read " + j + ": line 1, column 'population': 1.5 is not an integer, as INT32 needs"));
  }

  @Test
  void infersNestedTypesAndWidens() {
    Path a = write(tmp, "a.ndjson", """
        {"id": 1, "tags": ["x"], "geo": {"lat": 1, "lon": 2.5}, "v": 1, "n": null}
        {"id": 2, "tags": [], "geo": {"lat": 1.5}, "v": "one", "extra": true}
        """);
    Path b = write(tmp, "b.ndjson", "{\"id\": 3.5, \"tags\": \"y\"}");
    Schema s = schema(ndjson(null), a, b);
    assertThat(s.getFields().stream().map(x -> x.getName() + " " + Types.describe(x.getType())).toList(),
        contains("id DOUBLE", "tags ARRAY<STRING>", "geo ROW<lat DOUBLE, lon DOUBLE>", "v STRING", "n STRING",
            "extra BOOLEAN"));
    List<Row> rows = read(ndjson(null), a, b);
    assertThat(rows.get(0).getRow("geo").getDouble("lat"), equalTo(1.0));
    assertThat(rows.get(0).getString("v"), equalTo("1"));
    assertThat(rows.get(0).getArray("tags"), contains("x"));
    Path c = write(tmp, "c.ndjson", "{\"geo\": {\"lat\": 1}}\n{\"geo\": 5}");
    BadInputException e = assertThrows(BadInputException.class, () -> schema(ndjson(null), c));
    assertThat(e.getMessage(), equalTo("Cannot read " + c + ": line 2, column 'geo': holds both objects and other"
        + " values; declare a read schema"));
  }
}
