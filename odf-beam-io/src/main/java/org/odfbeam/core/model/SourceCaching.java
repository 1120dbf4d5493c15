package org.odfbeam.core.model;

/**
 * Defines how external data should be cached.
 *
 * <p>FlatBuffers union; members (YAML tag = union type id): SourceCachingForever (Forever = 1).
 */
public sealed interface SourceCaching
    permits SourceCachingForever {}
