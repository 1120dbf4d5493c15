package org.odfbeam.core.model;

import java.util.Objects;

/**
 * Defines a license that applies to this dataset.
 *
 * @param shortName Abbreviated name of the license.
 * @param name Full name of the license.
 * @param spdxId License identifier from the SPDX License List. (optional)
 * @param websiteUrl URL where licensing terms can be found.
 */
@Variant(name = "SetLicense", id = 9)
public record SetLicense(
    String shortName,
    String name,
    @Nullable String spdxId,
    String websiteUrl) implements MetadataEvent {
  /** Checks required fields and copies lists. */
  public SetLicense {
    Objects.requireNonNull(shortName, "SetLicense.shortName is required");
    Objects.requireNonNull(name, "SetLicense.name is required");
    Objects.requireNonNull(websiteUrl, "SetLicense.websiteUrl is required");
  }
}
