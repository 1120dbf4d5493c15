package org.odfbeam.core.model;

import java.util.List;
import java.util.Objects;

/**
 * Contains information on how externally-hosted data can be ingested into the root dataset.
 *
 * @param fetch Determines where data is sourced from.
 * @param prepare Defines how raw data is prepared before reading. (optional)
 * @param read Defines how data is read into structured format.
 * @param preprocess Pre-processing query that shapes the data. (optional)
 * @param merge Determines how newly-ingested data should be merged with existing history.
 */
@Variant(name = "SetPollingSource", id = 4)
public record SetPollingSource(
    FetchStep fetch,
    @Nullable List<PrepStep> prepare,
    ReadStep read,
    @Nullable Transform preprocess,
    MergeStrategy merge) implements MetadataEvent {
  /** Checks required fields and copies lists. */
  public SetPollingSource {
    Objects.requireNonNull(fetch, "SetPollingSource.fetch is required");
    prepare = prepare == null ? null : List.copyOf(prepare);
    Objects.requireNonNull(read, "SetPollingSource.read is required");
    Objects.requireNonNull(merge, "SetPollingSource.merge is required");
  }
}
