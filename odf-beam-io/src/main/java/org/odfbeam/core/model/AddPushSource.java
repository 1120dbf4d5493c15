package org.odfbeam.core.model;

import java.util.Objects;

/**
 * Describes how to ingest data into a root dataset from a certain logical source.
 *
 * @param sourceName Identifies the source within this dataset.
 * @param read Defines how data is read into structured format.
 * @param preprocess Pre-processing query that shapes the data. (optional)
 * @param merge Determines how newly-ingested data should be merged with existing history.
 */
@Variant(name = "AddPushSource", id = 11)
public record AddPushSource(
    String sourceName,
    ReadStep read,
    @Nullable Transform preprocess,
    MergeStrategy merge) implements MetadataEvent {
  /** Checks required fields and copies lists. */
  public AddPushSource {
    Objects.requireNonNull(sourceName, "AddPushSource.sourceName is required");
    Objects.requireNonNull(read, "AddPushSource.read is required");
    Objects.requireNonNull(merge, "AddPushSource.merge is required");
  }
}
