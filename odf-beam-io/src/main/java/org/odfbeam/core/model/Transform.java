package org.odfbeam.core.model;

/**
 * Engine-specific processing queries that shape the resulting data.
 *
 * <p>FlatBuffers union; members (YAML tag = union type id): TransformSql (Sql = 1).
 */
public sealed interface Transform
    permits TransformSql {}
