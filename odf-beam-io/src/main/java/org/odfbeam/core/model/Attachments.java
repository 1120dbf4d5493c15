package org.odfbeam.core.model;

/**
 * Defines the source of attachment files.
 *
 * <p>FlatBuffers union; members (YAML tag = union type id): AttachmentsEmbedded (Embedded = 1).
 */
public sealed interface Attachments
    permits AttachmentsEmbedded {}
