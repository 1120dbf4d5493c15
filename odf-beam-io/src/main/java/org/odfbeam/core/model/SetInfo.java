package org.odfbeam.core.model;

import java.util.List;

/**
 * Provides basic human-readable information about a dataset.
 *
 * @param description Brief single-sentence summary of a dataset. (optional)
 * @param keywords Keywords, search terms, or tags used to describe the dataset. (optional)
 */
@Variant(name = "SetInfo", id = 8)
public record SetInfo(
    @Nullable String description,
    @Nullable List<String> keywords) implements MetadataEvent {
  /** Checks required fields and copies lists. */
  public SetInfo {
    keywords = keywords == null ? null : List.copyOf(keywords);
  }
}
