package org.odfbeam.core.model;

/**
 * Specifies how input files should be ordered before ingestion.
 *
 * <p>FlatBuffers int32: the value is the ordinal; YAML name is the PascalCase of the constant.
 */
public enum SourceOrdering {
  BY_EVENT_TIME,
  BY_NAME
}
