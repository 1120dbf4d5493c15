package org.odfbeam.transforms.sql;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.odfbeam.transforms.sql.SqlTestData.day;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.transforms.Select;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.model.ExecuteTransform;
import org.odfbeam.core.model.MetadataEvent;
import org.odfbeam.core.model.SetTransform;
import org.odfbeam.core.model.SqlQueryStep;
import org.odfbeam.core.model.TransformInput;
import org.odfbeam.core.model.TransformSql;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.io.OdfIO;
import org.odfbeam.io.OdfInputs;

/** A kamu-style multi-step SQL manifest run with Beam SQL over two ODF datasets and written as a derivative. */
class OdfSqlDerivativeTest {
  static final Schema CITY = Schema.builder().addDateTimeField("event_time").addStringField("city")
      .addStringField("country").addInt64Field("population").build();
  static final Schema COUNTRY = Schema.builder().addDateTimeField("event_time").addStringField("code")
      .addStringField("name").build();
  static final Schema RESULT = Schema.builder().addDateTimeField("event_time").addStringField("city")
      .addStringField("country").build();

  @TempDir
  Path tmp;

  private static Pipeline pipeline() {
    return Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
  }

  @Test
  void writesTheResultOfAManifestForAnotherEngineAsADerivativeDataset() {
    String cities = tmp.resolve("cities").toString();
    String countries = tmp.resolve("countries").toString();
    String out = tmp.resolve("big-cities").toString();

    Pipeline roots = pipeline();
    roots.apply("Cities", Create.of(
            Row.withSchema(CITY).addValues(day(1), "Tokyo", "JP", 37_400_000L).build(),
            Row.withSchema(CITY).addValues(day(2), "Nara", "JP", 350_000L).build(),
            Row.withSchema(CITY).addValues(day(3), "Toronto", "CA", 6_300_000L).build())
        .withRowSchema(CITY))
        .apply("Write cities", OdfIO.write().to(cities).withSystemTime(Instant.parse("2024-01-01T00:00:00Z")));
    roots.apply("Countries", Create.of(
            Row.withSchema(COUNTRY).addValues(day(1), "JP", "Japan").build(),
            Row.withSchema(COUNTRY).addValues(day(1), "CA", "Canada").build())
        .withRowSchema(COUNTRY))
        .apply("Write countries", OdfIO.write().to(countries).withSystemTime(Instant.parse("2024-01-01T00:00:00Z")));
    roots.run().waitUntilFinish();

    // A manifest written for kamu's DataFusion engine whose queries happen to be Beam SQL too.
    TransformSql manifest = new TransformSql("datafusion", null, null, List.of(
        new SqlQueryStep("big", "SELECT event_time, city, country FROM cities WHERE population >= 1000000"),
        new SqlQueryStep(null, "SELECT b.event_time, b.city, c.name AS country FROM big AS b"
            + " JOIN countries AS c ON b.country = c.code")), null);
    OdfSql sql = OdfSql.fromManifest(manifest).runWithBeamSql();

    Pipeline derive = pipeline();
    OdfInputs in = OdfInputs.of(derive, out).add("cities", cities).add("countries", countries);
    PCollectionTuple.of("cities", in.get("cities")).and("countries", in.get("countries"))
        .apply("Run the SQL transform", sql)
        .apply("Write big cities", OdfIO.write().to(out).derivedFrom(in).withTransform(sql.recordedTransform())
            .withSystemTime(Instant.parse("2024-01-02T00:00:00Z")));
    derive.run().waitUntilFinish();

    Pipeline read = pipeline();
    PCollection<Row> rows = read.apply(OdfIO.read().from(out)).apply(Select.fieldNames("event_time", "city",
        "country"));
    PAssert.that(rows).containsInAnyOrder(
        Row.withSchema(RESULT).addValues(day(1), "Tokyo", "Japan").build(),
        Row.withSchema(RESULT).addValues(day(3), "Toronto", "Canada").build());
    read.run().waitUntilFinish();

    List<MetadataEvent> events = new MetadataChain(LocalFsDatasetStorage.open(out)).blocks()
        .map(b -> b.block().event()).toList();
    SetTransform setTransform = events.stream().filter(SetTransform.class::isInstance)
        .map(SetTransform.class::cast).findFirst().orElseThrow();
    assertThat(setTransform.inputs().stream().map(TransformInput::alias).toList(),
        equalTo(List.of("cities", "countries")));
    assertThat(setTransform.transform(), instanceOf(TransformSql.class));
    // The chain records the engine that ran (Beam SQL and its version), never the manifest's `datafusion`.
    assertThat(setTransform.transform(), equalTo(sql.recordedTransform()));
    assertThat(sql.recordedTransform().engine(), equalTo("beam-sql"));
    assertThat(sql.recordedTransform().queries(), equalTo(manifest.queries()));
    List<ExecuteTransform> executes = events.stream().filter(ExecuteTransform.class::isInstance)
        .map(ExecuteTransform.class::cast).toList();
    assertThat(executes, hasSize(1));
    assertThat(executes.get(0).newData().offsetInterval().end() - executes.get(0).newData().offsetInterval().start()
        + 1, equalTo(2L));
  }
}
