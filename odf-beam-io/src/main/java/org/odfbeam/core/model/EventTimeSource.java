package org.odfbeam.core.model;

/**
 * Defines the external source of data.
 *
 * <p>FlatBuffers union; members (YAML tag = union type id): EventTimeSourceFromMetadata (FromMetadata = 1),
 * EventTimeSourceFromPath (FromPath = 2), EventTimeSourceFromSystemTime (FromSystemTime = 3).
 */
public sealed interface EventTimeSource
    permits EventTimeSourceFromMetadata, EventTimeSourceFromPath, EventTimeSourceFromSystemTime {}
