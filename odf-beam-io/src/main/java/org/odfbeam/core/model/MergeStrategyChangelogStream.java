package org.odfbeam.core.model;

import java.util.List;
import java.util.Objects;

/**
 * Changelog stream merge strategy. This is the native stream format for ODF that accurately describes the
 * evolution of all event records including appends, retractions, and corrections as per RFC-015. No
 * pre-processing except for format validation is done.
 *
 * @param primaryKey Names of the columns that uniquely identify the record throughout its lifetime
 */
@Variant(name = "ChangelogStream", id = 4)
public record MergeStrategyChangelogStream(
    List<String> primaryKey) implements MergeStrategy {
  /** Checks required fields and copies lists. */
  public MergeStrategyChangelogStream {
    primaryKey = List.copyOf(Objects.requireNonNull(primaryKey, "MergeStrategyChangelogStream.primaryKey is required"));
  }
}
