package org.odfbeam.io;

import java.io.Serializable;
import java.util.Objects;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.model.SourceState;

/**
 * A serializable copy of an ODF {@code SourceState} (the model record is not {@link Serializable}): what
 * {@code OdfWrite.withSourceState} records, and the dataset's last one in a {@link WritePlan}.
 *
 * @param sourceName the source the state belongs to ({@code default} for kamu's single polling source)
 * @param kind the kind of state, e.g. {@code odf/etag}
 * @param value the opaque value
 */
record SourceStateValue(String sourceName, String kind, String value) implements Serializable {
  private static final long serialVersionUID = 1L;

  SourceStateValue {
    Objects.requireNonNull(sourceName, "SourceStateValue.sourceName is required");
    Objects.requireNonNull(kind, "SourceStateValue.kind is required");
    Objects.requireNonNull(value, "SourceStateValue.value is required");
  }

  static @Nullable SourceStateValue of(@Nullable SourceState state) {
    return state == null ? null : new SourceStateValue(state.sourceName(), state.kind(), state.value());
  }

  SourceState toEvent() {
    return new SourceState(sourceName, kind, value);
  }
}
