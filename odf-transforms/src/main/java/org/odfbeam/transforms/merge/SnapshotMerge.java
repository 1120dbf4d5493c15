package org.odfbeam.transforms.merge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.core.model.MergeStrategy;
import org.odfbeam.core.model.MergeStrategySnapshot;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.data.Vocabulary;
import org.odfbeam.transforms.changelog.Changelog;
import org.odfbeam.transforms.changelog.Operation;
import org.odfbeam.transforms.changelog.PrimaryKey;

/**
 * ODF's Snapshot merge strategy: the new rows are a complete snapshot of an entity's state; the merge diffs it
 * against the dataset's current state by primary key (change data capture) and emits the differences.
 *
 * <pre>{@code
 * MergeResult merged = PCollectionTuple.of(Merge.NEW, todaysDump)
 *     .and(Merge.CHANGELOG, p.apply(OdfIO.read().from("/data/cities")))
 *     .apply(Merge.snapshot("city").withCompareColumns("population"));
 * }</pre>
 *
 * <h2>Semantics</h2>
 * As kamu-cli ({@code kamu-data/kamu-cli:src/infra/ingest-datafusion/src/merge_strategies/snapshot.rs}): the
 * dataset's changelog is projected to its current state ({@link Changelog#currentState}), then for each key
 * <ul>
 *   <li>only in the snapshot: {@code +A} with the new values;
 *   <li>only in the state: {@code -R} with the old values (including the old event time);
 *   <li>in both and changed: {@code -C} with the old values, then {@code +C} with the new ones;
 *   <li>in both and unchanged: nothing.
 * </ul>
 * A row changed if any compared column is distinct (SQL {@code IS DISTINCT FROM}: null equals null). Compared are
 * the {@link #withCompareColumns} columns, else every column of the new rows but the key. A null event time in the
 * new row is never a change (snapshots often carry no event time; the write fills it in), but a new non-null one
 * that differs is. Output columns are those of the new rows; a column the dataset lacks is null in {@code -R} and
 * {@code -C} rows.
 *
 * <p><b>Improvements over kamu-cli.</b> A key that appears more than once in the snapshot with different values
 * fails with an {@link org.odfbeam.transforms.InvalidDataException} naming the key and the rows (kamu emits a
 * correction per duplicate, an inconsistent changelog); exact copies of a row count once. A null key value fails
 * (kamu's full outer join never matches it, so it is re-appended and re-retracted on every run). Column types that
 * differ between the new rows and the dataset fail when the transform is applied, naming the column.
 *
 * <h2>Order</h2>
 * kamu-cli's: by primary key (ascending, column by column), then operation ({@code +A}, {@code -R}, {@code -C},
 * {@code +C}), so a {@code +C} immediately follows its {@code -C}. See {@link Merge}, "Order".
 */
public final class SnapshotMerge extends MergeTransform {
  private static final long serialVersionUID = 1L;

  private final PrimaryKey primaryKey;
  private final @Nullable List<String> compareColumns;
  private final Columns columns;
  private final @Nullable String orderColumn;

  private SnapshotMerge(PrimaryKey primaryKey, @Nullable List<String> compareColumns, Columns columns,
      @Nullable String orderColumn) {
    this.primaryKey = primaryKey;
    this.compareColumns = compareColumns;
    this.columns = columns;
    this.orderColumn = orderColumn;
  }

  static SnapshotMerge of(PrimaryKey primaryKey) {
    return new SnapshotMerge(primaryKey, null, Columns.DEFAULT, null);
  }

  /**
   * Compares only these columns to detect a changed row, e.g. a last-modified time or a version that changes
   * whenever any other column does. Default: every column of the new rows except the key.
   */
  public SnapshotMerge withCompareColumns(String... columns) {
    if (columns == null || columns.length == 0) {
      throw new IllegalArgumentException("withCompareColumns() requires at least one column, but was "
          + (columns == null ? "null" : "[]"));
    }
    for (String c : columns) {
      checkName(c, "withCompareColumns");
    }
    return new SnapshotMerge(primaryKey, List.copyOf(Arrays.asList(columns)), this.columns, orderColumn);
  }

  /** The dataset's column names (default {@link Vocabulary#DEFAULT}). */
  public SnapshotMerge withVocabulary(Vocabulary vocabulary) {
    Objects.requireNonNull(vocabulary, "withVocabulary() requires a vocabulary");
    return new SnapshotMerge(primaryKey, compareColumns, Columns.of(vocabulary), orderColumn);
  }

  /** Adds a BYTES column of that name giving kamu-cli's offset order (see {@link Merge}, "Order"). */
  public SnapshotMerge withOrderColumn(String column) {
    return new SnapshotMerge(primaryKey, compareColumns, columns, checkName(column, "withOrderColumn"));
  }

  /** The key columns. */
  public PrimaryKey primaryKey() {
    return primaryKey;
  }

  @Override
  public MergeStrategy strategy() {
    return new MergeStrategySnapshot(primaryKey.columns(), compareColumns);
  }

  @Override
  public MergeResult expand(PCollectionTuple input) {
    String action = "merge snapshot";
    MergeInputs in = MergeInputs.of(input, action, columns);
    in.rejectOpColumn(columns, action);
    Schema newSchema = in.newRows().getSchema();
    primaryKey.checkColumns(newSchema, action, "the new rows");
    PCollection<Row> state = currentState(in, primaryKey, columns, action);
    OutputLayout layout = OutputLayout.create(newSchema, in.datasetSchema(), true, columns, Set.of(), orderColumn,
        action);
    List<String> compared = compared(newSchema, action);
    return KeyedMerge.apply(in.newRows(), state, primaryKey,
        new Diff(new MergeRows(action), compared, columns.eventTime()), layout, false, action);
  }

  private List<String> compared(Schema newSchema, String action) {
    if (compareColumns != null) {
      for (String c : compareColumns) {
        if (!newSchema.hasField(c)) {
          throw new IllegalArgumentException("Cannot " + action + ": the new rows have no compare column '" + c
              + "'; their columns are " + newSchema.getFieldNames());
        }
      }
      return compareColumns;
    }
    List<String> out = new ArrayList<>();
    for (String c : newSchema.getFieldNames()) {
      if (!primaryKey.columns().contains(c)) {
        out.add(c);
      }
    }
    return out;
  }

  /** The dataset's current state: the given state, the projected changelog, or null if the dataset is empty. */
  static @Nullable PCollection<Row> currentState(MergeInputs in, PrimaryKey primaryKey, Columns columns,
      String action) {
    PCollection<Row> existing = in.existing();
    if (existing == null) {
      return null;
    }
    primaryKey.checkColumns(existing.getSchema(), action, "the dataset's records");
    if (in.changelog() == null) {
      return existing;
    }
    return in.changelog().apply("Project the dataset to its current state",
        Changelog.currentState(primaryKey).withVocabulary(columns.vocabulary()));
  }

  /** The change data capture of one key. */
  private record Diff(MergeRows rows, List<String> compared, String eventTime) implements KeyMerger {
    @Override
    public void merge(String key, List<Row> news, List<Row> olds, Output out) {
      Row neu = rows.single(news, key);
      Row old = rows.state(olds, key);
      if (neu == null) {
        out.emit(old, Operation.RETRACT);
      } else if (old == null) {
        out.emit(neu, Operation.APPEND);
      } else if (MergeRows.changed(old, neu, compared, eventTime)) {
        out.emit(old, Operation.CORRECT_FROM);
        out.emit(neu, Operation.CORRECT_TO);
      }
    }
  }
}
