package org.odfbeam.transforms.time;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.io.range.OffsetRange;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.splittabledofn.ManualWatermarkEstimator;
import org.apache.beam.sdk.transforms.splittabledofn.RestrictionTracker;
import org.apache.beam.sdk.transforms.splittabledofn.WatermarkEstimators;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.joda.time.ReadableInstant;
import org.odfbeam.data.SliceReader;
import org.odfbeam.data.Vocabulary;

/**
 * Splittable {@code DoFn} replaying a dataset's data blocks in chain order: the restriction is the range of block
 * indexes; one call claims one block, emits its rows timestamped with their event times, sets the
 * {@link ManualWatermarkEstimator} to the block's ODF watermark and returns {@code resume()}, so the runner
 * checkpoints and publishes the watermark before the next block.
 */
@DoFn.BoundedPerElement
final class ReadBlocksFn extends DoFn<byte[], Row> {
  private static final long serialVersionUID = 1L;

  private final Schema schema;
  private final Vocabulary vocabulary;
  private final List<OdfWatermarks.BlockStep> steps;
  private transient SliceReader reader;

  ReadBlocksFn(OdfWatermarks.Plan plan) {
    this.schema = plan.schema();
    this.vocabulary = plan.vocabulary();
    this.steps = plan.steps();
  }

  @GetInitialRestriction
  public OffsetRange initialRestriction() {
    return new OffsetRange(0, steps.size());
  }

  @GetInitialWatermarkEstimatorState
  public Instant initialWatermark() {
    return BoundedWindow.TIMESTAMP_MIN_VALUE;
  }

  @NewWatermarkEstimator
  public WatermarkEstimators.Manual newWatermarkEstimator(@WatermarkEstimatorState Instant state) {
    return new WatermarkEstimators.Manual(state);
  }

  @ProcessElement
  public ProcessContinuation process(RestrictionTracker<OffsetRange, Long> tracker,
      ManualWatermarkEstimator<Instant> watermark, OutputReceiver<Row> out) {
    long i = tracker.currentRestriction().getFrom();
    if (!tracker.tryClaim(i)) {
      return ProcessContinuation.stop();
    }
    OdfWatermarks.BlockStep step = steps.get((int) i);
    if (step.file() != null) {
      reader().read(Path.of(step.file()), row -> out.outputWithTimestamp(row, timestamp(row)));
    }
    if (step.watermarkMillis() != null) {
      Instant w = new Instant(step.watermarkMillis());
      if (w.isAfter(watermark.currentWatermark())) {
        watermark.setWatermark(w.isAfter(BoundedWindow.TIMESTAMP_MAX_VALUE) ? BoundedWindow.TIMESTAMP_MAX_VALUE : w);
      }
    }
    return i + 1 < tracker.currentRestriction().getTo() ? ProcessContinuation.resume()
        : ProcessContinuation.stop();
  }

  private SliceReader reader() {
    if (reader == null) {
      reader = SliceReader.of(schema).withVocabulary(vocabulary);
    }
    return reader;
  }

  /** The row's event time (a date is its midnight UTC), else its system time, within Beam's timestamp range. */
  private Instant timestamp(Row row) {
    Object v = row.getValue(vocabulary.eventTimeColumn());
    if (v == null) {
      v = row.getValue(vocabulary.systemTimeColumn());
    }
    long millis;
    if (v instanceof ReadableInstant i) {
      millis = i.getMillis();
    } else if (v instanceof LocalDate d) {
      millis = d.toEpochDay() * 86_400_000L;
    } else if (v instanceof java.time.Instant i) {
      millis = i.toEpochMilli();
    } else {
      throw new IllegalStateException("Cannot timestamp row " + row + ": event time column '"
          + vocabulary.eventTimeColumn() + "' holds " + v);
    }
    Instant t = new Instant(millis);
    if (t.isBefore(BoundedWindow.TIMESTAMP_MIN_VALUE)) {
      return BoundedWindow.TIMESTAMP_MIN_VALUE;
    }
    return t.isAfter(BoundedWindow.TIMESTAMP_MAX_VALUE) ? BoundedWindow.TIMESTAMP_MAX_VALUE : t;
  }
}
