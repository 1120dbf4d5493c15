package org.odfbeam.transforms.changelog;

import java.util.Objects;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.odfbeam.data.Vocabulary;
import org.odfbeam.transforms.InvalidDataException;

/**
 * Projects a changelog (a dataset's records with their {@code offset} and {@code op}) to its current state by
 * primary key: for each key the record with the greatest offset, unless that record is a retraction ({@code -R}),
 * in which case the key is absent. Obtain it with {@link Changelog#currentState}.
 *
 * <pre>{@code
 * PCollection<Row> state = p
 *     .apply(OdfIO.read().from("/data/cities"))
 *     .apply(Changelog.currentState("city"));
 * }</pre>
 *
 * <p>This is kamu-cli's projection ({@code kamu-data/kamu-cli:src/odf/data-utils/src/data/changelog.rs},
 * {@code project}: {@code row_number() over (partition by pk order by offset desc) = 1 and op != -R}). The output
 * rows are input rows, unchanged and with the input's schema (system columns included); their order is unspecified.
 *
 * <h2>Guarantees</h2>
 * Bounded or unbounded input in the global window. Parallel: one combiner per key ({@code Combine.perKey}), so a
 * key's history is never held in memory at once.
 *
 * <h2>Errors</h2>
 * When applied: a missing key, offset or op column, an unorderable key column. On the workers
 * ({@link InvalidDataException}): a null key value, two different records with the same offset for a key.
 *
 * <h2>Limitations</h2>
 * A key whose latest record is a {@code -C} (a correction missing its {@code +C}: an invalid changelog) counts as
 * present with the {@code -C} values, as in kamu.
 */
public final class CurrentState extends PTransform<PCollection<Row>, PCollection<Row>> {
  private static final long serialVersionUID = 1L;

  private final PrimaryKey primaryKey;
  private final String offsetColumn;
  private final String opColumn;

  private CurrentState(PrimaryKey primaryKey, String offsetColumn, String opColumn) {
    this.primaryKey = primaryKey;
    this.offsetColumn = offsetColumn;
    this.opColumn = opColumn;
  }

  static CurrentState of(PrimaryKey primaryKey) {
    return new CurrentState(primaryKey, Vocabulary.DEFAULT.offsetColumn(), Vocabulary.DEFAULT.operationTypeColumn());
  }

  /** The names of the {@code offset} and {@code op} columns (default {@link Vocabulary#DEFAULT}). */
  public CurrentState withVocabulary(Vocabulary vocabulary) {
    Objects.requireNonNull(vocabulary, "withVocabulary() requires a vocabulary");
    return new CurrentState(primaryKey, vocabulary.offsetColumn(), vocabulary.operationTypeColumn());
  }

  /** The key columns. */
  public PrimaryKey primaryKey() {
    return primaryKey;
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> changelog) {
    String action = "project changelog";
    if (!changelog.hasSchema()) {
      throw new IllegalArgumentException("Cannot " + action + ": the input has no schema");
    }
    Schema schema = changelog.getSchema();
    primaryKey.checkColumns(schema, action, "the changelog rows");
    checkColumn(schema, offsetColumn, Schema.FieldType.INT64, action);
    checkColumn(schema, opColumn, Schema.FieldType.INT32, action);
    PrimaryKey key = primaryKey;
    String op = opColumn;
    return changelog
        .apply("Key records by primary key", WithKeys.of((Row r) -> key.encode(r, action))
            .withKeyType(TypeDescriptor.of(byte[].class)))
        .setCoder(KvCoder.of(ByteArrayCoder.of(), RowCoder.of(schema)))
        .apply("Keep the latest record of each key", Combine.perKey(new Latest(key, offsetColumn)))
        .apply("Drop the keys", Values.create())
        .apply("Drop retracted keys", Filter.by((Row r) -> r.getInt32(op) != Operation.RETRACT.code()))
        .setRowSchema(schema);
  }

  static void checkColumn(Schema schema, String column, Schema.FieldType type, String action) {
    if (!schema.hasField(column)) {
      throw new IllegalArgumentException("Cannot " + action + ": the changelog rows have no column '" + column
          + "'; their columns are " + schema.getFieldNames());
    }
    if (!schema.getField(column).getType().withNullable(false).equals(type)) {
      throw new IllegalArgumentException("Cannot " + action + ": column '" + column + "' must be " + type
          + ", but was " + schema.getField(column).getType());
    }
  }

  /** Keeps the record with the greater offset. */
  private static final class Latest extends Combine.BinaryCombineFn<Row> {
    private static final long serialVersionUID = 1L;
    private final PrimaryKey key;
    private final String offsetColumn;

    Latest(PrimaryKey key, String offsetColumn) {
      this.key = key;
      this.offsetColumn = offsetColumn;
    }

    @Override
    public Row apply(Row left, Row right) {
      long l = left.getInt64(offsetColumn);
      long r = right.getInt64(offsetColumn);
      if (l == r && !left.equals(right)) {
        throw new InvalidDataException("Cannot project changelog: offset " + l + " holds two different records"
            + " for key " + key.describe(left));
      }
      return l >= r ? left : right;
    }
  }
}
