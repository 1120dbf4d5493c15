package org.odfbeam.transforms.changelog;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.transforms.InvalidDataException;

/**
 * The columns that identify a record throughout its lifetime (ODF {@code primaryKey} of the Ledger, Snapshot,
 * ChangelogStream and UpsertStream merge strategies), and the key of a row: its values of those columns encoded by
 * {@link OrderedBytes}, so that keys group equal values and order like kamu-cli sorts them.
 *
 * @param columns the key columns, at least one, distinct, in order
 */
public record PrimaryKey(List<String> columns) implements Serializable {

  /** Checks the columns and copies the list. */
  public PrimaryKey {
    Objects.requireNonNull(columns, "PrimaryKey.columns is required");
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("A primary key needs at least one column");
    }
    if (new HashSet<>(columns).size() != columns.size()) {
      throw new IllegalArgumentException("A primary key names each column once, but was " + columns);
    }
    for (String c : columns) {
      if (c.isEmpty()) {
        throw new IllegalArgumentException("A primary key column name must not be empty, but was " + columns);
      }
    }
  }

  /** The key of {@code columns}. */
  public static PrimaryKey of(String... columns) {
    Objects.requireNonNull(columns, "columns");
    for (String c : columns) {
      Objects.requireNonNull(c, "A primary key column name must not be null");
    }
    return new PrimaryKey(List.of(columns));
  }

  /**
   * Checks that {@code schema} has every key column with an orderable type.
   *
   * @param action what fails, e.g. {@code "merge snapshot"}
   * @param what whose schema it is, e.g. {@code "the new rows"}
   * @throws IllegalArgumentException naming the column and the schema's columns
   */
  public void checkColumns(Schema schema, String action, String what) {
    for (String c : columns) {
      if (!schema.hasField(c)) {
        throw new IllegalArgumentException("Cannot " + action + ": " + what + " have no primary key column '" + c
            + "'; their columns are " + schema.getFieldNames());
      }
      OrderedBytes.checkOrderable(schema.getField(c).getType(), c, action);
    }
  }

  /**
   * The key of {@code row}.
   *
   * @throws InvalidDataException if a key column is null, naming the column and the row
   */
  public byte[] encode(Row row, String action) {
    for (String c : columns) {
      if (row.getValue(c) == null) {
        throw new InvalidDataException("Cannot " + action + ": primary key column '" + c + "' is null in " + row);
      }
    }
    return OrderedBytes.encode(row, columns);
  }

  /** The key values of {@code row} for messages: {@code city=kyiv, year=2020}. */
  public String describe(Row row) {
    StringBuilder b = new StringBuilder();
    for (String c : columns) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(c).append('=').append(row.getSchema().hasField(c) ? String.valueOf((Object) row.getValue(c)) : "?");
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return columns.toString();
  }
}
