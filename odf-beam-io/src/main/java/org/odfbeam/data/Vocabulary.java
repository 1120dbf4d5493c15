package org.odfbeam.data;

import java.io.Serializable;
import java.util.Objects;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.model.SetVocab;

/**
 * Names of a dataset's system columns (ODF {@code SetVocab}); absent names take the defaults {@code offset},
 * {@code op}, {@code system_time} and {@code event_time}. Serializable, so Beam stages can carry it.
 */
public record Vocabulary(String offsetColumn, String operationTypeColumn, String systemTimeColumn,
    String eventTimeColumn) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The default vocabulary: {@code offset}, {@code op}, {@code system_time}, {@code event_time}. */
  public static final Vocabulary DEFAULT = new Vocabulary("offset", "op", "system_time", "event_time");

  /** Checks that every name is present, non-empty and distinct. */
  public Vocabulary {
    Objects.requireNonNull(offsetColumn, "Vocabulary.offsetColumn is required");
    Objects.requireNonNull(operationTypeColumn, "Vocabulary.operationTypeColumn is required");
    Objects.requireNonNull(systemTimeColumn, "Vocabulary.systemTimeColumn is required");
    Objects.requireNonNull(eventTimeColumn, "Vocabulary.eventTimeColumn is required");
    String[] names = {offsetColumn, operationTypeColumn, systemTimeColumn, eventTimeColumn};
    for (int i = 0; i < names.length; i++) {
      if (names[i].isEmpty()) {
        throw new IllegalArgumentException("Cannot create vocabulary: system column names must not be empty");
      }
      for (int j = 0; j < i; j++) {
        if (names[i].equals(names[j])) {
          throw new IllegalArgumentException(
              "Cannot create vocabulary: system column name '" + names[i] + "' is used twice");
        }
      }
    }
  }

  /** The vocabulary a {@code SetVocab} event defines ({@code null} = no event = {@link #DEFAULT}). */
  public static Vocabulary of(@Nullable SetVocab event) {
    if (event == null) {
      return DEFAULT;
    }
    return new Vocabulary(
        orDefault(event.offsetColumn(), DEFAULT.offsetColumn),
        orDefault(event.operationTypeColumn(), DEFAULT.operationTypeColumn),
        orDefault(event.systemTimeColumn(), DEFAULT.systemTimeColumn),
        orDefault(event.eventTimeColumn(), DEFAULT.eventTimeColumn));
  }

  /**
   * The {@code SetVocab} event recording this vocabulary, with only the names that differ from {@link #DEFAULT}
   * (every field of {@code SetVocab} is optional and an absent one means the default, as in kamu's dataset
   * manifests, e.g. {@code kind: SetVocab, eventTimeColumn: reported_date}); {@code null} for the default
   * vocabulary itself, which needs no event. {@code Vocabulary.of(v.toSetVocab())} equals {@code v}.
   */
  public @Nullable SetVocab toSetVocab() {
    if (equals(DEFAULT)) {
      return null;
    }
    return new SetVocab(
        changed(offsetColumn, DEFAULT.offsetColumn),
        changed(operationTypeColumn, DEFAULT.operationTypeColumn),
        changed(systemTimeColumn, DEFAULT.systemTimeColumn),
        changed(eventTimeColumn, DEFAULT.eventTimeColumn));
  }

  private static @Nullable String changed(String value, String dflt) {
    return value.equals(dflt) ? null : value;
  }

  private static String orDefault(@Nullable String value, String dflt) {
    return value == null ? dflt : value;
  }
}
