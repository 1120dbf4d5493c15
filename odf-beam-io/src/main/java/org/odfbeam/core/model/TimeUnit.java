package org.odfbeam.core.model;

/**
 * Defines the unit of measurement of time
 *
 * <p>FlatBuffers int16: the value is the ordinal; YAML name is the PascalCase of the constant.
 */
@EnumWidth(2)
public enum TimeUnit {
  SECOND,
  MILLISECOND,
  MICROSECOND,
  NANOSECOND
}
