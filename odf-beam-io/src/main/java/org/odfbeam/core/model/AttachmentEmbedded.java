package org.odfbeam.core.model;

import java.util.Objects;

/**
 * Embedded attachment item.
 *
 * @param path Path to an attachment if it was materialized into a file.
 * @param content Content of the attachment.
 */
public record AttachmentEmbedded(
    String path,
    String content) {
  /** Checks required fields and copies lists. */
  public AttachmentEmbedded {
    Objects.requireNonNull(path, "AttachmentEmbedded.path is required");
    Objects.requireNonNull(content, "AttachmentEmbedded.content is required");
  }
}
