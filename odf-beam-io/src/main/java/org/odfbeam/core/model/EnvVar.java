package org.odfbeam.core.model;

import java.util.Objects;

/**
 * Defines an environment variable passed into some job.
 *
 * @param name Name of the variable.
 * @param value Value of the variable. (optional)
 */
public record EnvVar(
    String name,
    @Nullable String value) {
  /** Checks required fields and copies lists. */
  public EnvVar {
    Objects.requireNonNull(name, "EnvVar.name is required");
  }
}
