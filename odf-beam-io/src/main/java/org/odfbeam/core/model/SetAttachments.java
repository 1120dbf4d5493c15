package org.odfbeam.core.model;

import java.util.Objects;

/**
 * Associates a set of files with this dataset.
 *
 * @param attachments One of the supported attachment sources.
 */
@Variant(name = "SetAttachments", id = 7)
public record SetAttachments(
    Attachments attachments) implements MetadataEvent {
  /** Checks required fields and copies lists. */
  public SetAttachments {
    Objects.requireNonNull(attachments, "SetAttachments.attachments is required");
  }
}
