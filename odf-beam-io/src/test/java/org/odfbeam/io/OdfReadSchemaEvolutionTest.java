package org.odfbeam.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A dataset that gained a nullable column reads back whole, older slices with nulls in the new column. */
@ExtendWith(TestPipelineExtension.class)
class OdfReadSchemaEvolutionTest {
  static final Schema WIDER = Schema.builder()
      .addDateTimeField("event_time")
      .addStringField("city")
      .addInt64Field("population")
      .addNullableField("country", FieldType.STRING)
      .build();

  @TempDir Path tmp;

  @Test
  void readsSlicesWrittenBeforeANullableColumnWasAdded(TestPipeline p) {
    String dataset = tmp.resolve("cities").toString();
    OdfWriteTest.run(dataset, OdfWriteTest.tenCities(), OdfIO.write()
        .withSystemTime(OdfWriteTest.SYSTEM_TIME).withMaxRecordsPerSlice(4));
    List<Row> added = List.of(
        Row.withSchema(WIDER).addValues(new Instant(9_000_000L), "x", 1L, "XY").build(),
        Row.withSchema(WIDER).addValues(new Instant(9_000_001L), "y", 2L, null).build());
    OdfWriteTest.run(dataset, added, WIDER, OdfIO.write().withSystemTime(OdfWriteTest.SYSTEM_TIME.plusSeconds(1)));

    PCollection<Row> rows = p.apply("Read the evolved dataset", OdfIO.read().from(dataset)
        .withColumns("offset", "city", "population", "country"));
    Schema out = rows.getSchema();
    assertThat(out.getField("country").getType(), equalTo(FieldType.STRING.withNullable(true)));
    Schema view = Schema.builder().addStringField("city").addInt64Field("population")
        .addNullableField("country", FieldType.STRING).addBooleanField("secondWrite").build();
    List<Row> expected = new ArrayList<>();
    for (Row r : OdfWriteTest.tenCities()) {
      expected.add(Row.withSchema(view).addValues(r.getString("city"), r.getInt64("population"), null, false).build());
    }
    expected.add(Row.withSchema(view).addValues("x", 1L, "XY", true).build());
    expected.add(Row.withSchema(view).addValues("y", 2L, null, true).build());
    PAssert.that(rows.apply("View rows", MapElements.into(TypeDescriptors.rows())
            .via((Row r) -> Row.withSchema(view).addValues(r.getString("city"), r.getInt64("population"),
                r.getString("country"), r.getInt64("offset") >= 10).build()))
            .setRowSchema(view))
        .containsInAnyOrder(expected);
    PAssert.that(rows.apply("Offsets", MapElements.into(TypeDescriptors.longs()).via((Row r) -> r.getInt64("offset"))))
        .containsInAnyOrder(LongStream.range(0, 12).boxed().toList());
    p.run().waitUntilFinish();
  }
}
