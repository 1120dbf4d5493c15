package org.odfbeam.pipelines.ingest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.odfbeam.pipelines.ingest.Formats.read;
import static org.odfbeam.pipelines.ingest.Formats.row;
import static org.odfbeam.pipelines.ingest.Formats.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.core.model.DataField;
import org.odfbeam.core.model.DataSchema;
import org.odfbeam.core.model.DataTypeBool;
import org.odfbeam.core.model.DataTypeDate;
import org.odfbeam.core.model.DataTypeInt64;
import org.odfbeam.core.model.DataTypeOption;
import org.odfbeam.core.model.DataTypeString;
import org.odfbeam.core.model.ReadStepParquet;

/**
 * The Parquet reader. Cases marked "kamu" port kamu-data/kamu-cli:src/infra/ingest-datafusion/tests/tests/
 * test_reader_parquet.rs; its {@code write_test_data} file is rebuilt here with parquet-mr (kamu writes it with
 * arrow-rs: offset UInt64, system_time and event_time Timestamp(ms, UTC), city Utf8, population Int64, all required).
 */
class ParquetReadTest {
  @TempDir
  Path tmp;

  static final long SYSTEM_TIME = Instant.parse("2023-02-01T00:00:00Z").getMillis();
  static final long EVENT_TIME = Instant.parse("2023-01-01T00:00:00Z").getMillis();

  /** Writes a Parquet file of the given schema (parquet-mr's text form) with the rows {@code rows} adds. */
  static Path parquet(Path file, String schema, BiConsumer<SimpleGroupFactory, List<Group>> rows) {
    MessageType type = MessageTypeParser.parseMessageType(schema);
    List<Group> groups = new ArrayList<>();
    rows.accept(new SimpleGroupFactory(type), groups);
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(file))
        .withConf(new PlainParquetConfiguration()).withType(type).build()) {
      for (Group g : groups) {
        w.write(g);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** kamu's {@code write_test_data}. */
  Path kamuTestData() {
    return parquet(tmp.resolve("data"), """
        message arrow_schema {
          required int64 offset (INTEGER(64,false));
          required int64 system_time (TIMESTAMP(MILLIS,true));
          required int64 event_time (TIMESTAMP(MILLIS,true));
          required binary city (STRING);
          required int64 population;
        }
        """, (f, written) -> {
          String[] cities = {"vancouver", "seattle", "kyiv"};
          long[] population = {675_000, 733_000, 2_884_000};
          for (int i = 0; i < 3; i++) {
            written.add(f.newGroup().append("offset", (long) i).append("system_time", SYSTEM_TIME)
                .append("event_time", EVENT_TIME).append("city", cities[i]).append("population", population[i]));
          }
        });
  }

  @Test
  void readsAllColumnsWithoutSchema() {
    // kamu test_read_parquet (offset UInt64 is read as INT64: Beam has no unsigned integers)
    Path f = kamuTestData();
    ReadStepParquet step = new ReadStepParquet(null, null);
    Schema s = Schema.builder().addInt64Field("offset").addDateTimeField("system_time")
        .addDateTimeField("event_time").addStringField("city").addInt64Field("population").build();
    assertThat(schema(step, f), equalTo(s));
    Instant sys = new Instant(SYSTEM_TIME);
    Instant ev = new Instant(EVENT_TIME);
    assertThat(read(step, f), contains(row(s, 0L, sys, ev, "vancouver", 675_000L),
        row(s, 1L, sys, ev, "seattle", 733_000L), row(s, 2L, sys, ev, "kyiv", 2_884_000L)));
  }

  @Test
  void projectsAndCoercesToTheSchema() {
    // kamu test_read_parquet_schema_coercion: population INT64 read as STRING
    Path f = kamuTestData();
    ReadStepParquet step = new ReadStepParquet(null, new DataSchema(List.of(
        new DataField("city", new DataTypeString(), null), new DataField("population", new DataTypeString(), null)),
        null));
    Schema s = Schema.builder().addStringField("city").addStringField("population").build();
    assertThat(read(step, f), contains(row(s, "vancouver", "675000"), row(s, "seattle", "733000"),
        row(s, "kyiv", "2884000")));
  }

  @Test
  void readsNestedAndOptionalColumns() {
    Path f = parquet(tmp.resolve("nested.parquet"), """
        message m {
          optional binary name (STRING);
          optional group tags (LIST) { repeated group list { optional binary element (STRING); } }
          optional group geo { required double lat; optional double lon; }
          optional int32 day (DATE);
          optional int32 small (INTEGER(32,false));
        }
        """, (g, written) -> {
          Group a = g.newGroup().append("name", "a").append("day", 19_000).append("small", -1);
          Group tags = a.addGroup("tags");
          tags.addGroup("list").append("element", "x");
          tags.addGroup("list");
          a.addGroup("geo").append("lat", 1.5).append("lon", 2.5);
          written.add(a);
          written.add(g.newGroup());
        });
    ReadStepParquet step = new ReadStepParquet(null, null);
    Schema s = schema(step, f);
    assertThat(s.getFields().stream().map(x -> x.getName() + " " + Types.describe(x.getType())
        + (x.getType().getNullable() ? "" : " NOT NULL")).toList(),
        contains("name STRING", "tags ARRAY<STRING>", "geo ROW<lat DOUBLE, lon DOUBLE>", "day DATE", "small INT64"));
    List<Row> rows = read(step, f);
    assertThat(rows.get(0).getArray("tags"), contains("x", null));
    assertThat(rows.get(0).getRow("geo").getDouble("lon"), equalTo(2.5));
    assertThat(rows.get(0).getInt64("small"), equalTo(4_294_967_295L));
    assertThat(rows.get(0).getLogicalTypeValue("day", java.time.LocalDate.class),
        equalTo(java.time.LocalDate.ofEpochDay(19_000)));
    assertThat(rows.get(1), equalTo(Row.nullRow(s)));
  }

  @Test
  void mismatchedColumnsAreErrors() {
    Path f = kamuTestData();
    ReadStepParquet missing = new ReadStepParquet(null, new DataSchema(List.of(
        new DataField("city", new DataTypeString(), null), new DataField("area", new DataTypeInt64(), null)), null));
    assertThat(assertThrows(BadInputException.class, () -> read(missing, f)).getMessage(),
        equalTo("Cannot read " + f + ": column 'area': the file has no such column, but the read schema declares it"
            + " not nullable; the file has [offset, system_time, event_time, city, population]"));
    ReadStepParquet optional = new ReadStepParquet(null, new DataSchema(List.of(
        new DataField("area", new DataTypeOption(new DataTypeInt64()), null)), null));
    Schema s = Schema.builder().addNullableField("area", FieldType.INT64).build();
    assertThat(read(optional, f), contains(Row.nullRow(s), Row.nullRow(s), Row.nullRow(s)));
    ReadStepParquet wrongType = new ReadStepParquet(null, new DataSchema(List.of(
        new DataField("city", new DataTypeDate(), null)), null));
    assertThat(assertThrows(BadInputException.class, () -> read(wrongType, f)).getMessage(),
        equalTo("Cannot read " + f + ": row 1, column 'city': cannot parse 'vancouver' as DATE: expected RFC 3339,"
            + " e.g. 2022-09-25 or 2022-09-25T01:02:03Z"));
    ReadStepParquet noWay = new ReadStepParquet(null, new DataSchema(List.of(
        new DataField("population", new DataTypeBool(), null)), null));
    assertThat(assertThrows(BadInputException.class, () -> read(noWay, f)).getMessage(),
        equalTo("Cannot read " + f + ": column 'population': the file stores INT64, which cannot be read as BOOLEAN"
            + " (read schema)"));
  }

  @Test
  void unsignedOverflowIsAnError() {
    Path f = parquet(tmp.resolve("u64.parquet"), "message m { required int64 id (INTEGER(64,false)); }",
        (g, written) -> written.add(g.newGroup().append("id", -1L)));
    assertThat(assertThrows(BadInputException.class, () -> read(new ReadStepParquet(null, null), f)).getMessage(),
        equalTo("Cannot read " + f + ": row 1, column 'id': the unsigned value 18446744073709551615 is out of the"
            + " range of INT64"));
  }

  @Test
  void differentColumnTypesAcrossFilesAreErrors() {
    Path a = parquet(tmp.resolve("a.parquet"), "message m { required int64 id; }",
        (g, written) -> written.add(g.newGroup().append("id", 1L)));
    Path b = parquet(tmp.resolve("b.parquet"), "message m { required binary id (STRING); optional int32 x; }",
        (g, written) -> written.add(g.newGroup().append("id", "1")));
    assertThat(assertThrows(BadInputException.class, () -> schema(new ReadStepParquet(null, null), a, b))
        .getMessage(), equalTo("Cannot read " + b + ": column 'id': the column is STRING, but INT64 in " + a
            + "; declare a read schema"));
  }
}
