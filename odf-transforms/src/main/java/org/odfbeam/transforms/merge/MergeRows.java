package org.odfbeam.transforms.merge;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.transforms.InvalidDataException;
import org.odfbeam.transforms.changelog.Operation;
import org.odfbeam.transforms.changelog.OrderedBytes;

/** Row helpers shared by the mergers: duplicates, change detection, a deterministic order within a key. */
final class MergeRows implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String action;
  private transient @Nullable RowCoder coder;
  private transient @Nullable Schema coderSchema;

  MergeRows(String action) {
    this.action = action;
  }

  /** The distinct rows of {@code rows} (by value), in a deterministic order. */
  List<Row> distinct(List<Row> rows) {
    List<Row> out = new ArrayList<>();
    for (Row r : rows) {
      if (!out.contains(r)) {
        out.add(r);
      }
    }
    out.sort(Comparator.comparing(this::bytes, Arrays::compareUnsigned));
    return out;
  }

  /**
   * The key's only new row: copies of one row count once; different rows are an error.
   *
   * @return null if there is none
   */
  @Nullable Row single(List<Row> news, String key) {
    List<Row> distinct = distinct(news);
    if (distinct.size() > 1) {
      throw new InvalidDataException("Cannot " + action + ": key " + key + " appears " + distinct.size()
          + " times with different values in the new rows: " + distinct);
    }
    return distinct.isEmpty() ? null : distinct.get(0);
  }

  /** The key's record in the dataset's current state, or null; several are an error (a bad {@code STATE}). */
  @Nullable Row state(List<Row> olds, String key) {
    if (olds.size() > 1) {
      throw new InvalidDataException("Cannot " + action + ": the dataset's state has " + olds.size()
          + " records for key " + key + "; a state holds one record per key");
    }
    return olds.isEmpty() ? null : olds.get(0);
  }

  /**
   * Whether {@code neu} differs from {@code old} in any of {@code columns}, as SQL {@code IS DISTINCT FROM}
   * (null equals null), except that a null event time in {@code neu} is no change (kamu-cli's rule: snapshots
   * often carry no event time).
   */
  static boolean changed(Row old, Row neu, List<String> columns, String eventTimeColumn) {
    for (String c : columns) {
      Object n = neu.getValue(c);
      Object o = old.getSchema().hasField(c) ? old.getValue(c) : null;
      if (c.equals(eventTimeColumn) && n == null) {
        continue;
      }
      if (n == null || o == null) {
        if (n != o) {
          return true;
        }
      } else if (!Row.Equals.deepEquals(o, n, neu.getSchema().getField(c).getType())) {
        return true;
      }
    }
    return false;
  }

  /** The operation in {@code row}'s {@code opColumn}, checked. */
  Operation op(Row row, String opColumn, String key) {
    Integer code = row.getInt32(opColumn);
    if (code == null || !Operation.isValid(code)) {
      throw new InvalidDataException("Cannot " + action + ": column '" + opColumn + "' is " + code + " for key "
          + key + "; ODF operation types are 0 (+A), 1 (-R), 2 (-C) and 3 (+C)");
    }
    return Operation.ofCode(code);
  }

  /** The encoded sequence value of {@code row}, checked non-null. */
  byte[] sequence(Row row, String sequenceColumn, String key) {
    Object v = row.getValue(sequenceColumn);
    if (v == null) {
      throw new InvalidDataException("Cannot " + action + ": sequence column '" + sequenceColumn + "' is null for"
          + " key " + key + " in " + row);
    }
    FieldType type = row.getSchema().getField(sequenceColumn).getType();
    return OrderedBytes.encode(type, v);
  }

  /** The row's {@link RowCoder} encoding: a deterministic tie-breaker. */
  byte[] bytes(Row row) {
    Schema s = row.getSchema();
    if (coder == null || !s.equals(coderSchema)) {
      coder = RowCoder.of(s);
      coderSchema = s;
    }
    try {
      return CoderUtils.encodeToByteArray(coder, row);
    } catch (CoderException e) {
      throw new IllegalStateException("Cannot encode " + row, e);
    }
  }

  String action() {
    return action;
  }
}
