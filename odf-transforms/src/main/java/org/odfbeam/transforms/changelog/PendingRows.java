package org.odfbeam.transforms.changelog;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.state.BagState;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;

/**
 * The buffer of a stateful changelog DoFn that holds rows until the watermark passes them (one event-time timer per
 * key, set to the earliest pending row). Shared by {@code ChangelogAggregate} and {@code TemporalJoin}.
 */
public final class PendingRows {
  private PendingRows() {}

  /** Buffers {@code row}; moves the timer earlier if the row is due before it. */
  public static void hold(Row row, Instant timestamp, BagState<TimestampedValue<Row>> pending, Timer timer,
      ValueState<Instant> timerAt) {
    pending.add(TimestampedValue.of(row, timestamp));
    Instant at = timerAt.read();
    if (at == null || timestamp.isBefore(at)) {
      timer.set(timestamp);
      timerAt.write(timestamp);
    }
  }

  /**
   * The rows due when the timer fires at {@code fired} (timestamp not after it), in buffer order; keeps the others
   * buffered and re-arms the timer at the earliest of them (or clears it).
   */
  public static List<Row> takeDue(Instant fired, BagState<TimestampedValue<Row>> pending, Timer timer,
      ValueState<Instant> timerAt) {
    List<Row> due = new ArrayList<>();
    List<TimestampedValue<Row>> later = new ArrayList<>();
    for (TimestampedValue<Row> tv : pending.read()) {
      if (tv.getTimestamp().isAfter(fired)) {
        later.add(tv);
      } else {
        due.add(tv.getValue());
      }
    }
    pending.clear();
    Instant next = null;
    for (TimestampedValue<Row> tv : later) {
      pending.add(tv);
      next = next == null || tv.getTimestamp().isBefore(next) ? tv.getTimestamp() : next;
    }
    if (next == null) {
      timerAt.clear();
    } else {
      timer.set(next);
      timerAt.write(next);
    }
    return due;
  }
}
