package org.odfbeam.core.model;

/**
 * Defines a compression algorithm.
 *
 * <p>FlatBuffers int32: the value is the ordinal; YAML name is the PascalCase of the constant.
 */
public enum CompressionFormat {
  GZIP,
  ZIP
}
