package org.odfbeam.transforms.aggregate;

import static org.odfbeam.transforms.aggregate.ChangelogAggregateTest.A;
import static org.odfbeam.transforms.aggregate.ChangelogAggregateTest.CF;
import static org.odfbeam.transforms.aggregate.ChangelogAggregateTest.CITIES;
import static org.odfbeam.transforms.aggregate.ChangelogAggregateTest.CT;
import static org.odfbeam.transforms.aggregate.ChangelogAggregateTest.R;
import static org.odfbeam.transforms.aggregate.ChangelogAggregateTest.city;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Unbounded input: rows wait for the watermark, late rows become corrections. Element timestamps are the rows'
 * event times, as the class Javadoc asks. Each output is described with the timestamp it was emitted at
 * ({@code @3}), which is the timer that released it.
 */
@ExtendWith(TestPipelineExtension.class)
class ChangelogAggregateStreamingTest {

  static TimestampedValue<Row> at(Row row) {
    return TimestampedValue.of(row, row.getDateTime("event_time").toInstant());
  }

  static Instant second(int s) {
    return new Instant(s * 1000L);
  }

  /** {@code @<emitted at> <row as ChangelogAggregateTest describes it>}. */
  static final class DescribeWithTimestamp extends DoFn<Row, String> {
    @ProcessElement
    public void process(@Element Row row, @Timestamp Instant ts, OutputReceiver<String> out) {
      out.output("@" + ts.getMillis() / 1000 + " " + ChangelogAggregateTest.describe(row));
    }
  }

  /** The rows of the test below in the order they arrive. */
  static List<List<Row>> arrivals() {
    return List.of(
        List.of(city(0, A, 1, "UA", "kyiv", 100L), city(1, A, 1, "UA", "lviv", 50L),
            city(2, A, 1, "PL", "krakow", 70L)),
        List.of(city(3, A, 4, "UA", "odesa", 30L), city(4, A, 3, "UA", "kharkiv", 40L)),
        List.of(city(5, CF, 1, "UA", "kyiv", 100L), city(6, CT, 1, "UA", "kyiv", 120L)),
        List.of(city(7, R, 1, "UA", "lviv", 50L), city(8, R, 1, "PL", "krakow", 70L)));
  }

  @Test
  void emitsWhenTheWatermarkPassesAndAppliesLateRetractionsAsCorrections(TestPipeline p) {
    List<List<Row>> in = arrivals();
    TestStream<Row> stream = TestStream.create(RowCoder.of(CITIES))
        .addElements(at(in.get(0).get(0)), at(in.get(0).get(1)), at(in.get(0).get(2)))
        .advanceWatermarkTo(second(2))
        // out of order: t=4 before t=3, both ahead of the watermark
        .addElements(at(in.get(1).get(0)), at(in.get(1).get(1)))
        .advanceWatermarkTo(second(5))
        // late: a correction of kyiv at its original event time t=1, behind the watermark
        .addElements(at(in.get(2).get(0)), at(in.get(2).get(1)))
        .advanceWatermarkTo(second(6))
        // late: retractions of lviv and of krakow, the only row of PL
        .addElements(at(in.get(3).get(0)), at(in.get(3).get(1)))
        .advanceWatermarkToInfinity();

    PCollection<Row> out = p.apply(stream)
        .apply(ChangelogAggregate.perKey("country").count().sum("population"));

    /*
     * By hand:
     *   watermark 2: timer t=1 fires: UA kyiv 100 + lviv 50 -> +A t=1 n=2 150; PL krakow 70 -> +A t=1 n=1 70
     *   watermark 5: timer t=3 fires: UA + kharkiv 40 -> -C t=1 n=2 150, +C t=3 n=3 190
     *                timer t=4 fires: UA + odesa 30   -> -C t=3 n=3 190, +C t=4 n=4 220
     *   late kyiv correction (step time max(1, 4) = 4): 220 - 100 + 120 = 240, still 4 rows
     *                                                    -> -C t=4 n=4 220, +C t=4 n=4 240 (emitted @1)
     *   late lviv retraction: 240 - 50 = 190 over 3 rows -> -C t=4 n=4 240, +C t=4 n=3 190 (emitted @1)
     *   late krakow retraction: PL has no rows left     -> -R t=1 n=1 70 (emitted @1)
     */
    PAssert.that(out.apply(ParDo.of(new DescribeWithTimestamp()))).containsInAnyOrder(
        "@1 +A t=1 UA n=2 sum=150", "@1 +A t=1 PL n=1 sum=70",
        "@3 -C t=1 UA n=2 sum=150", "@3 +C t=3 UA n=3 sum=190",
        "@4 -C t=3 UA n=3 sum=190", "@4 +C t=4 UA n=4 sum=220",
        "@1 -C t=4 UA n=4 sum=220", "@1 +C t=4 UA n=4 sum=240",
        "@1 -C t=4 UA n=4 sum=240", "@1 +C t=4 UA n=3 sum=190",
        "@1 -R t=1 PL n=1 sum=70");
    p.run();
  }

  @Test
  void withoutLateRowsEqualsTheBoundedReplay(TestPipeline p) {
    // The same rows, each arriving before the watermark passes it: t=1 rows (incl. the retractions) together.
    List<Row> all = new ArrayList<>();
    arrivals().forEach(all::addAll);
    TestStream.Builder<Row> builder = TestStream.create(RowCoder.of(CITIES));
    for (int t = 1; t <= 4; t++) {
      for (Row r : all) {
        if (r.getDateTime("event_time").getMillis() == t * 1000L) {
          builder = builder.addElements(at(r));
        }
      }
      builder = builder.advanceWatermarkTo(second(t));
    }
    PCollection<Row> streamed = p.apply("Stream", builder.advanceWatermarkToInfinity())
        .apply("Streaming aggregate", ChangelogAggregate.perKey("country").count().sum("population"));
    PCollection<Row> batch = p.apply("Batch", Create.of(all).withRowSchema(CITIES))
        .apply("Batch aggregate", ChangelogAggregate.perKey("country").count().sum("population"));

    // By hand: UA t=1: kyiv 100 + lviv 50 - kyiv 100 + kyiv 120 - lviv 50 = 120 over 1 row; t=3: +40; t=4: +30.
    // PL t=1: krakow 70 - krakow 70: nothing.
    String[] expected = {"+A t=1 UA n=1 sum=120", "-C t=1 UA n=1 sum=120", "+C t=3 UA n=2 sum=160",
        "-C t=3 UA n=2 sum=160", "+C t=4 UA n=3 sum=190"};
    PAssert.that("streamed", ChangelogAggregateTest.described(streamed)).containsInAnyOrder(expected);
    PAssert.that("batch", batch.apply("Describe batch", org.apache.beam.sdk.transforms.MapElements
        .into(org.apache.beam.sdk.values.TypeDescriptors.strings()).via(ChangelogAggregateTest::describe)))
        .containsInAnyOrder(expected);
    p.run();
  }
}
