package org.odfbeam.transforms.merge;

import static org.odfbeam.transforms.testing.KamuFixtures.ORDER;
import static org.odfbeam.transforms.testing.KamuFixtures.assertInOrder;

import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.io.OdfIO;

/**
 * Merges against a real dataset: written with {@code OdfIO.write()}, read back with {@code OdfIO.read()} as
 * {@link Merge#CHANGELOG} (default vocabulary, DATETIME event time, system columns), as an ingest pipeline does.
 */
@ExtendWith(TestPipelineExtension.class)
class MergeOdfDatasetTest {
  private static final Instant Y2020 = Instant.parse("2020-01-01T00:00:00Z");

  @TempDir Path tmp;

  @Test
  void diffsASnapshotWithoutEventTimeAgainstADatasetReadBack(TestPipeline p) {
    String dataset = tmp.resolve("cities").toString();
    Schema written = Schema.builder().addDateTimeField("event_time").addStringField("city")
        .addInt64Field("population").build();
    Pipeline w = Pipeline.create(PipelineOptionsFactory.create());
    w.apply(Create.of(List.of(
            Row.withSchema(written).addValues(Y2020, "vancouver", 1L).build(),
            Row.withSchema(written).addValues(Y2020, "seattle", 2L).build(),
            Row.withSchema(written).addValues(Y2020, "kyiv", 3L).build()))
        .withRowSchema(written))
        .apply(OdfIO.write().to(dataset).withSystemTime(java.time.Instant.parse("2024-01-01T00:00:00Z")));
    w.run().waitUntilFinish();

    Schema snapshot = Schema.builder().addStringField("city").addInt64Field("population").build();
    MergeResult out = PCollectionTuple
        .of(Merge.NEW, p.apply("Snapshot", Create.of(List.of(
                Row.withSchema(snapshot).addValues("seattle", 2L).build(),
                Row.withSchema(snapshot).addValues("kyiv", 4L).build(),
                Row.withSchema(snapshot).addValues("odessa", 5L).build()))
            .withRowSchema(snapshot)))
        .and(Merge.CHANGELOG, p.apply("Read the dataset", OdfIO.read().from(dataset)))
        .apply(Merge.snapshot("city").withOrderColumn(ORDER));
    // The dataset's event time column is carried (nullable) so -C and -R keep the old event time.
    assertInOrder(out.rows(),
        "-C 2020-01-01T00:00:00.000Z kyiv 3", "+C null kyiv 4", "+A null odessa 5",
        "-R 2020-01-01T00:00:00.000Z vancouver 1");
    p.run().waitUntilFinish();
  }
}
