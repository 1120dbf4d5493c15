package org.odfbeam.io;

import java.io.Serializable;
import org.odfbeam.core.model.Nullable;

/**
 * The head a root write must find when it plans its commit ({@code OdfWrite.withExpectedHead}).
 *
 * @param blockHash the expected {@code refs/head} (multibase), or null when the dataset must have no blocks
 */
record ExpectedHead(@Nullable String blockHash) implements Serializable {
  private static final long serialVersionUID = 1L;

  String describe() {
    return blockHash == null ? "<none>" : blockHash;
  }
}
