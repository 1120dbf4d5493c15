package org.odfbeam.core.chain;

import java.time.Instant;
import java.util.Objects;
import org.odfbeam.core.chain.InvalidBlockException.BlockContext;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.model.DataEvent;
import org.odfbeam.core.model.ExecuteTransform;
import org.odfbeam.core.model.MetadataEvent;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.multiformats.Multihash;

/** Rules for data blocks (AddData, ExecuteTransform): emptiness, offsets, watermark, AddData state. */
final class DataEventRules {
  private DataEventRules() {}

  /** Rules on the event alone: not empty, offset interval consistent with the carried prevOffset. */
  static void checkEvent(BlockContext ctx, MetadataEvent event) {
    if (event instanceof AddData e && e.newData() == null && e.newCheckpoint() == null
        && e.newWatermark() == null && e.newSourceState() == null) {
      throw new EmptyEventException(ctx, "Event is empty (expected newData, newCheckpoint,"
          + " newWatermark or newSourceState, found none)");
    }
    if (event instanceof ExecuteTransform e && e.newData() == null && e.newCheckpoint() == null
        && e.newWatermark() == null) {
      throw new EmptyEventException(ctx,
          "Event is empty (expected newData, newCheckpoint or newWatermark, found none)");
    }
    DataEvent data = event instanceof DataEvent d ? d : null;
    if (data == null || data.newData() == null) {
      return;
    }
    long expectedStart = data.prevOffset() == null ? 0 : data.prevOffset() + 1;
    long start = data.newData().offsetInterval().start();
    long end = data.newData().offsetInterval().end();
    if (start != expectedStart) {
      throw new OffsetsNotSequentialException(ctx, "Expected offset interval to start at "
          + expectedStart + " but got " + start + " (expected " + expectedStart + ", found " + start
          + ")");
    }
    if (end < start) {
      throw new InvalidOffsetIntervalException(ctx, "Invalid offset interval [" + start + ", " + end
          + "] (expected end >= " + start + ", found " + end + ")");
    }
  }

  /** Rules against the previous data block and, for AddData, the previous AddData. */
  static void checkAgainstChain(BlockContext ctx, ChainState state, MetadataEvent event) {
    DataEvent data = event instanceof DataEvent d ? d : null;
    if (data == null) {
      return;
    }
    Instant prevWatermark = state.lastWatermark();
    if (state.hasDataBlock() && prevWatermark != null) {
      if (data.newWatermark() == null) {
        throw new WatermarkNotMonotonicException(ctx, "Watermark has to be monotonically increasing"
            + " (expected >= " + prevWatermark + ", found none)");
      }
      if (data.newWatermark().isBefore(prevWatermark)) {
        throw new WatermarkNotMonotonicException(ctx, "Watermark has to be monotonically increasing"
            + " (expected >= " + prevWatermark + ", found " + data.newWatermark() + ")");
      }
    }
    if (state.hasDataBlock() && !Objects.equals(data.prevOffset(), state.lastOffset())) {
      throw new PrevOffsetMismatchException(ctx,
          "Carried prev offset does not correspond to the last offset in the chain (expected "
              + orNone(state.lastOffset()) + ", found " + orNone(data.prevOffset()) + ")");
    }
    if (event instanceof AddData e) {
      checkAddData(ctx, state, e);
    }
  }

  private static void checkAddData(BlockContext ctx, ChainState state, AddData e) {
    if (state.currentSchema() == null && e.newData() != null) {
      throw new SchemaNotDefinedException(ctx, "SetDataSchema event must be present before adding"
          + " data (expected a SetDataSchema block, found none)");
    }
    AddData prev = state.lastAddData();
    checkCheckpointContinuity(ctx, prev, e);
    Multihash newCheckpoint = e.newCheckpoint() == null ? null : e.newCheckpoint().physicalHash();
    if (e.newData() == null
        && Objects.equals(newCheckpoint, e.prevCheckpoint())
        && Objects.equals(e.newWatermark(), prev == null ? null : prev.newWatermark())
        && Objects.equals(e.newSourceState(), prev == null ? null : prev.newSourceState())) {
      throw new AddDataNoOpException(ctx, "Event neither has data nor it advances checkpoint,"
          + " watermark, or source state (expected a change, found checkpoint "
          + orNone(newCheckpoint) + ", watermark " + orNone(e.newWatermark()) + ", source state "
          + orNone(e.newSourceState()) + " unchanged)");
    }
  }

  /** {@code prevCheckpoint} must name the checkpoint the previous data event of the same kind produced. */
  static void checkCheckpointContinuity(BlockContext ctx, @Nullable DataEvent prev, DataEvent e) {
    Multihash expectedCheckpoint = prev == null || prev.newCheckpoint() == null
        ? null : prev.newCheckpoint().physicalHash();
    if (!Objects.equals(e.prevCheckpoint(), expectedCheckpoint)) {
      throw new CheckpointMismatchException(ctx, "Input checkpoint does not correspond to the last"
          + " checkpoint in the chain (expected " + orNone(expectedCheckpoint) + ", found "
          + orNone(e.prevCheckpoint()) + ")");
    }
  }

  static String orNone(@Nullable Object value) {
    return value == null ? "none" : value.toString();
  }
}
