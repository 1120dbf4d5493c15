package org.odfbeam.core.model;

import java.util.Objects;

/**
 * Defines a header (e.g. HTTP) to be passed into some request.
 *
 * @param name Name of the header.
 * @param value Value of the header.
 */
public record RequestHeader(
    String name,
    String value) {
  /** Checks required fields and copies lists. */
  public RequestHeader {
    Objects.requireNonNull(name, "RequestHeader.name is required");
    Objects.requireNonNull(value, "RequestHeader.value is required");
  }
}
