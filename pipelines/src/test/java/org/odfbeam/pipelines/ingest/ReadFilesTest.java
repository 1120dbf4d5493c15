package org.odfbeam.pipelines.ingest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.odfbeam.pipelines.ingest.Formats.row;
import static org.odfbeam.pipelines.ingest.Formats.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline.PipelineExecutionException;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.core.model.DataField;
import org.odfbeam.core.model.DataSchema;
import org.odfbeam.core.model.DataTypeOption;
import org.odfbeam.core.model.DataTypeString;
import org.odfbeam.core.model.DataTypeTimestamp;
import org.odfbeam.core.model.ReadStepCsv;
import org.odfbeam.core.model.ReadStepJson;
import org.odfbeam.core.model.ReadStepNdJson;
import org.odfbeam.core.yaml.ManifestYaml;

/** ReadFiles in pipelines: a manifest end to end (fetch + read), inference, the source event time, failures. */
@ExtendWith(TestPipelineExtension.class)
class ReadFilesTest {
  @TempDir
  Path tmp;

  static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

  static org.joda.time.Instant joda(String instant) {
    return org.joda.time.Instant.parse(instant);
  }

  /** Copies src/test/resources/ingest/{@code name} into the temporary directory. */
  Path copyResource(String name) throws Exception {
    Path src = Path.of(ReadFilesTest.class.getResource("/ingest/" + name).toURI());
    Path dst = tmp.resolve(name);
    try (Stream<Path> s = Files.walk(src)) {
      for (Path p : s.toList()) {
        Path t = dst.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    return dst;
  }

  @Test
  void readsTheFilesOfAManifestWithTheirEventTimes(TestPipeline pipeline) throws Exception {
    Path dir = copyResource("orders");
    IngestSource source = IngestSource.of(ManifestYaml.readSnapshot(Files.readString(dir.resolve("orders.yaml"))));
    FetchPlan plan = FetchPlan.of(source, null, FetchContext.of(dir, NOW));
    assertThat(plan.newSourceState().value(), equalTo("orders-2024-03-02.csv"));

    ReadFiles read = ReadFiles.of(source).from(plan).withSourceEventTimeColumn("event_time");
    Schema s = Schema.builder().addInt64Field("order_id").addNullableField("item", FieldType.STRING)
        .addInt32Field("quantity").addDateTimeField("event_time").build();
    assertThat(read.schema(), equalTo(s));
    PCollection<Row> rows = pipeline.apply(read);
    PAssert.that(rows).containsInAnyOrder(
        row(s, 1L, "anvil", 2, joda("2024-03-01T00:00:00Z")),
        row(s, 2L, "rocket skates", 1, joda("2024-03-01T00:00:00Z")),
        row(s, 3L, null, 5, joda("2024-03-02T00:00:00Z")),
        row(s, 4L, "giant magnet, large", 1, joda("2024-03-02T00:00:00Z")));
    pipeline.run().waitUntilFinish();

    // The next run finds nothing new; a new day's file is the only one read.
    assertThat(FetchPlan.of(source, plan.newSourceState(), FetchContext.of(dir, NOW)).upToDate(),
        equalTo(true));
    write(dir.resolve("data"), "orders-2024-03-03.csv", "order_id,item,quantity\n5,bird seed,9\n");
    assertThat(FetchPlan.of(source, plan.newSourceState(), FetchContext.of(dir, NOW)).files().stream()
        .map(FetchedFile::name).toList(), equalTo(List.of("orders-2024-03-03.csv")));
  }

  @Test
  void infersOneSchemaForAllFilesAndReadsThemInParallel(TestPipeline pipeline) {
    Path a = write(tmp, "a.ndjson", "{\"city\": \"A\", \"population\": 1000}\n{\"city\": \"B\"}");
    Path b = write(tmp, "b.ndjson", "{\"city\": \"C\", \"population\": 3000.5, \"country\": \"X\"}");
    ReadFiles read = ReadFiles.of(new ReadStepNdJson(null, null, null, null, null))
        .from(List.of(new FetchedFile(a.toString(), NOW), new FetchedFile(b.toString(), NOW)));
    Schema s = Schema.builder().addNullableField("city", FieldType.STRING)
        .addNullableField("population", FieldType.DOUBLE).addNullableField("country", FieldType.STRING).build();
    assertThat(read.schema(), equalTo(s));
    PAssert.that(pipeline.apply(read)).containsInAnyOrder(row(s, "A", 1000.0, null), row(s, "B", null, null),
        row(s, "C", 3000.5, "X"));
    pipeline.run().waitUntilFinish();
  }

  @Test
  void fillsMissingEventTimesOfATimestampColumn(TestPipeline pipeline) {
    Path f = write(tmp, "data.json", "{\"items\": [{\"event_time\": \"2020-01-01T00:00:00Z\", \"v\": \"a\"},"
        + " {\"event_time\": null, \"v\": \"b\"}, {\"v\": \"c\"}]}");
    DataSchema schema = new DataSchema(List.of(
        new DataField("event_time", new DataTypeOption(new DataTypeTimestamp(null, null)), null),
        new DataField("v", new DataTypeString(), null)), null);
    ReadFiles read = ReadFiles.of(new ReadStepJson("items", null, null, null, null, schema))
        .from(List.of(new FetchedFile(f.toString(), NOW))).withSourceEventTimeColumn("event_time");
    Schema s = Schema.builder().addNullableField("event_time", FieldType.DATETIME).addStringField("v").build();
    PAssert.that(pipeline.apply(read)).containsInAnyOrder(row(s, joda("2020-01-01T00:00:00Z"), "a"),
        row(s, joda("2024-05-01T12:00:00Z"), "b"), row(s, joda("2024-05-01T12:00:00Z"), "c"));
    pipeline.run().waitUntilFinish();
  }

  @Test
  void coercesAnInferredEventTimeColumnLikeKamu(TestPipeline pipeline) {
    // kamu-data/kamu-cli:src/infra/core/src/services/ingest/ingest_common.rs, preprocess_default: without a read
    // schema, a string event time column is read as RFC 3339 and an integer one as Unix seconds
    Path a = write(tmp, "a.csv", "event_time,v\n2020-01-01T00:00:00Z,a\n,b\n");
    Path b = write(tmp, "b.ndjson", "{\"event_time\": 1577836800, \"v\": \"c\"}");
    ReadFiles csv = ReadFiles.of(new ReadStepCsv(null, null, null, null, null, true, null, null, null, null, null))
        .from(List.of(new FetchedFile(a.toString(), NOW))).withSourceEventTimeColumn("event_time");
    ReadFiles ndjson = ReadFiles.of(new ReadStepNdJson(null, null, null, null, null))
        .from(List.of(new FetchedFile(b.toString(), NOW))).withSourceEventTimeColumn("event_time");
    Schema s = Schema.builder().addNullableField("event_time", FieldType.DATETIME)
        .addNullableField("v", FieldType.STRING).build();
    assertThat(csv.schema(), equalTo(s));
    PAssert.that(pipeline.apply("CSV", csv)).containsInAnyOrder(row(s, joda("2020-01-01T00:00:00Z"), "a"),
        row(s, joda("2024-05-01T12:00:00Z"), "b"));
    PAssert.that(pipeline.apply("NDJSON", ndjson)).containsInAnyOrder(row(s, joda("2020-01-01T00:00:00Z"), "c"));
    pipeline.run().waitUntilFinish();
  }

  @Test
  void badInputFailsThePipelineNamingFileLineAndColumn(TestPipeline pipeline) {
    Path good = write(tmp, "good.csv", "a,b\n1,2\n");
    Path bad = write(tmp, "bad.csv", "a,b\n1,2\n3,x\n");
    ReadStepCsv step = new ReadStepCsv(List.of("a INT", "b INT"), null, null, null, null, true, null, null, null,
        null, null);
    pipeline.apply(ReadFiles.of(step).from(List.of(new FetchedFile(good.toString(), NOW),
        new FetchedFile(bad.toString(), NOW))));
    PipelineExecutionException e = assertThrows(PipelineExecutionException.class,
        () -> pipeline.run().waitUntilFinish());
    assertThat(e.getCause(), instanceOf(BadInputException.class));
    assertThat(e.getCause().getMessage(), equalTo("Cannot read " + bad + ": line 3, column 'b': cannot parse 'x' as"
        + " INT32"));
  }

  @Test
  void checksItsSettings() throws IOException {
    ReadFiles noSchema = ReadFiles.of(new ReadStepNdJson(null, null, null, null, null));
    assertThat(assertThrows(IllegalStateException.class, noSchema::schema).getMessage(), equalTo("ReadFiles for"
        + " read: the read step declares no schema, so from() is required to infer it"));
    assertThat(assertThrows(IllegalArgumentException.class, () -> noSchema.withSourceEventTimeColumn(""))
        .getMessage(), equalTo("withSourceEventTimeColumn() needs a column name, but was ''"));
    Path f = write(tmp, "a.csv", "event_time\n2020-01-01\n");
    ReadFiles strings = ReadFiles.of(new ReadStepCsv(List.of("event_time STRING"), null, null, null, null, true, null,
            null, null, null, null))
        .from(List.of(new FetchedFile(f.toString(), NOW)))
        .withSourceEventTimeColumn("event_time");
    assertThat(assertThrows(IllegalArgumentException.class, strings::schema).getMessage(), equalTo(
        "withSourceEventTimeColumn(\"event_time\"): the rows of read have that column as STRING, but it must be"
            + " TIMESTAMP to take the source event time; declare it TIMESTAMP in the read schema or choose another"
            + " column"));
  }
}
