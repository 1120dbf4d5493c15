package org.odfbeam.core.identity;

import java.util.Objects;
import java.util.Optional;

/**
 * Human-readable local name of a dataset: {@code name} or {@code account/name}
 * (kamu-data/kamu-cli:src/odf/metadata/src/dataset/dataset_identity.rs; grammar
 * {@code DatasetAlias = (AccountName "/")? DatasetName}). Also the content of a dataset's {@code info/alias} file.
 *
 * <p>{@link #parse} and {@link #toString} are exact inverses. Equality ignores ASCII case, like kamu.
 *
 * @param account the owning account, or {@code null} in single-tenant workspaces
 * @param name the dataset name
 */
public record DatasetAlias(AccountName account, DatasetName name) {
  /** Requires a name. */
  public DatasetAlias {
    Objects.requireNonNull(name, "name");
  }

  /** A single-tenant alias. */
  public static DatasetAlias of(DatasetName name) {
    return new DatasetAlias(null, name);
  }

  /**
   * Parses {@code name} or {@code account/name}.
   *
   * @throws IllegalArgumentException naming the value
   */
  public static DatasetAlias parse(String value) {
    if (value == null) {
      throw new IllegalArgumentException("Cannot parse dataset alias 'null'");
    }
    int slash = value.indexOf('/');
    String acc = slash < 0 ? null : value.substring(0, slash);
    String ds = slash < 0 ? value : value.substring(slash + 1);
    if ((acc != null && !Grammar.isHostname(acc)) || !Grammar.isHostname(ds)) {
      throw new IllegalArgumentException("Cannot parse dataset alias '" + value
          + "': expected 'name' or 'account/name' where both are hostname-like (letters, digits, '.', '-')");
    }
    return new DatasetAlias(acc == null ? null : new AccountName(acc), new DatasetName(ds));
  }

  /** The account, if multi-tenant. */
  public Optional<AccountName> accountName() {
    return Optional.ofNullable(account);
  }

  /** True if an account is present. */
  public boolean isMultiTenant() {
    return account != null;
  }

  /** {@code name} or {@code account/name}. */
  @Override
  public String toString() {
    return account == null ? name.toString() : account + "/" + name;
  }
}
