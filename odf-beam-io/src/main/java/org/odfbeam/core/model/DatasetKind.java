package org.odfbeam.core.model;

/**
 * Represents type of the dataset.
 *
 * <p>FlatBuffers int32: the value is the ordinal; YAML name is the PascalCase of the constant.
 */
public enum DatasetKind {
  ROOT,
  DERIVATIVE
}
