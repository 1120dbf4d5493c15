package org.odfbeam.core.model;

import java.util.Objects;

/**
 * Uses glob operator to match files on the local file system.
 *
 * @param path Path with a glob pattern.
 * @param eventTime Describes how event time is extracted from the source metadata. (optional)
 * @param cache Describes the caching settings used for this source. (optional)
 * @param order Specifies how input files should be ordered before ingestion. Order is important as every file
 * will be processed individually and will advance the dataset's watermark. (optional)
 */
@Variant(name = "FilesGlob", id = 2)
public record FetchStepFilesGlob(
    String path,
    @Nullable EventTimeSource eventTime,
    @Nullable SourceCaching cache,
    @Nullable SourceOrdering order) implements FetchStep {
  /** Checks required fields and copies lists. */
  public FetchStepFilesGlob {
    Objects.requireNonNull(path, "FetchStepFilesGlob.path is required");
  }
}
