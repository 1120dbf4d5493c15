package org.odfbeam.core.model;

import java.util.Objects;

/**
 * Pulls data from one of the supported sources by its URL.
 *
 * @param format Name of a compression algorithm used on data.
 * @param subPath Path to a data file within a multi-file archive. Can contain glob patterns. (optional)
 */
@Variant(name = "Decompress", id = 1)
public record PrepStepDecompress(
    CompressionFormat format,
    @Nullable String subPath) implements PrepStep {
  /** Checks required fields and copies lists. */
  public PrepStepDecompress {
    Objects.requireNonNull(format, "PrepStepDecompress.format is required");
  }
}
