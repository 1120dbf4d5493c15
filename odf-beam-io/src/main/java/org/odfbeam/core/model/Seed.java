package org.odfbeam.core.model;

import java.util.Objects;

import org.odfbeam.core.identity.DatasetId;

/**
 * Establishes the identity of the dataset. Always the first metadata event in the chain.
 *
 * @param datasetId Unique identity of the dataset.
 * @param datasetKind Type of the dataset.
 */
@Variant(name = "Seed", id = 3)
public record Seed(
    DatasetId datasetId,
    DatasetKind datasetKind) implements MetadataEvent {
  /** Checks required fields and copies lists. */
  public Seed {
    Objects.requireNonNull(datasetId, "Seed.datasetId is required");
    Objects.requireNonNull(datasetKind, "Seed.datasetKind is required");
  }
}
