package org.odfbeam.transforms.merge;

import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.odfbeam.core.model.Nullable;

/** The collections of a merge's input tuple ({@link Merge#NEW}, {@link Merge#CHANGELOG}, {@link Merge#STATE}), checked. */
record MergeInputs(PCollection<Row> newRows, @Nullable PCollection<Row> changelog, @Nullable PCollection<Row> state) {

  static MergeInputs of(PCollectionTuple input, String action, Columns columns) {
    for (Map.Entry<TupleTag<?>, PValue> e : input.expand().entrySet()) {
      String id = e.getKey().getId();
      if (!id.equals(Merge.NEW.getId()) && !id.equals(Merge.CHANGELOG.getId()) && !id.equals(Merge.STATE.getId())) {
        throw new IllegalArgumentException("Cannot " + action + ": unknown input tag '" + id + "'; use Merge.NEW,"
            + " Merge.CHANGELOG or Merge.STATE");
      }
    }
    if (!input.has(Merge.NEW)) {
      throw new IllegalArgumentException("Cannot " + action + ": the input has no new rows (tag Merge.NEW)");
    }
    PCollection<Row> newRows = input.get(Merge.NEW);
    PCollection<Row> changelog = input.has(Merge.CHANGELOG) ? input.get(Merge.CHANGELOG) : null;
    PCollection<Row> state = input.has(Merge.STATE) ? input.get(Merge.STATE) : null;
    if (changelog != null && state != null) {
      throw new IllegalArgumentException("Cannot " + action + ": give the dataset's records either as Merge.CHANGELOG"
          + " or as Merge.STATE, not both");
    }
    requireSchema(newRows, action, "the new rows");
    if (changelog != null) {
      requireSchema(changelog, action, "the changelog rows");
    }
    if (state != null) {
      requireSchema(state, action, "the state rows");
    }
    Schema s = newRows.getSchema();
    for (String system : new String[] {columns.offset(), columns.systemTime()}) {
      if (s.hasField(system)) {
        throw new IllegalArgumentException("Cannot " + action + ": the new rows have a column '" + system
            + "', which the write assigns; drop it before the merge");
      }
    }
    return new MergeInputs(newRows, changelog, state);
  }

  /** The schema of the dataset's records (changelog or state), or null if the dataset is empty. */
  @Nullable Schema datasetSchema() {
    PCollection<Row> existing = existing();
    return existing == null ? null : existing.getSchema();
  }

  /** The changelog or the state, whichever was given. */
  @Nullable PCollection<Row> existing() {
    return changelog != null ? changelog : state;
  }

  /** Fails if the new rows have the op column (strategies that assign every op themselves). */
  void rejectOpColumn(Columns columns, String action) {
    if (newRows.getSchema().hasField(columns.op())) {
      throw new IllegalArgumentException("Cannot " + action + ": the new rows have an '" + columns.op() + "' column;"
          + " only ChangelogStream and UpsertStream read one");
    }
  }

  private static void requireSchema(PCollection<Row> rows, String action, String what) {
    if (!rows.hasSchema()) {
      throw new IllegalArgumentException("Cannot " + action + ": " + what + " have no schema (use setRowSchema())");
    }
  }
}
