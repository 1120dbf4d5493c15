package org.odfbeam.core.identity;

import java.util.Locale;

/**
 * Name of a dataset, unique within an account (e.g. `com.example.population`).
 *
 * <p>Grammar: a hostname, {@code [a-zA-Z0-9]+ ("-" [a-zA-Z0-9]+)* ("." …)*}
 * (kamu-data/kamu-cli:src/odf/metadata/src/dataset/dataset_identity.rs, src/odf/metadata/src/formats/grammar.rs). The original spelling is kept and
 * {@link #toString()} returns it, so {@code parse(s).toString().equals(s)}. Like kamu, equality and hash code
 * ignore ASCII case ({@code Net.Example} equals {@code net.example}).
 *
 * @param value the name as written
 */
public record DatasetName(String value) {
  /** Validates the grammar. */
  public DatasetName {
    if (!Grammar.isHostname(value)) {
      throw new IllegalArgumentException("Cannot parse dataset name '" + value
          + "': expected letters and digits in '.'-separated parts, each part's '-' only between letters or digits");
    }
  }

  /**
   * Parses a dataset name.
   *
   * @throws IllegalArgumentException naming the value if it does not match the grammar
   */
  public static DatasetName parse(String value) {
    return new DatasetName(value);
  }

  /** The name as written. */
  @Override
  public String toString() {
    return value;
  }

  /** Case-insensitive (ASCII), like kamu. */
  @Override
  public boolean equals(Object o) {
    return o instanceof DatasetName other && value.equalsIgnoreCase(other.value);
  }

  @Override
  public int hashCode() {
    return value.toLowerCase(Locale.ROOT).hashCode();
  }
}
