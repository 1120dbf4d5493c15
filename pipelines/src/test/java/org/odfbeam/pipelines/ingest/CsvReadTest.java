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

import java.nio.file.Files;
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
import org.odfbeam.core.model.DataType;
import org.odfbeam.core.model.DataTypeInt32;
import org.odfbeam.core.model.DataTypeInt64;
import org.odfbeam.core.model.DataTypeOption;
import org.odfbeam.core.model.DataTypeString;
import org.odfbeam.core.model.ReadStepCsv;

/**
 * The CSV reader. Cases marked "kamu" port kamu-data/kamu-cli:src/infra/ingest-datafusion/tests/tests/
 * test_reader_csv.rs (test function named in each); their expected schemas and tables are kamu's.
 */
class CsvReadTest {
  @TempDir
  Path tmp;

  static DataField field(String name, DataType type) {
    return new DataField(name, type, null);
  }

  static DataType opt(DataType t) {
    return new DataTypeOption(t);
  }

  static ReadStepCsv csv(Boolean header, Boolean infer, DataSchema schema) {
    return new ReadStepCsv(null, null, null, null, null, header, infer, null, null, null, schema);
  }

  static final String CITIES = """
      city,population
      A,1000
      B,2000
      C,3000
      """;

  @Test
  void readsWithSchema() {
    // kamu test_read_csv_with_schema: REQUIRED city STRING, REQUIRED population INT32
    ReadStepCsv step = csv(true, null, new DataSchema(List.of(field("city", new DataTypeString()),
        field("population", new DataTypeInt32())), null));
    Schema s = Schema.builder().addStringField("city").addInt32Field("population").build();
    assertThat(schema(step, write(tmp, "data", CITIES)), equalTo(s));
    assertThat(read(step, tmp.resolve("data")), contains(row(s, "A", 1000), row(s, "B", 2000), row(s, "C", 3000)));
  }

  @Test
  void readsAllColumnsAsNullableStringsWithoutSchemaOrInference() {
    // kamu test_read_csv_no_schema_no_infer: OPTIONAL city STRING, OPTIONAL population STRING
    ReadStepCsv step = csv(true, null, null);
    Schema s = Schema.builder().addNullableField("city", FieldType.STRING)
        .addNullableField("population", FieldType.STRING).build();
    assertThat(schema(step, write(tmp, "data", CITIES)), equalTo(s));
    assertThat(read(step, tmp.resolve("data")),
        contains(row(s, "A", "1000"), row(s, "B", "2000"), row(s, "C", "3000")));
  }

  @Test
  void infersTypesWhenAsked() {
    // kamu test_read_csv_no_schema_infer: OPTIONAL city STRING, OPTIONAL population INT64
    ReadStepCsv step = csv(true, true, null);
    Schema s = Schema.builder().addNullableField("city", FieldType.STRING)
        .addNullableField("population", FieldType.INT64).build();
    assertThat(schema(step, write(tmp, "data", CITIES)), equalTo(s));
    assertThat(read(step, tmp.resolve("data")), contains(row(s, "A", 1000L), row(s, "B", 2000L), row(s, "C", 3000L)));
  }

  @Test
  void readsWithoutHeaderByPosition() {
    // kamu test_read_csv_no_header
    ReadStepCsv step = csv(null, null, new DataSchema(List.of(field("city", opt(new DataTypeString())),
        field("population", opt(new DataTypeInt64()))), null));
    Schema s = Schema.builder().addNullableField("city", FieldType.STRING)
        .addNullableField("population", FieldType.INT64).build();
    Path f = write(tmp, "data", "A,1000\nB,2000\nC,3000\n");
    assertThat(read(step, f), contains(row(s, "A", 1000L), row(s, "B", 2000L), row(s, "C", 3000L)));
  }

  @Test
  void readsEmptyFieldsAsNull() {
    // kamu test_read_csv_null_values
    ReadStepCsv step = csv(true, true, null);
    Schema s = Schema.builder().addNullableField("city", FieldType.STRING)
        .addNullableField("population", FieldType.INT64).build();
    Path f = write(tmp, "data", "city,population\nA,1000\nB,\nC,3000\n");
    assertThat(read(step, f), contains(row(s, "A", 1000L), row(s, "B", null), row(s, "C", 3000L)));
  }

  @Test
  void readsTabSeparatedNulls() {
    // kamu test_read_tsv_null_values
    DataSchema four = new DataSchema(List.of(field("a", opt(new DataTypeInt32())), field("b", opt(new DataTypeInt32())),
        field("c", opt(new DataTypeInt32())), field("d", opt(new DataTypeInt32()))), null);
    ReadStepCsv step = new ReadStepCsv(null, "\t", null, null, null, false, null, null, null, null, four);
    Schema s = Schema.builder().addNullableField("a", FieldType.INT32).addNullableField("b", FieldType.INT32)
        .addNullableField("c", FieldType.INT32).addNullableField("d", FieldType.INT32).build();
    Path f = write(tmp, "data", "1\t2\t3\t4\n1\t\t\t4\n1\t2\t\t\n\t\t3\t4\n");
    assertThat(read(step, f), contains(row(s, 1, 2, 3, 4), row(s, 1, null, null, 4), row(s, 1, 2, null, null),
        row(s, null, null, 3, 4)));
  }

  @Test
  void readsTheDeprecatedDdlSchema() {
    // kamu-data/kamu-cli:src/infra/core/tests/tests/ingest/test_polling_ingest.rs,
    // test_ingest_polling_deprecated_ddl_schema declares ["date TIMESTAMP", "city STRING", "population INT"]
    ReadStepCsv step = new ReadStepCsv(List.of("date TIMESTAMP", "city STRING", "population INT"), null, null, null,
        null, true, null, null, null, null, null);
    Path f = write(tmp, "data", "date,city,population\n2020-01-01,A,1000\n2020-01-01,B,2000\n");
    Schema s = Schema.builder().addNullableField("date", FieldType.DATETIME)
        .addNullableField("city", FieldType.STRING).addNullableField("population", FieldType.INT32).build();
    assertThat(read(step, f), contains(row(s, Instant.parse("2020-01-01T00:00:00Z"), "A", 1000),
        row(s, Instant.parse("2020-01-01T00:00:00Z"), "B", 2000)));
  }

  @Test
  void handlesQuotesEscapesAndLineBreaks() {
    ReadStepCsv step = csv(true, null, null);
    Path f = write(tmp, "data", "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n"
        + "\"multi\nline\",\"back\\\"slash\"\r\n\r\nplain\"q,z\n");
    Schema s = schema(step, f);
    assertThat(read(step, f), contains(row(s, "x, y", "say \"hi\""), row(s, "multi\nline", "back\"slash"),
        row(s, "plain\"q", "z")));
  }

  @Test
  void honoursQuoteEscapeNullValueAndFormatOptions() {
    DataSchema schema = new DataSchema(List.of(field("name", opt(new DataTypeString())),
        field("day", opt(new org.odfbeam.core.model.DataTypeDate())),
        field("at", opt(new org.odfbeam.core.model.DataTypeTimestamp(null, null)))), null);
    ReadStepCsv step = new ReadStepCsv(null, ";", null, "'", "", false, null, "NA", "dd/MM/yyyy", "%d.%m.%Y %H:%M",
        schema);
    Path f = write(tmp, "data", "'a;b';25/09/2022;25.09.2022 01:02\nNA;NA;NA\n'it''s';01/01/2020;01.01.2020 00:00\n");
    Schema s = Schema.builder().addNullableField("name", FieldType.STRING).addNullableField("day", Types.DATE)
        .addNullableField("at", FieldType.DATETIME).build();
    assertThat(read(step, f), contains(
        row(s, "a;b", LocalDate.of(2022, 9, 25), Instant.parse("2022-09-25T01:02:00Z")),
        row(s, null, null, null),
        row(s, "it's", LocalDate.of(2020, 1, 1), Instant.parse("2020-01-01T00:00:00Z"))));
  }

  @Test
  void infersLikeArrowCsv() {
    ReadStepCsv step = csv(true, true, null);
    Path f = write(tmp, "data", """
        b,i,f,d,ts,us,mixed,nulls,big
        true,1,1.5,2020-01-01,2020-01-01T00:00:00Z,2020-01-01 00:00:00.123456,1,,99999999999999999999
        FALSE,-2,3,2020-01-02,2020-01-01T00:00:01,2020-01-01T00:00:00,x,,1
        """);
    Schema s = schema(step, f);
    assertThat(s.getFields().stream().map(x -> x.getName() + " " + Types.describe(x.getType())).toList(),
        contains("b BOOLEAN", "i INT64", "f DOUBLE", "d DATE", "ts TIMESTAMP", "us TIMESTAMP(MICROS)",
            "mixed STRING", "nulls STRING", "big STRING"));
    List<Row> rows = read(step, f);
    assertThat(rows.get(1).getDouble("f"), equalTo(3.0));
    assertThat(rows.get(0).getValue("us"), equalTo(java.time.Instant.parse("2020-01-01T00:00:00.123456Z")));
  }

  @Test
  void namesColumnsByPositionWithoutHeader() {
    Path f = write(tmp, "data", "A,1\nB,2\n");
    Schema s = schema(csv(null, true, null), f);
    assertThat(s.getFieldNames(), contains("column_1", "column_2"));
  }

  @Test
  void infersOverAllFilesAndChecksTheirHeaders() {
    Path a = write(tmp, "a.csv", "city,population\nA,1\n");
    Path b = write(tmp, "b.csv", "city,population\nB,2.5\n");
    assertThat(Types.describe(schema(csv(true, true, null), a, b).getField("population").getType()),
        equalTo("DOUBLE"));
    Path c = write(tmp, "c.csv", "town,population\nC,3\n");
    BadInputException e = assertThrows(BadInputException.class, () -> schema(csv(true, true, null), a, c));
    assertThat(e.getMessage(), equalTo("Cannot read " + c + ": line 1, the header [town, population] differs from"
        + " the header [city, population] of " + a));
  }

  @Test
  void badValueNamesFileLineColumnAndValue() {
    ReadStepCsv step = csv(true, null, new DataSchema(List.of(field("city", new DataTypeString()),
        field("population", new DataTypeInt32())), null));
    Path f = write(tmp, "data.csv", "city,population\nA,1000\n\nB,abc\n");
    BadInputException e = assertThrows(BadInputException.class, () -> read(step, f));
    assertThat(e.getMessage(), equalTo("Cannot read " + f + ": line 4, column 'population': cannot parse 'abc' as"
        + " INT32"));
    assertThat(e.column(), equalTo("population"));
  }

  @Test
  void badRecordsAreErrors() {
    ReadStepCsv step = csv(true, null, new DataSchema(List.of(field("city", new DataTypeString()),
        field("population", new DataTypeInt32())), null));
    Path f1 = write(tmp, "a.csv", "city,population\nA,1000,7\n");
    assertThat(assertThrows(BadInputException.class, () -> read(step, f1)).getMessage(),
        equalTo("Cannot read " + f1 + ": line 2, expected 2 fields (city, population), found 3"));
    Path f2 = write(tmp, "b.csv", "city,population\n,1000\n");
    assertThat(assertThrows(BadInputException.class, () -> read(step, f2)).getMessage(),
        equalTo("Cannot read " + f2 + ": line 2, column 'city': the value is missing ('' is the null value), but the"
            + " column is not nullable"));
    Path f3 = write(tmp, "c.csv", "city,population\n\"A,1000\n");
    assertThat(assertThrows(BadInputException.class, () -> read(step, f3)).getMessage(),
        containsString("line 2, a quoted field (column 1) is not closed before the end of the file"));
    Path f4 = write(tmp, "d.csv", "city,population\nA,99999999999\n");
    assertThat(assertThrows(BadInputException.class, () -> read(step, f4)).getMessage(),
        containsString("line 2, column 'population': '99999999999' is out of the range of INT32"));
  }

  @Test
  void invalidUtf8IsAnError() throws Exception {
    Path f = tmp.resolve("latin1.csv");
    Files.write(f, new byte[] {'a', '\n', 'c', (byte) 0xe9, '\n'});
    BadInputException e = assertThrows(BadInputException.class, () -> read(csv(true, null, null), f));
    assertThat(e.getMessage(), equalTo("Cannot read " + f + ": line 2, invalid UTF-8 (a bad sequence starting with byte"
        + " 0xe9); only utf8 files can be read"));
  }

  @Test
  void refusesOptionsItCannotHonour() {
    UnsupportedSourceException e = assertThrows(UnsupportedSourceException.class, () -> ReadFiles.of(
        new ReadStepCsv(null, "||", null, null, null, null, null, null, null, null, null)));
    assertThat(e.getMessage(), equalTo("Cannot read with read.separator: '||' must be a single character"));
    e = assertThrows(UnsupportedSourceException.class, () -> ReadFiles.of(
        new ReadStepCsv(null, null, "latin1", null, null, null, null, null, null, null, null)));
    assertThat(e.getMessage(), equalTo("Cannot read with read.encoding 'latin1': only utf8 is supported"));
    e = assertThrows(UnsupportedSourceException.class, () -> ReadFiles.of(
        new ReadStepCsv(null, null, null, null, null, null, null, null, "%Q", null, null)));
    assertThat(e.getMessage(), equalTo("Cannot read with read.dateFormat: invalid format '%Q': unsupported"
        + " specifier %Q"));
    DataSchema a = new DataSchema(List.of(field("a", new DataTypeInt32())), null);
    e = assertThrows(UnsupportedSourceException.class, () -> ReadFiles.of(new ReadStepCsv(List.of("a INT"), null,
        null, null, null, null, null, null, null, null, a)));
    assertThat(e.getMessage(), equalTo("Cannot read with read: Cannot specify both DDL and ODF schemas at once"
        + " (schema and ddlSchema)"));
  }
}
