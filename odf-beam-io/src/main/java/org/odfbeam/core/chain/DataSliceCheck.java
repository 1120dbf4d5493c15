package org.odfbeam.core.chain;

import org.odfbeam.core.model.DataSlice;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.storage.DatasetStorage;

/**
 * An extra check {@link DatasetVerifier} runs on every stored data slice, supplied by code that can
 * read the data (the core cannot: it reads no Parquet). The {@code odf verify} command plugs in a
 * recomputation of the slice's logical hash.
 */
@FunctionalInterface
public interface DataSliceCheck {
  /**
   * Checks the data file of {@code slice} (present in {@code storage}, whatever its physical hash).
   *
   * @return a problem description naming what differs, or null if the slice is fine
   */
  @Nullable
  String check(DatasetStorage storage, DataSlice slice);
}
