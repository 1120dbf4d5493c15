package org.odfbeam.core.chain;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.odfbeam.core.identity.DatasetId;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.model.AddPushSource;
import org.odfbeam.core.model.Checkpoint;
import org.odfbeam.core.model.DisablePollingSource;
import org.odfbeam.core.model.DisablePushSource;
import org.odfbeam.core.model.ExecuteTransform;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.model.MetadataEvent;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.model.Seed;
import org.odfbeam.core.model.SetDataSchema;
import org.odfbeam.core.model.SetPollingSource;
import org.odfbeam.core.model.SetTransform;
import org.odfbeam.core.model.SourceState;
import org.odfbeam.core.multiformats.Multihash;

/**
 * What the chain rules need to know about a chain prefix, accumulated in one forward pass
 * (oldest block first) so that validating or verifying a chain of n blocks is O(n).
 *
 * <p>kamu-cli validates an append by walking backwards from the previous block until each rule has
 * found the event it compares against; this class keeps exactly those "last seen" events. Its getters
 * are also what a writer needs to build the next {@code AddData} (last offset, checkpoint, watermark,
 * source state, current schema). Instances are mutable and not thread-safe; {@link MetadataChain}
 * hands out fresh ones.
 */
public final class ChainState {
  private @Nullable DatasetId datasetId;
  private @Nullable Multihash headHash;
  private long headSequenceNumber = -1;
  private @Nullable Instant headSystemTime;

  // Previous data block (AddData or ExecuteTransform): watermark and offset rules.
  private boolean hasDataBlock;
  private @Nullable Instant lastDataWatermark;
  private @Nullable Long lastOffset;
  // Previous AddData: checkpoint / no-op rules for AddData.
  private @Nullable AddData lastAddData;
  // ExecuteTransform rules: last ExecuteTransform, SetTransform, SetDataSchema and where they were.
  private @Nullable ExecuteTransform lastExecuteTransform;
  private long lastExecuteSeq = -1;
  private @Nullable SetTransform lastSetTransform;
  private long lastSetTransformSeq = -1;
  private @Nullable SetDataSchema currentSchema;
  private long lastSchemaSeq = -1;
  // Source rules: push sources by name since the last polling/disable event, which is the barrier.
  private final Map<String, AddPushSource> pushSources = new HashMap<>();
  private @Nullable MetadataEvent sourceBarrier;
  private boolean anyPushSource;

  /** State of an empty chain. */
  public static ChainState empty() {
    return new ChainState();
  }

  private ChainState() {}

  /** An independent copy (validating a batch must not touch the cached state). */
  ChainState copy() {
    ChainState c = new ChainState();
    c.datasetId = datasetId;
    c.headHash = headHash;
    c.headSequenceNumber = headSequenceNumber;
    c.headSystemTime = headSystemTime;
    c.hasDataBlock = hasDataBlock;
    c.lastDataWatermark = lastDataWatermark;
    c.lastOffset = lastOffset;
    c.lastAddData = lastAddData;
    c.lastExecuteTransform = lastExecuteTransform;
    c.lastExecuteSeq = lastExecuteSeq;
    c.lastSetTransform = lastSetTransform;
    c.lastSetTransformSeq = lastSetTransformSeq;
    c.currentSchema = currentSchema;
    c.lastSchemaSeq = lastSchemaSeq;
    c.pushSources.putAll(pushSources);
    c.sourceBarrier = sourceBarrier;
    c.anyPushSource = anyPushSource;
    return c;
  }

  /** Folds an already validated block into the state. */
  void advance(Multihash hash, MetadataBlock block) {
    headHash = hash;
    headSequenceNumber = block.sequenceNumber();
    headSystemTime = block.systemTime();
    MetadataEvent event = block.event();
    if (event instanceof Seed seed) {
      datasetId = seed.datasetId();
    } else if (event instanceof AddData e) {
      hasDataBlock = true;
      lastDataWatermark = e.newWatermark();
      lastOffset = e.newData() != null ? Long.valueOf(e.newData().offsetInterval().end()) : e.prevOffset();
      lastAddData = e;
    } else if (event instanceof ExecuteTransform e) {
      hasDataBlock = true;
      lastDataWatermark = e.newWatermark();
      lastOffset = e.newData() != null ? Long.valueOf(e.newData().offsetInterval().end()) : e.prevOffset();
      lastExecuteTransform = e;
      lastExecuteSeq = block.sequenceNumber();
    } else if (event instanceof SetTransform e) {
      lastSetTransform = e;
      lastSetTransformSeq = block.sequenceNumber();
    } else if (event instanceof SetDataSchema e) {
      currentSchema = e;
      lastSchemaSeq = block.sequenceNumber();
    } else if (event instanceof AddPushSource e) {
      pushSources.put(e.sourceName(), e);
      anyPushSource = true;
    } else if (event instanceof SetPollingSource
        || event instanceof DisablePushSource
        || event instanceof DisablePollingSource) {
      pushSources.clear();
      sourceBarrier = event;
    }
  }

  /** Dataset id from the Seed, or null for an empty chain. */
  public @Nullable DatasetId datasetId() {
    return datasetId;
  }

  /** Hash of the last block, or null for an empty chain. */
  public @Nullable Multihash headHash() {
    return headHash;
  }

  /** Sequence number of the last block, -1 for an empty chain. */
  public long headSequenceNumber() {
    return headSequenceNumber;
  }

  /** System time of the last block, or null for an empty chain. */
  public @Nullable Instant headSystemTime() {
    return headSystemTime;
  }

  /** Last record offset of the dataset (carry as the next {@code prevOffset}), or null if none yet. */
  public @Nullable Long lastOffset() {
    return lastOffset;
  }

  /** Watermark of the previous data block, or null. */
  public @Nullable Instant lastWatermark() {
    return lastDataWatermark;
  }

  /** New checkpoint of the previous AddData (carry its hash as the next {@code prevCheckpoint}). */
  public @Nullable Checkpoint lastCheckpoint() {
    return lastAddData == null ? null : lastAddData.newCheckpoint();
  }

  /** Source state of the previous AddData, or null. */
  public @Nullable SourceState lastSourceState() {
    return lastAddData == null ? null : lastAddData.newSourceState();
  }

  /** The SetDataSchema in effect, or null if none yet. */
  public @Nullable SetDataSchema currentSchema() {
    return currentSchema;
  }

  /** Whether the chain has an AddData or ExecuteTransform block. */
  public boolean hasDataBlock() {
    return hasDataBlock;
  }

  @Nullable AddData lastAddData() {
    return lastAddData;
  }

  @Nullable ExecuteTransform lastExecuteTransform() {
    return lastExecuteTransform;
  }

  /**
   * The SetTransform kamu's ExecuteTransform rule compares inputs against: kamu walks back collecting
   * the latest SetDataSchema, SetTransform and ExecuteTransform and stops looking for SetTransform once
   * it has found both of the others, so an older SetTransform is only seen if it is newer than one
   * of them.
   */
  @Nullable SetTransform setTransformForExecute() {
    if (lastSetTransform == null) {
      return null;
    }
    if (lastSchemaSeq < 0 || lastExecuteSeq < 0) {
      return lastSetTransform;
    }
    return lastSetTransformSeq > Math.min(lastSchemaSeq, lastExecuteSeq) ? lastSetTransform : null;
  }

  @Nullable AddPushSource pushSource(String name) {
    return pushSources.get(name);
  }

  @Nullable MetadataEvent sourceBarrier() {
    return sourceBarrier;
  }

  boolean anyPushSource() {
    return anyPushSource;
  }

  /** How the dataset is named in messages: its DID once the Seed is known. */
  String datasetLabel() {
    return datasetId == null ? "dataset" : datasetId.toString();
  }
}
