package org.odfbeam.transforms.aggregate;

import org.odfbeam.transforms.changelog.PendingRows;
import java.util.List;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.state.BagState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;

/**
 * The unbounded stage: a stateful DoFn per key, driven by the watermark.
 *
 * <h2>Protocol</h2>
 * <ol>
 *   <li>An arriving row is buffered in {@code pending} with its element timestamp, and the single event-time timer
 *       {@code flush} is moved to the earliest pending timestamp ({@code timerAt} remembers it). Nothing is emitted.
 *   <li>When the watermark passes the timer, the rows pending at or before it are folded into {@code totals} by
 *       {@link KeyAggregator#apply} (so rows of equal event time are applied together) and the resulting changelog
 *       rows are emitted with the timer's timestamp; the timer moves to the next pending timestamp, if any.
 *   <li>A late row (behind the watermark) takes the same path: the timer is set in the past and fires at once, so
 *       the row is applied as a correction of the key's current output.
 * </ol>
 * State per key: the {@link Totals} and the rows not yet passed by the watermark. Nothing ever expires: a running
 * aggregate needs its totals for as long as retractions may arrive.
 */
final class AggregateWithState extends DoFn<KV<byte[], Row>, Row> {
  private static final long serialVersionUID = 1L;

  private final KeyAggregator aggregator;

  @StateId("pending")
  private final StateSpec<BagState<TimestampedValue<Row>>> pendingSpec;

  @StateId("totals")
  private final StateSpec<ValueState<Totals>> totalsSpec = StateSpecs.value(Totals.Coder.of());

  @StateId("timerAt")
  private final StateSpec<ValueState<Instant>> timerAtSpec = StateSpecs.value(InstantCoder.of());

  @TimerId("flush")
  private final TimerSpec flushSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

  AggregateWithState(KeyAggregator aggregator, Schema inputSchema) {
    this.aggregator = aggregator;
    this.pendingSpec = StateSpecs.bag(TimestampedValue.TimestampedValueCoder.of(RowCoder.of(inputSchema)));
  }

  @ProcessElement
  public void process(@Element KV<byte[], Row> element, @Timestamp Instant timestamp,
      @StateId("pending") BagState<TimestampedValue<Row>> pending,
      @StateId("timerAt") ValueState<Instant> timerAt,
      @TimerId("flush") Timer flush) {
    PendingRows.hold(element.getValue(), timestamp, pending, flush, timerAt);
  }

  @OnTimer("flush")
  public void onFlush(OnTimerContext context,
      @StateId("pending") BagState<TimestampedValue<Row>> pending,
      @StateId("totals") ValueState<Totals> totals,
      @StateId("timerAt") ValueState<Instant> timerAt,
      @TimerId("flush") Timer flush) {
    List<Row> due = PendingRows.takeDue(context.fireTimestamp(), pending, flush, timerAt);
    if (!due.isEmpty()) {
      KeyAggregator.Step step = aggregator.apply(totals.read(), due);
      totals.write(step.totals());
      for (Row r : step.output()) {
        context.output(r);
      }
    }
  }
}
