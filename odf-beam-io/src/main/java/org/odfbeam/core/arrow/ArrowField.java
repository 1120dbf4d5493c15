package org.odfbeam.core.arrow;

import java.util.Objects;

/**
 * An Arrow field: name, type and nullability (arrow-rs {@code Field}; metadata is not modelled, the logical hash
 * ignores it).
 */
public record ArrowField(String name, ArrowType type, boolean nullable) {
  /** Checks that name and type are present. */
  public ArrowField {
    Objects.requireNonNull(name, "ArrowField.name is required");
    Objects.requireNonNull(type, "ArrowField.type is required");
  }

  /** A nullable field. */
  public static ArrowField nullable(String name, ArrowType type) {
    return new ArrowField(name, type, true);
  }

  /** A non-nullable field. */
  public static ArrowField required(String name, ArrowType type) {
    return new ArrowField(name, type, false);
  }

  @Override
  public String toString() {
    return name + ": " + type + (nullable ? "" : " not null");
  }
}
