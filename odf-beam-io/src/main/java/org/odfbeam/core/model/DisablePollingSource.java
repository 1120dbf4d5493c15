package org.odfbeam.core.model;

/**
 * Disables the previously defined polling source.
 */
@Variant(name = "DisablePollingSource", id = 13)
public record DisablePollingSource() implements MetadataEvent {}
