package org.odfbeam.core.model;

import java.util.Objects;

import org.odfbeam.core.identity.DatasetRef;

/**
 * Describes a derivative transformation input
 *
 * @param datasetRef A local or remote dataset reference. When block is accepted this MUST be in the form of a
 * DatasetId to guarantee reproducibility, as aliases can change over time.
 * @param alias An alias under which this input will be available in queries. Will be populated from {@code
 * datasetRef} if not provided before resolving it to DatasetId. (optional)
 */
public record TransformInput(
    DatasetRef datasetRef,
    @Nullable String alias) {
  /** Checks required fields and copies lists. */
  public TransformInput {
    Objects.requireNonNull(datasetRef, "TransformInput.datasetRef is required");
  }
}
