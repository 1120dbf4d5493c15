package org.odfbeam.transforms.merge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.core.model.MergeStrategy;
import org.odfbeam.core.model.MergeStrategyChangelogStream;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.data.Vocabulary;
import org.odfbeam.transforms.InvalidDataException;
import org.odfbeam.transforms.changelog.Operation;
import org.odfbeam.transforms.changelog.OrderedBytes;
import org.odfbeam.transforms.changelog.PrimaryKey;

/**
 * ODF's ChangelogStream merge strategy: the new rows already are a changelog (an {@code op} column with
 * {@code +A}, {@code -R}, {@code -C}, {@code +C}); the merge validates it and passes it through.
 *
 * <pre>{@code
 * MergeResult merged = PCollectionTuple.of(Merge.NEW, cdcEvents)             // op, lsn, city, population
 *     .and(Merge.CHANGELOG, p.apply(OdfIO.read().from("/data/cities")))
 *     .apply(Merge.changelogStream("city")
 *         .withSequenceColumn("lsn")                                          // source order within a key
 *         .withUnknownKeyRetractions(UnknownKeyRetractions.SIDE_OUTPUT));
 * merged.rows().apply(...);                                                  // to append
 * merged.rejected().apply(...);                                              // -R/-C of unknown keys
 * }</pre>
 *
 * <h2>Semantics</h2>
 * As kamu-cli ({@code kamu-data/kamu-cli:src/infra/ingest-datafusion/src/merge_strategies/changelog_stream.rs}):
 * records pass unchanged (the sequence column is dropped). kamu validates only that the key and {@code op} columns
 * exist; this transform validates the changelog, per key, in order:
 * <ul>
 *   <li>{@code op} must be 0 to 3;
 *   <li>a {@code -C} must be immediately followed by a {@code +C} of the same key, and a {@code +C} must follow a
 *       {@code -C}; otherwise an {@link InvalidDataException} names the key (a correction that changes the key is
 *       a {@code -R} and a {@code +A});
 *   <li>a {@code -R}, or a {@code -C}/{@code +C} pair, for a key absent from the dataset's current state (and not
 *       appended earlier in the input) is handled as {@link #withUnknownKeyRetractions} says: {@code FAIL} (the
 *       default), {@code DROP} or {@code SIDE_OUTPUT}. kamu passes it through.
 * </ul>
 * <b>Order within a key.</b> A {@code PCollection} has no order, so the source order must be a column:
 * {@link #withSequenceColumn} orders a key's records by it (ties by operation type). Without it a key's records are
 * ordered by operation type, which is kamu-cli's output order ({@code sort_order}: key, then op) and is right only
 * if a key has at most one event per input, e.g. {@code +A}, or {@code -C +C}; a second correction of a key then
 * fails as a {@code -C} not followed by its {@code +C} instead of being silently reordered as kamu does.
 *
 * <h2>Order</h2>
 * By primary key, then the order within the key above (kamu-cli's order when there is no sequence column). See
 * {@link Merge}, "Order".
 */
public final class ChangelogStreamMerge extends MergeTransform {
  private static final long serialVersionUID = 1L;

  /** Default of {@link #withUnknownKeyRetractions}. */
  public static final UnknownKeyRetractions DEFAULT_UNKNOWN_KEY_RETRACTIONS = UnknownKeyRetractions.FAIL;

  private final PrimaryKey primaryKey;
  private final Columns columns;
  private final @Nullable String orderColumn;
  private final @Nullable String sequenceColumn;
  private final UnknownKeyRetractions unknownKeys;

  private ChangelogStreamMerge(PrimaryKey primaryKey, Columns columns, @Nullable String orderColumn,
      @Nullable String sequenceColumn, UnknownKeyRetractions unknownKeys) {
    this.primaryKey = primaryKey;
    this.columns = columns;
    this.orderColumn = orderColumn;
    this.sequenceColumn = sequenceColumn;
    this.unknownKeys = unknownKeys;
  }

  static ChangelogStreamMerge of(PrimaryKey primaryKey) {
    return new ChangelogStreamMerge(primaryKey, Columns.DEFAULT, null, null, DEFAULT_UNKNOWN_KEY_RETRACTIONS);
  }

  /** The dataset's column names, including the {@code op} column read from the new rows (default {@link Vocabulary#DEFAULT}). */
  public ChangelogStreamMerge withVocabulary(Vocabulary vocabulary) {
    Objects.requireNonNull(vocabulary, "withVocabulary() requires a vocabulary");
    return new ChangelogStreamMerge(primaryKey, Columns.of(vocabulary), orderColumn, sequenceColumn, unknownKeys);
  }

  /** Adds a BYTES column of that name giving the offset order (see {@link Merge}, "Order"). */
  public ChangelogStreamMerge withOrderColumn(String column) {
    return new ChangelogStreamMerge(primaryKey, columns, checkName(column, "withOrderColumn"), sequenceColumn,
        unknownKeys);
  }

  /**
   * The new rows' column giving the source order (an integer, DATETIME, STRING or other orderable type; non-null);
   * a key's records are applied in its order. Not part of the output.
   */
  public ChangelogStreamMerge withSequenceColumn(String column) {
    return new ChangelogStreamMerge(primaryKey, columns, orderColumn, checkName(column, "withSequenceColumn"),
        unknownKeys);
  }

  /** What to do with a retraction or correction of a key the dataset does not hold (default {@code FAIL}). */
  public ChangelogStreamMerge withUnknownKeyRetractions(UnknownKeyRetractions policy) {
    Objects.requireNonNull(policy, "withUnknownKeyRetractions() requires a policy");
    return new ChangelogStreamMerge(primaryKey, columns, orderColumn, sequenceColumn, policy);
  }

  /** The key columns. */
  public PrimaryKey primaryKey() {
    return primaryKey;
  }

  @Override
  public MergeStrategy strategy() {
    return new MergeStrategyChangelogStream(primaryKey.columns());
  }

  @Override
  public MergeResult expand(PCollectionTuple input) {
    String action = "merge changelog stream";
    MergeInputs in = MergeInputs.of(input, action, columns);
    Schema newSchema = in.newRows().getSchema();
    primaryKey.checkColumns(newSchema, action, "the new rows");
    checkOpColumn(newSchema, columns.op(), action, true);
    checkSequenceColumn(newSchema, sequenceColumn, action);
    PCollection<Row> state = SnapshotMerge.currentState(in, primaryKey, columns, action);
    Set<String> excluded = new HashSet<>();
    excluded.add(columns.op());
    if (sequenceColumn != null) {
      excluded.add(sequenceColumn);
    }
    OutputLayout layout = OutputLayout.create(newSchema, in.datasetSchema(), false, columns, excluded, orderColumn,
        action);
    return KeyedMerge.apply(in.newRows(), state, primaryKey,
        new Apply(new MergeRows(action), columns.op(), sequenceColumn, unknownKeys), layout,
        unknownKeys == UnknownKeyRetractions.SIDE_OUTPUT, action);
  }

  static void checkOpColumn(Schema schema, String opColumn, String action, boolean required) {
    if (!schema.hasField(opColumn)) {
      if (required) {
        throw new IllegalArgumentException("Cannot " + action + ": the new rows have no '" + opColumn
            + "' column; their columns are " + schema.getFieldNames());
      }
      return;
    }
    if (!schema.getField(opColumn).getType().withNullable(false).equals(Schema.FieldType.INT32)) {
      throw new IllegalArgumentException("Cannot " + action + ": column '" + opColumn + "' must be INT32, but was "
          + schema.getField(opColumn).getType());
    }
  }

  static void checkSequenceColumn(Schema schema, @Nullable String sequenceColumn, String action) {
    if (sequenceColumn == null) {
      return;
    }
    if (!schema.hasField(sequenceColumn)) {
      throw new IllegalArgumentException("Cannot " + action + ": the new rows have no sequence column '"
          + sequenceColumn + "'; their columns are " + schema.getFieldNames());
    }
    OrderedBytes.checkOrderable(schema.getField(sequenceColumn).getType(), sequenceColumn, action);
  }

  /** Validates and applies one key's records in order. */
  private record Apply(MergeRows rows, String opColumn, @Nullable String sequenceColumn,
      UnknownKeyRetractions unknownKeys) implements KeyMerger {

    @Override
    public void merge(String key, List<Row> news, List<Row> olds, Output out) {
      List<Row> ordered = order(news, key);
      boolean present = rows.state(olds, key) != null;
      for (int i = 0; i < ordered.size(); i++) {
        Row r = ordered.get(i);
        Operation op = rows.op(r, opColumn, key);
        switch (op) {
          case APPEND -> {
            out.emit(r, Operation.APPEND);
            present = true;
          }
          case RETRACT -> {
            if (present) {
              out.emit(r, Operation.RETRACT);
              present = false;
            } else {
              unknown(key, List.of(r), out);
            }
          }
          case CORRECT_FROM -> {
            Row next = i + 1 < ordered.size() ? ordered.get(i + 1) : null;
            if (next == null || rows.op(next, opColumn, key) != Operation.CORRECT_TO) {
              throw new InvalidDataException("Cannot " + rows.action() + ": the -C record for key " + key
                  + " is not immediately followed by a +C record of the same key"
                  + (next == null ? " (it is the key's last record)" : " (the next is " + next + ")")
                  + hint() + "; -C record: " + r);
            }
            if (present) {
              out.emit(r, Operation.CORRECT_FROM);
              out.emit(next, Operation.CORRECT_TO);
            } else if (unknownKeys == UnknownKeyRetractions.DROP) {
              out.emit(next, Operation.APPEND);
              present = true;
            } else {
              unknown(key, List.of(r, next), out);
            }
            i++;
          }
          case CORRECT_TO -> throw new InvalidDataException("Cannot " + rows.action() + ": the +C record for key "
              + key + " does not immediately follow a -C record of the same key" + hint() + "; +C record: " + r);
          default -> throw new IllegalStateException(op.toString());
        }
      }
    }

    private String hint() {
      return sequenceColumn != null ? ""
          : " (without withSequenceColumn() a key's records are ordered by operation type, so an input can hold"
              + " at most one correction per key)";
    }

    private void unknown(String key, List<Row> records, Output out) {
      switch (unknownKeys) {
        case FAIL -> throw new InvalidDataException("Cannot " + rows.action() + ": "
            + rows.op(records.get(0), opColumn, key).shortCode() + " record for key " + key
            + " retracts a key the dataset does not hold (withUnknownKeyRetractions(DROP or SIDE_OUTPUT) tolerates"
            + " this): " + records.get(0));
        case SIDE_OUTPUT -> records.forEach(out::reject);
        case DROP -> { }
        default -> throw new IllegalStateException(unknownKeys.toString());
      }
    }

    /** The key's records by sequence (if any), then operation type, then encoding (for determinism). */
    private List<Row> order(List<Row> news, String key) {
      List<Row> sorted = new ArrayList<>(news);
      Comparator<Row> byOp = Comparator.comparingInt(r -> rows.op(r, opColumn, key).code());
      Comparator<Row> order = byOp.thenComparing(rows::bytes, Arrays::compareUnsigned);
      if (sequenceColumn != null) {
        Comparator<Row> bySeq = Comparator.comparing(r -> rows.sequence(r, sequenceColumn, key),
            Arrays::compareUnsigned);
        order = bySeq.thenComparing(order);
      }
      sorted.sort(order);
      return sorted;
    }
  }
}
