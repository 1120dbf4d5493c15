package org.odfbeam.core.model;

import java.util.List;
import java.util.Objects;

/**
 * Temporary Flink-specific extension for creating temporal tables from streams.
 *
 * @param name Name of the dataset to be converted into a temporal table.
 * @param primaryKey Column names used as the primary key for creating a table.
 */
public record TemporalTable(
    String name,
    List<String> primaryKey) {
  /** Checks required fields and copies lists. */
  public TemporalTable {
    Objects.requireNonNull(name, "TemporalTable.name is required");
    primaryKey = List.copyOf(Objects.requireNonNull(primaryKey, "TemporalTable.primaryKey is required"));
  }
}
