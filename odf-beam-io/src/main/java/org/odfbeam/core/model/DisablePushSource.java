package org.odfbeam.core.model;

import java.util.Objects;

/**
 * Disables the previously defined source.
 *
 * @param sourceName Identifies the source to be disabled.
 */
@Variant(name = "DisablePushSource", id = 12)
public record DisablePushSource(
    String sourceName) implements MetadataEvent {
  /** Checks required fields and copies lists. */
  public DisablePushSource {
    Objects.requireNonNull(sourceName, "DisablePushSource.sourceName is required");
  }
}
