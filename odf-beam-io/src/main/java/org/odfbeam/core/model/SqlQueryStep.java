package org.odfbeam.core.model;

import java.util.Objects;

/**
 * Defines a query in a multi-step SQL transformation.
 *
 * @param alias Name of the temporary view that will be created from result of the query. Step without this
 * alias will be treated as an output of the transformation. (optional)
 * @param query SQL query the result of which will be exposed under the alias.
 */
public record SqlQueryStep(
    @Nullable String alias,
    String query) {
  /** Checks required fields and copies lists. */
  public SqlQueryStep {
    Objects.requireNonNull(query, "SqlQueryStep.query is required");
  }
}
