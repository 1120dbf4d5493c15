package org.odfbeam.core.identity;

import java.util.Objects;
import java.util.Optional;

/**
 * A reference to a local dataset: by {@link DatasetId} or by {@link DatasetAlias}, or a resolved handle holding
 * both (kamu-data/kamu-cli:src/odf/metadata/src/dataset/dataset_refs.rs, {@code DatasetRef}).
 *
 * <p>{@link #parse} first tries a {@code did:odf:} id, then an alias, like kamu's {@code FromStr}.
 * {@link #toString} is kamu's {@code Display}: the canonical {@code did:odf:f…} for ids, the alias as written for
 * aliases and handles. So {@code parse(s).toString().equals(s)} for every alias and every canonical id (everything
 * kamu writes, e.g. {@code TransformInput.datasetRef}); an id written in another multibase ({@code did:odf:z…}) is
 * normalized to {@code f…}, exactly as kamu does when it re-serializes it.
 */
public final class DatasetRef {
  /** Which form the reference has. */
  public enum Kind {
    /** A {@code did:odf} id. */
    ID,
    /** An alias {@code [account/]name}. */
    ALIAS,
    /** A resolved id together with its alias (never produced by {@link #parse}). */
    HANDLE
  }

  private final Kind kind;
  private final DatasetId id;
  private final DatasetAlias alias;

  private DatasetRef(Kind kind, DatasetId id, DatasetAlias alias) {
    this.kind = kind;
    this.id = id;
    this.alias = alias;
  }

  /** A reference by id. */
  public static DatasetRef ofId(DatasetId id) {
    return new DatasetRef(Kind.ID, Objects.requireNonNull(id, "id"), null);
  }

  /** A reference by alias. */
  public static DatasetRef ofAlias(DatasetAlias alias) {
    return new DatasetRef(Kind.ALIAS, null, Objects.requireNonNull(alias, "alias"));
  }

  /** A resolved handle (renders as its alias, like kamu's {@code DatasetHandle}). */
  public static DatasetRef ofHandle(DatasetId id, DatasetAlias alias) {
    return new DatasetRef(Kind.HANDLE, Objects.requireNonNull(id, "id"), Objects.requireNonNull(alias, "alias"));
  }

  /**
   * Parses a {@code did:odf:} id or an alias.
   *
   * @throws IllegalArgumentException naming the value
   */
  public static DatasetRef parse(String value) {
    if (value != null && value.startsWith(DatasetId.PREFIX)) {
      try {
        return ofId(DatasetId.parse(value));
      } catch (IllegalArgumentException idError) {
        // kamu falls back to the alias grammar, which can never match "did:odf:…" (':' is not allowed).
        throw new IllegalArgumentException("Cannot parse dataset reference '" + value + "': "
            + idError.getMessage(), idError);
      }
    }
    try {
      return ofAlias(DatasetAlias.parse(value));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Cannot parse dataset reference '" + value
          + "': expected 'did:odf:<multibase>', 'name' or 'account/name'", e);
    }
  }

  /** The form of this reference. */
  public Kind kind() {
    return kind;
  }

  /** The id, for {@link Kind#ID} and {@link Kind#HANDLE}. */
  public Optional<DatasetId> id() {
    return Optional.ofNullable(id);
  }

  /** The alias, for {@link Kind#ALIAS} and {@link Kind#HANDLE}. */
  public Optional<DatasetAlias> alias() {
    return Optional.ofNullable(alias);
  }

  /** kamu's {@code Display}: the canonical id or the alias. */
  @Override
  public String toString() {
    return kind == Kind.ID ? id.toString() : alias.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DatasetRef other
        && kind == other.kind
        && Objects.equals(id, other.id)
        && Objects.equals(alias, other.alias);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, id, alias);
  }
}
