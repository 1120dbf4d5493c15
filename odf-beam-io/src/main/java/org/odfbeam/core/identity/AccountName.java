package org.odfbeam.core.identity;

import java.util.Locale;

/**
 * Name of an account owning datasets in a multi-tenant node (e.g. `alice`).
 *
 * <p>Grammar: a hostname, {@code [a-zA-Z0-9]+ ("-" [a-zA-Z0-9]+)* ("." …)*}
 * (kamu-data/kamu-cli:src/odf/metadata/src/auth/account_name.rs, src/odf/metadata/src/formats/grammar.rs). The original spelling is kept and
 * {@link #toString()} returns it, so {@code parse(s).toString().equals(s)}. Like kamu, equality and hash code
 * ignore ASCII case ({@code Net.Example} equals {@code net.example}).
 *
 * @param value the name as written
 */
public record AccountName(String value) {
  /** Validates the grammar. */
  public AccountName {
    if (!Grammar.isHostname(value)) {
      throw new IllegalArgumentException("Cannot parse account name '" + value
          + "': expected letters and digits in '.'-separated parts, each part's '-' only between letters or digits");
    }
  }

  /**
   * Parses a account name.
   *
   * @throws IllegalArgumentException naming the value if it does not match the grammar
   */
  public static AccountName parse(String value) {
    return new AccountName(value);
  }

  /** The name as written. */
  @Override
  public String toString() {
    return value;
  }

  /** Case-insensitive (ASCII), like kamu. */
  @Override
  public boolean equals(Object o) {
    return o instanceof AccountName other && value.equalsIgnoreCase(other.value);
  }

  @Override
  public int hashCode() {
    return value.toLowerCase(Locale.ROOT).hashCode();
  }
}
