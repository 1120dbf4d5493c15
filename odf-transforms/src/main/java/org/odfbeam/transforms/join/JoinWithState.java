package org.odfbeam.transforms.join;

import org.odfbeam.transforms.changelog.PendingRows;
import java.util.List;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
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
 * The unbounded stage: one stateful DoFn over both inputs, keyed by the join key, driven by the watermark (the
 * minimum of both inputs' watermarks, as they are flattened into one input).
 *
 * <h2>Protocol</h2>
 * <ol>
 *   <li>A table row is added to {@code versions}; nothing is emitted.
 *   <li>A stream row is buffered in {@code pending} with its element timestamp, and the single event-time timer
 *       {@code flush} is moved to the earliest pending timestamp ({@code timerAt} remembers it).
 *   <li>When the watermark passes the timer, every table row with an earlier timestamp has arrived (unless late),
 *       so the stream rows pending at or before it are looked up in the key's {@link VersionHistory} and emitted
 *       with the timer's timestamp (their own); {@code versions} is compacted to the rows that decide lookups; the
 *       timer moves to the next pending timestamp.
 *   <li>A late stream row sets the timer in the past, which fires at once. A late table row only affects stream
 *       rows not yet emitted; emitted rows are never corrected.
 * </ol>
 * This is the protocol of Flink's {@code TemporalRowTimeJoinOperator} (one timer per key at the smallest pending
 * time; on firing, emit the probe rows at or before the watermark and clean up), except that all table versions are
 * kept, so late stream rows still find the version valid at their event time.
 */
final class JoinWithState extends DoFn<KV<byte[], Row>, Row> {
  private static final long serialVersionUID = 1L;
  static final String STREAM = "stream";
  static final String TABLE = "table";

  private final JoinLayout layout;

  @StateId("pending")
  private final StateSpec<BagState<TimestampedValue<Row>>> pendingSpec;

  @StateId("versions")
  private final StateSpec<BagState<Row>> versionsSpec;

  @StateId("timerAt")
  private final StateSpec<ValueState<Instant>> timerAtSpec = StateSpecs.value(InstantCoder.of());

  @TimerId("flush")
  private final TimerSpec flushSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

  JoinWithState(JoinLayout layout, Schema streamSchema, Schema tableSchema) {
    this.layout = layout;
    this.pendingSpec = StateSpecs.bag(TimestampedValue.TimestampedValueCoder.of(RowCoder.of(streamSchema)));
    this.versionsSpec = StateSpecs.bag(RowCoder.of(tableSchema));
  }

  /** The schema of the flattened input: one of {@code stream} and {@code table} is set. */
  static Schema unionSchema(Schema streamSchema, Schema tableSchema) {
    return Schema.builder()
        .addNullableField(STREAM, FieldType.row(streamSchema))
        .addNullableField(TABLE, FieldType.row(tableSchema))
        .build();
  }

  @ProcessElement
  public void process(@Element KV<byte[], Row> element, @Timestamp Instant timestamp,
      @StateId("pending") BagState<TimestampedValue<Row>> pending,
      @StateId("versions") BagState<Row> versions,
      @StateId("timerAt") ValueState<Instant> timerAt,
      @TimerId("flush") Timer flush) {
    Row table = element.getValue().getRow(TABLE);
    if (table != null) {
      versions.add(table);
      return;
    }
    PendingRows.hold(element.getValue().getRow(STREAM), timestamp, pending, flush, timerAt);
  }

  @OnTimer("flush")
  public void onFlush(OnTimerContext context,
      @StateId("pending") BagState<TimestampedValue<Row>> pending,
      @StateId("versions") BagState<Row> versions,
      @StateId("timerAt") ValueState<Instant> timerAt,
      @TimerId("flush") Timer flush) {
    List<Row> due = PendingRows.takeDue(context.fireTimestamp(), pending, flush, timerAt);
    VersionHistory history = new VersionHistory(layout);
    history.addAll(versions.read());
    for (Row stream : due) {
      Row joined = layout.join(stream, history.versionAt(layout.streamTime(stream)));
      if (joined != null) {
        context.output(joined);
      }
    }
    versions.clear();
    history.rows().forEach(versions::add);
  }
}
