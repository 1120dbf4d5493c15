package org.odfbeam.core.model;

/**
 * Extracts event time from the source's metadata.
 */
@Variant(name = "FromMetadata", id = 1)
public record EventTimeSourceFromMetadata() implements EventTimeSource {}
