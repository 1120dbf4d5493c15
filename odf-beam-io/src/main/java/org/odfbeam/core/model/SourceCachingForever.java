package org.odfbeam.core.model;

/**
 * After source was processed once it will never be ingested again.
 */
@Variant(name = "Forever", id = 1)
public record SourceCachingForever() implements SourceCaching {}
