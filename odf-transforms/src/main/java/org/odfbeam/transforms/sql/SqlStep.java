package org.odfbeam.transforms.sql;

import java.io.Serializable;
import java.util.Objects;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.model.SqlQueryStep;

/**
 * One step of an ODF SQL transform, numbered for error messages: {@code CREATE TEMPORARY VIEW <alias> AS (<query>)}
 * for a step with an alias, the transform's output for the step without one.
 *
 * @param number 1-based position in the transform
 * @param count how many steps the transform has
 * @param alias the name later steps query the result under, null for the output step
 * @param query the SQL text, as given
 */
record SqlStep(int number, int count, @Nullable String alias, String query) implements Serializable {
  private static final long serialVersionUID = 1L;

  SqlStep {
    Objects.requireNonNull(query, "SqlStep.query is required");
  }

  /** The step as the ODF model records it. */
  SqlQueryStep toModel() {
    return new SqlQueryStep(alias, query);
  }

  /** "step 2 of 3 (alias 'big')" or "step 3 of 3 (the output)". */
  String describe() {
    return "step " + number + " of " + count + (alias == null ? " (the output)" : " (alias '" + alias + "')");
  }
}
