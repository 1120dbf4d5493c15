package org.odfbeam.core.model;

import java.time.Instant;
import org.odfbeam.core.multiformats.Multihash;

/**
 * The fields the two data-carrying events share: {@link AddData} (root datasets) and
 * {@link ExecuteTransform} (derivative datasets). Code that follows offsets, checkpoints,
 * watermarks or data files handles both through this view.
 */
public sealed interface DataEvent permits AddData, ExecuteTransform {
  /** Hash of the checkpoint the previous data event produced, if any. */
  @Nullable
  Multihash prevCheckpoint();

  /** Last offset of the previous data slice, if any. */
  @Nullable
  Long prevOffset();

  /** The data slice this event adds, if any. */
  @Nullable
  DataSlice newData();

  /** The checkpoint after this event, if any. */
  @Nullable
  Checkpoint newCheckpoint();

  /** The watermark after this event, if any. */
  @Nullable
  Instant newWatermark();
}
