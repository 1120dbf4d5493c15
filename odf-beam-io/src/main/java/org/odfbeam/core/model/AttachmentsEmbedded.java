package org.odfbeam.core.model;

import java.util.List;
import java.util.Objects;

/**
 * For attachments that are specified inline and are embedded in the metadata.
 *
 * @param items List of embedded items.
 */
@Variant(name = "Embedded", id = 1)
public record AttachmentsEmbedded(
    List<AttachmentEmbedded> items) implements Attachments {
  /** Checks required fields and copies lists. */
  public AttachmentsEmbedded {
    items = List.copyOf(Objects.requireNonNull(items, "AttachmentsEmbedded.items is required"));
  }
}
