package org.odfbeam.core.model;

import java.util.List;
import java.util.Objects;

import org.odfbeam.core.identity.DatasetAlias;

/**
 * Represents a projection of the dataset metadata at a single point in time (the content of a
 * {@code kind: DatasetSnapshot} manifest read by {@code kamu add}).
 *
 * @param name Alias of the dataset.
 * @param kind Type of the dataset.
 * @param metadata An array of metadata events that will be used to populate the chain.
 */
public record DatasetSnapshot(DatasetAlias name, DatasetKind kind, List<MetadataEvent> metadata) {
  /** Checks required fields and copies the list. */
  public DatasetSnapshot {
    Objects.requireNonNull(name, "DatasetSnapshot.name is required");
    Objects.requireNonNull(kind, "DatasetSnapshot.kind is required");
    metadata = List.copyOf(Objects.requireNonNull(metadata, "DatasetSnapshot.metadata is required"));
  }
}
