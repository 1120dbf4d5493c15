package org.odfbeam.transforms.merge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.core.model.MergeStrategy;
import org.odfbeam.core.model.MergeStrategyUpsertStream;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.data.Vocabulary;
import org.odfbeam.transforms.InvalidDataException;
import org.odfbeam.transforms.changelog.Operation;
import org.odfbeam.transforms.changelog.PrimaryKey;

/**
 * ODF's UpsertStream merge strategy: the new rows are insert-or-update and delete events carrying only the new
 * values; the merge looks up each key's current values and emits {@code +A}, {@code -C}/{@code +C} or {@code -R}.
 *
 * <pre>{@code
 * MergeResult merged = PCollectionTuple.of(Merge.NEW, upserts)      // [op,] seq, city, population
 *     .and(Merge.CHANGELOG, p.apply(OdfIO.read().from("/data/cities")))
 *     .apply(Merge.upsertStream("city").withSequenceColumn("seq"));
 * }</pre>
 *
 * <h2>Semantics</h2>
 * As kamu-cli ({@code kamu-data/kamu-cli:src/infra/ingest-datafusion/src/merge_strategies/upsert_stream.rs}): a
 * row whose {@code op} is {@code -R} (1) deletes its key; any other row (or every row, without an {@code op}
 * column) upserts it. Only each key's last row counts ("without intermediate updates"). Against the dataset's
 * current state ({@link org.odfbeam.transforms.changelog.Changelog#currentState}):
 * <ul>
 *   <li>upsert of an absent key: {@code +A} with the new values;
 *   <li>upsert of a present key whose values changed: {@code -C} with the old values, then {@code +C} with the new;
 *       unchanged: nothing. Compared are all columns but the key, {@code op} and the sequence column, with
 *       {@link SnapshotMerge}'s rules (a null new event time is no change);
 *   <li>delete of a present key: {@code -R} with the old values (the row's own values are ignored);
 *   <li>delete of an absent key: per {@link #withUnknownKeyRetractions}, by default {@code DROP} (kamu's
 *       behaviour), or {@code FAIL}, or {@code SIDE_OUTPUT} (the deciding input row is rejected).
 * </ul>
 * <b>Which row is last.</b> kamu takes the input order, which a {@code PCollection} does not have:
 * {@link #withSequenceColumn} names the column giving it. Without one, a key with several different rows fails with
 * an {@link InvalidDataException} naming the key (copies of one row are fine), as do several different rows sharing
 * the greatest sequence value.
 *
 * <p><b>Improvements over kamu-cli.</b> {@code op} values other than 0 to 3 and null key values fail, naming the
 * key and the value (kamu: "TODO: Validate op codes"); unknown-key deletes are configurable (kamu: "TODO:
 * Configure whether to tolerate retractions for non-observed records").
 *
 * <h2>Order</h2>
 * kamu-cli's: by primary key, then operation ({@code -C} before {@code +C}). See {@link Merge}, "Order".
 */
public final class UpsertStreamMerge extends MergeTransform {
  private static final long serialVersionUID = 1L;

  /** Default of {@link #withUnknownKeyRetractions}: kamu-cli's behaviour. */
  public static final UnknownKeyRetractions DEFAULT_UNKNOWN_KEY_RETRACTIONS = UnknownKeyRetractions.DROP;

  private final PrimaryKey primaryKey;
  private final Columns columns;
  private final @Nullable String orderColumn;
  private final @Nullable String sequenceColumn;
  private final UnknownKeyRetractions unknownKeys;

  private UpsertStreamMerge(PrimaryKey primaryKey, Columns columns, @Nullable String orderColumn,
      @Nullable String sequenceColumn, UnknownKeyRetractions unknownKeys) {
    this.primaryKey = primaryKey;
    this.columns = columns;
    this.orderColumn = orderColumn;
    this.sequenceColumn = sequenceColumn;
    this.unknownKeys = unknownKeys;
  }

  static UpsertStreamMerge of(PrimaryKey primaryKey) {
    return new UpsertStreamMerge(primaryKey, Columns.DEFAULT, null, null, DEFAULT_UNKNOWN_KEY_RETRACTIONS);
  }

  /** The dataset's column names, including the optional {@code op} column of the new rows (default {@link Vocabulary#DEFAULT}). */
  public UpsertStreamMerge withVocabulary(Vocabulary vocabulary) {
    Objects.requireNonNull(vocabulary, "withVocabulary() requires a vocabulary");
    return new UpsertStreamMerge(primaryKey, Columns.of(vocabulary), orderColumn, sequenceColumn, unknownKeys);
  }

  /** Adds a BYTES column of that name giving kamu-cli's offset order (see {@link Merge}, "Order"). */
  public UpsertStreamMerge withOrderColumn(String column) {
    return new UpsertStreamMerge(primaryKey, columns, checkName(column, "withOrderColumn"), sequenceColumn,
        unknownKeys);
  }

  /**
   * The new rows' column giving the source order (an integer, DATETIME, STRING or other orderable type; non-null);
   * a key's row with the greatest value is its last. Not part of the output.
   */
  public UpsertStreamMerge withSequenceColumn(String column) {
    return new UpsertStreamMerge(primaryKey, columns, orderColumn, checkName(column, "withSequenceColumn"),
        unknownKeys);
  }

  /** What to do with a delete of a key the dataset does not hold (default {@code DROP}, as kamu-cli). */
  public UpsertStreamMerge withUnknownKeyRetractions(UnknownKeyRetractions policy) {
    Objects.requireNonNull(policy, "withUnknownKeyRetractions() requires a policy");
    return new UpsertStreamMerge(primaryKey, columns, orderColumn, sequenceColumn, policy);
  }

  /** The key columns. */
  public PrimaryKey primaryKey() {
    return primaryKey;
  }

  @Override
  public MergeStrategy strategy() {
    return new MergeStrategyUpsertStream(primaryKey.columns());
  }

  @Override
  public MergeResult expand(PCollectionTuple input) {
    String action = "merge upsert stream";
    MergeInputs in = MergeInputs.of(input, action, columns);
    Schema newSchema = in.newRows().getSchema();
    primaryKey.checkColumns(newSchema, action, "the new rows");
    ChangelogStreamMerge.checkOpColumn(newSchema, columns.op(), action, false);
    ChangelogStreamMerge.checkSequenceColumn(newSchema, sequenceColumn, action);
    PCollection<Row> state = SnapshotMerge.currentState(in, primaryKey, columns, action);
    Set<String> excluded = new HashSet<>();
    excluded.add(columns.op());
    if (sequenceColumn != null) {
      excluded.add(sequenceColumn);
    }
    OutputLayout layout = OutputLayout.create(newSchema, in.datasetSchema(), true, columns, excluded, orderColumn,
        action);
    List<String> compared = new ArrayList<>();
    for (String c : layout.copiedColumns()) {
      if (newSchema.hasField(c) && !primaryKey.columns().contains(c)) {
        compared.add(c);
      }
    }
    String op = newSchema.hasField(columns.op()) ? columns.op() : null;
    return KeyedMerge.apply(in.newRows(), state, primaryKey,
        new Apply(new MergeRows(action), compared, columns.eventTime(), op, sequenceColumn, unknownKeys), layout,
        unknownKeys == UnknownKeyRetractions.SIDE_OUTPUT, action);
  }

  /** Reduces one key's upserts to its last and diffs it against the key's current state. */
  private record Apply(MergeRows rows, List<String> compared, String eventTime, @Nullable String opColumn,
      @Nullable String sequenceColumn, UnknownKeyRetractions unknownKeys) implements KeyMerger {

    @Override
    public void merge(String key, List<Row> news, List<Row> olds, Output out) {
      if (news.isEmpty()) {
        return;
      }
      Row last = last(news, key);
      Row old = rows.state(olds, key);
      boolean delete = opColumn != null && rows.op(last, opColumn, key) == Operation.RETRACT;
      if (delete) {
        if (old != null) {
          out.emit(old, Operation.RETRACT);
        } else {
          switch (unknownKeys) {
            case FAIL -> throw new InvalidDataException("Cannot " + rows.action() + ": -R record for key " + key
                + " deletes a key the dataset does not hold (withUnknownKeyRetractions(DROP or SIDE_OUTPUT)"
                + " tolerates this): " + last);
            case SIDE_OUTPUT -> out.reject(last);
            case DROP -> { }
            default -> throw new IllegalStateException(unknownKeys.toString());
          }
        }
      } else if (old == null) {
        out.emit(last, Operation.APPEND);
      } else if (MergeRows.changed(old, last, compared, eventTime)) {
        out.emit(old, Operation.CORRECT_FROM);
        out.emit(last, Operation.CORRECT_TO);
      }
    }

    /** The key's last row: the one with the greatest sequence value, or the only distinct row. */
    private Row last(List<Row> news, String key) {
      if (opColumn != null) {
        news.forEach(r -> rows.op(r, opColumn, key));
      }
      List<Row> candidates = news;
      if (sequenceColumn != null) {
        byte[] max = null;
        candidates = new ArrayList<>();
        for (Row r : news) {
          byte[] seq = rows.sequence(r, sequenceColumn, key);
          int c = max == null ? 1 : Arrays.compareUnsigned(seq, max);
          if (c > 0) {
            max = seq;
            candidates.clear();
          }
          if (c >= 0) {
            candidates.add(r);
          }
        }
      }
      List<Row> distinct = rows.distinct(candidates);
      if (distinct.size() > 1) {
        throw new InvalidDataException("Cannot " + rows.action() + ": key " + key + " has " + distinct.size()
            + " different records"
            + (sequenceColumn == null
                ? " in the new rows and no sequence column orders them (withSequenceColumn() names the column"
                    + " giving the source order): "
                : " with the greatest value of sequence column '" + sequenceColumn + "': ")
            + distinct);
      }
      return distinct.get(0);
    }
  }
}
