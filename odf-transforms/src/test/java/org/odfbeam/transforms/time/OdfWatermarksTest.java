package org.odfbeam.transforms.time;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.range.OffsetRange;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.state.BagState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.splittabledofn.OffsetRangeTracker;
import org.apache.beam.sdk.transforms.splittabledofn.SplitResult;
import org.apache.beam.sdk.transforms.splittabledofn.WatermarkEstimators;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.OutputBuilder;
import org.apache.beam.sdk.values.WindowedValues;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.io.OdfIO;

/**
 * A dataset written with {@code OdfIO.write()} in three commits, each with its own ODF watermark (hours of
 * 2024-01-01): block 1 rows at 00:10 00:20 01:30, watermark 01:00; block 2 rows at 01:40 02:10, watermark 02:00;
 * block 3 rows at 02:30 03:10, watermark 03:00. No row is late.
 */
@ExtendWith(TestPipelineExtension.class)
class OdfWatermarksTest {
  static final Schema DATA = Schema.builder().addDateTimeField("event_time").addInt32Field("v").build();
  static final String[][] BLOCKS = {{"00:10", "00:20", "01:30"}, {"01:40", "02:10"}, {"02:30", "03:10"}};
  static final String[] WATERMARKS = {"01:00", "02:00", "03:00"};

  @TempDir static Path tmp;
  static String dataset;
  static String other;

  static Instant at(String hhmm) {
    return Instant.parse("2024-01-01T" + hhmm + ":00Z");
  }

  static org.joda.time.Instant jat(String hhmm) {
    return new org.joda.time.Instant(at(hhmm).toEpochMilli());
  }

  static void commit(String to, String[] times, String watermark, int n) {
    Pipeline w = Pipeline.create(PipelineOptionsFactory.create());
    List<Row> rows = new ArrayList<>();
    for (String t : times) {
      rows.add(Row.withSchema(DATA).addValues(jat(t), n).build());
    }
    w.apply(Create.of(rows).withRowSchema(DATA))
        .apply(OdfIO.write().to(to).withWatermark(at(watermark))
            .withSystemTime(Instant.parse("2024-02-01T00:00:00Z").plusSeconds(n)));
    w.run().waitUntilFinish();
  }

  @BeforeAll
  static void writeDatasets() {
    dataset = tmp.resolve("readings").toString();
    for (int b = 0; b < BLOCKS.length; b++) {
      commit(dataset, BLOCKS[b], WATERMARKS[b], b + 1);
    }
    other = tmp.resolve("other").toString();
    commit(other, new String[] {"00:05"}, "01:30", 9);
  }

  /**
   * Drives the splittable DoFn as a runner does (claim, process, checkpoint with {@code trySplit(0)}, resume with
   * the residual and the estimator state), logging every output with the watermark in force when it was emitted
   * and the watermark reported after each call. Block 1 must be emitted under the initial watermark, block 2 under block 1's
   * watermark, and so on; each call must end with a checkpoint but the last.
   */
  @Test
  void replaysBlocksInChainOrderAdvancingTheWatermarkAfterEach() {
    ReadBlocksFn fn = new ReadBlocksFn(OdfWatermarks.plan(dataset));
    List<String> log = new ArrayList<>();
    OffsetRange range = fn.initialRestriction();
    org.joda.time.Instant state = fn.initialWatermark();
    while (range != null) {
      OffsetRangeTracker tracker = new OffsetRangeTracker(range);
      WatermarkEstimators.Manual estimator = fn.newWatermarkEstimator(state);
      DoFn.ProcessContinuation c = fn.process(tracker, estimator, new DoFn.OutputReceiver<Row>() {
        @Override
        public OutputBuilder<Row> builder(Row row) {
          return WindowedValues.<Row>builder().setValue(row).setTimestamp(BoundedWindow.TIMESTAMP_MIN_VALUE)
              .setWindow(GlobalWindow.INSTANCE).setPaneInfo(PaneInfo.NO_FIRING)
              .setReceiver(wv -> {
                assertThat(wv.getTimestamp(), equalTo(wv.getValue().getDateTime("event_time").toInstant()));
                log.add(hhmm(wv.getTimestamp()) + "@" + hhmm(estimator.currentWatermark()));
              });
        }
      });
      // As runners do (WatermarkEstimators.threadSafe): the watermark to report, then the state to resume with.
      org.joda.time.Instant reported = estimator.currentWatermark();
      state = estimator.getState();
      assertThat(state, equalTo(reported));
      log.add("wm " + hhmm(reported) + (c.shouldResume() ? " resume" : " stop"));
      SplitResult<OffsetRange> split = c.shouldResume() ? tracker.trySplit(0) : null;
      range = split == null ? null : split.getResidual();
    }
    assertThat(log, contains(
        "00:10@min", "00:20@min", "01:30@min", "wm 01:00 resume",
        "01:40@01:00", "02:10@01:00", "wm 02:00 resume",
        "02:30@02:00", "03:10@02:00", "wm 03:00 stop"));
  }

  static String hhmm(org.joda.time.Instant t) {
    return t.equals(BoundedWindow.TIMESTAMP_MIN_VALUE) ? "min" : t.toString().substring(11, 16);
  }

  @Test
  void firesEachWindowOnTimeWithItsRowsOnTheDirectRunner(TestPipeline p) {
    PCollection<Row> rows = p.apply(OdfWatermarks.read(dataset));
    PCollection<Long> counts = rows
        .apply(Window.into(FixedWindows.of(Duration.standardHours(1))))
        .apply(Combine.globally(Count.<Row>combineFn()).withoutDefaults());
    for (int h = 0; h < 4; h++) {
      IntervalWindow hour = new IntervalWindow(jat("0" + h + ":00"), Duration.standardHours(1));
      PAssert.that(counts).inOnTimePane(hour).containsInAnyOrder(h == 3 ? 1L : 2L);
    }
    PAssert.that(rows.apply(MapElements.into(TypeDescriptors.strings())
            .via(r -> r.getInt64("offset") + " " + r.getInt32("v") + " " + hhmm(r.getDateTime("event_time").toInstant()))))
        .containsInAnyOrder("0 1 00:10", "1 1 00:20", "2 1 01:30", "3 2 01:40", "4 2 02:10", "5 3 02:30",
            "6 3 03:10");
    p.run().waitUntilFinish();
  }

  /**
   * An event-time timer at each block's ODF watermark, set by that block's rows: when it fires, every row with an
   * earlier event time must already have been seen (the Beam watermark never overtakes data the reader has not
   * emitted yet).
   */
  static final class SeenBeforeWatermark extends DoFn<KV<String, Row>, String> {
    @StateId("seen")
    private final StateSpec<BagState<Long>> seen = StateSpecs.bag();

    @TimerId("w1")
    private final TimerSpec w1 = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    @TimerId("w2")
    private final TimerSpec w2 = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    @TimerId("w3")
    private final TimerSpec w3 = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    @ProcessElement
    public void process(@Element KV<String, Row> e, @StateId("seen") BagState<Long> bag,
        @TimerId("w1") Timer t1, @TimerId("w2") Timer t2, @TimerId("w3") Timer t3) {
      bag.add(e.getValue().getDateTime("event_time").getMillis());
      int block = e.getValue().getInt32("v");
      (block == 1 ? t1 : block == 2 ? t2 : t3).set(jat(WATERMARKS[block - 1]));
    }

    @OnTimer("w1")
    public void onW1(@StateId("seen") BagState<Long> bag, OutputReceiver<String> out) {
      report(1, bag, out);
    }

    @OnTimer("w2")
    public void onW2(@StateId("seen") BagState<Long> bag, OutputReceiver<String> out) {
      report(2, bag, out);
    }

    @OnTimer("w3")
    public void onW3(@StateId("seen") BagState<Long> bag, OutputReceiver<String> out) {
      report(3, bag, out);
    }

    private static void report(int block, BagState<Long> bag, OutputReceiver<String> out) {
      long w = at(WATERMARKS[block - 1]).toEpochMilli();
      long before = 0;
      for (long t : bag.read()) {
        before += t < w ? 1 : 0;
      }
      out.output("watermark " + WATERMARKS[block - 1] + ": " + before + " rows before it seen");
    }
  }

  @Test
  void neverLetsTheWatermarkPassRowsNotYetEmitted(TestPipeline p) {
    PCollection<String> reports = p.apply(OdfWatermarks.read(dataset))
        .apply(WithKeys.of("k"))
        .apply(ParDo.of(new SeenBeforeWatermark()));
    PAssert.that(reports).containsInAnyOrder(
        "watermark 01:00: 2 rows before it seen",
        "watermark 02:00: 4 rows before it seen",
        "watermark 03:00: 6 rows before it seen");
    p.run().waitUntilFinish();
  }

  @Test
  void outputWatermarkIsTheMinimumOfTheInputsLatestWatermarks() {
    assertThat(OdfWatermarks.latestWatermark(dataset), equalTo(Optional.of(at("03:00"))));
    assertThat(OdfWatermarks.outputWatermark(dataset, other), equalTo(Optional.of(at("01:30"))));
    assertThat(OdfWatermarks.outputWatermark(List.of(dataset)), equalTo(Optional.of(at("03:00"))));
    // Monotonic: the output (here `dataset`, at 03:00) keeps its own watermark when the inputs allow less.
    assertThat(OdfWatermarks.nextWatermark(dataset, other), equalTo(Optional.of(at("03:00"))));
    assertThat(OdfWatermarks.nextWatermark(tmp.resolve("not-yet").toString(), other),
        equalTo(Optional.of(at("01:30"))));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OdfWatermarks.outputWatermark(tmp.resolve("missing").toString()));
    assertThat(e.getMessage(), containsString("missing: it has no blocks"));
  }
}
