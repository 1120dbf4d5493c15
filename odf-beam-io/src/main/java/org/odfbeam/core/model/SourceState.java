package org.odfbeam.core.model;

import java.util.Objects;

/**
 * The state of the source the data was added from to allow fast resuming.
 *
 * @param sourceName Identifies the source that the state corresponds to.
 * @param kind Identifies the type of the state. Standard types include: {@code odf/etag}, {@code
 * odf/last-modified}.
 * @param value Opaque value representing the state.
 */
public record SourceState(
    String sourceName,
    String kind,
    String value) {
  /** Checks required fields and copies lists. */
  public SourceState {
    Objects.requireNonNull(sourceName, "SourceState.sourceName is required");
    Objects.requireNonNull(kind, "SourceState.kind is required");
    Objects.requireNonNull(value, "SourceState.value is required");
  }
}
