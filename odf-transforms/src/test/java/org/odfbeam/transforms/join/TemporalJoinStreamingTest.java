package org.odfbeam.transforms.join;

import static org.odfbeam.transforms.join.TemporalJoinTest.A;
import static org.odfbeam.transforms.join.TemporalJoinTest.OWNED;
import static org.odfbeam.transforms.join.TemporalJoinTest.R;
import static org.odfbeam.transforms.join.TemporalJoinTest.TICKERS;
import static org.odfbeam.transforms.join.TemporalJoinTest.ts;

import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Unbounded inputs. One {@link TestStream} carries both sides (then split), so that one watermark orders the
 * arrivals of tickers and holdings exactly; element timestamps are the rows' event times.
 */
@ExtendWith(TestPipelineExtension.class)
class TemporalJoinStreamingTest {
  static final Schema EVENTS = Schema.builder()
      .addStringField("side")
      .addInt64Field("offset")
      .addInt32Field("op")
      .addDateTimeField("event_time")
      .addStringField("symbol")
      .addInt32Field("value")
      .build();

  static TimestampedValue<Row> ticker(int t, String symbol, int price) {
    return TimestampedValue.of(Row.withSchema(EVENTS).addValues("ticker", 0L, A, ts(t), symbol, price).build(),
        ts(t));
  }

  static TimestampedValue<Row> owned(long offset, int op, int t, String symbol, int volume) {
    return TimestampedValue.of(Row.withSchema(EVENTS).addValues("owned", offset, op, ts(t), symbol, volume)
        .build(), ts(t));
  }

  static PCollection<Row> side(PCollection<Row> events, String side, Schema schema) {
    return events
        .apply("Only " + side, Filter.by(r -> r.getString("side").equals(side)))
        .apply("As " + side, MapElements.into(TypeDescriptor.of(Row.class)).via(r -> side.equals("ticker")
            ? Row.withSchema(TICKERS).addValues(r.getInt32("op"), r.getDateTime("event_time").toInstant(),
                r.getString("symbol"), r.getInt32("value")).build()
            : Row.withSchema(OWNED).addValues(r.getInt64("offset"), r.getInt32("op"), ts(100),
                r.getDateTime("event_time").toInstant(), r.getString("symbol"), r.getInt32("value")).build()))
        .setRowSchema(schema);
  }

  /** {@code @<emitted at> <row as TemporalJoinTest describes it>}. */
  static final class DescribeWithTimestamp extends DoFn<Row, String> {
    @ProcessElement
    public void process(@Element Row row, @Timestamp Instant ts, OutputReceiver<String> out) {
      out.output("@" + ts.getMillis() / 1000 + " " + TemporalJoinTest.describe(row));
    }
  }

  @Test
  void emitsEachTickerOnceTheWatermarkPassesItWithTheVersionValidThen(TestPipeline p) {
    TestStream<Row> events = TestStream.create(RowCoder.of(EVENTS))
        // kamu's first run: tickers up to t=4 (out of order here), holdings up to t=3, watermark min(4, 3) = 3.
        // Flink's watermark 3 promises no more rows at or before 3; Beam's promises none before it: 3.001 here.
        .addElements(ticker(4, "A", 14), ticker(1, "A", 10), ticker(3, "B", 22), ticker(1, "B", 20),
            ticker(2, "A", 10), ticker(4, "B", 24), ticker(3, "A", 12), ticker(2, "B", 20))
        .addElements(owned(1, A, 3, "B", 200), owned(0, A, 2, "A", 100))
        .advanceWatermarkTo(ts(3).plus(1))
        // kamu's second run: B's holding changes at t=4, arriving after the t=4 tickers but before the watermark
        .addElements(ticker(5, "A", 15), ticker(5, "B", 25))
        .addElements(owned(2, A, 4, "B", 250))
        .advanceWatermarkTo(ts(5).plus(1))
        // late: A's holding is retracted (ODF repeats its event time, t=2), then late tickers arrive
        .addElements(owned(3, R, 2, "A", 100))
        .addElements(ticker(3, "A", 13), ticker(4, "B", 26))
        .advanceWatermarkToInfinity();

    PCollection<Row> all = p.apply(events);
    PCollection<Row> tickers = side(all, "ticker", TICKERS);
    PCollection<Row> owned = side(all, "owned", OWNED);
    PCollection<Row> inner = tickers.apply("Inner", TemporalJoin.asOf(owned).by("symbol"));
    PCollection<Row> left = tickers.apply("Left", TemporalJoin.asOf(owned).by("symbol").leftOuterJoin());

    /*
     * kamu's expected rows (TemporalJoinTest.KAMU_EXPECTED); (t=4 B) got 250, not 200: it waited for the watermark.
     * The tickers at t=5 (emitted when the watermark passed 5) join A 100 and B 250. Late: (t=3 A 13) finds A's
     * retraction at t=2 (offset 3 beats 0) and matches nothing; (t=4 B 26) finds 250. The emitted A rows are not
     * corrected by the late retraction. Each row is emitted at its own timestamp.
     */
    PAssert.that("inner", inner.apply("Describe inner", ParDo.of(new DescribeWithTimestamp()))).containsInAnyOrder(
        "@2 t=2 A price=10 volume=100", "@3 t=3 A price=12 volume=100", "@3 t=3 B price=22 volume=200",
        "@4 t=4 A price=14 volume=100", "@4 t=4 B price=24 volume=250",
        "@5 t=5 A price=15 volume=100", "@5 t=5 B price=25 volume=250",
        "@4 t=4 B price=26 volume=250");
    PAssert.that("left", left.apply("Describe left", ParDo.of(new DescribeWithTimestamp()))).containsInAnyOrder(
        "@1 t=1 A price=10 volume=null", "@1 t=1 B price=20 volume=null",
        "@2 t=2 B price=20 volume=null",
        "@2 t=2 A price=10 volume=100", "@3 t=3 A price=12 volume=100", "@3 t=3 B price=22 volume=200",
        "@4 t=4 A price=14 volume=100", "@4 t=4 B price=24 volume=250",
        "@5 t=5 A price=15 volume=100", "@5 t=5 B price=25 volume=250",
        "@3 t=3 A price=13 volume=null", "@4 t=4 B price=26 volume=250");
    p.run();
  }
}
