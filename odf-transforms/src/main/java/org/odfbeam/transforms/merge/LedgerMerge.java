package org.odfbeam.transforms.merge;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.core.model.MergeStrategy;
import org.odfbeam.core.model.MergeStrategyLedger;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.data.Vocabulary;
import org.odfbeam.transforms.changelog.Operation;
import org.odfbeam.transforms.changelog.PrimaryKey;

/**
 * ODF's Ledger merge strategy: new rows whose primary key the dataset has not seen are appended ({@code +A}); rows
 * of seen keys are dropped. For sources that re-deliver overlapping parts of an append-only ledger.
 *
 * <pre>{@code
 * MergeResult merged = PCollectionTuple.of(Merge.NEW, rows)
 *     .and(Merge.CHANGELOG, p.apply(OdfIO.read().from("/data/trades").withColumns("trade_id")))
 *     .apply(Merge.ledger("trade_id"));
 * }</pre>
 *
 * <h2>Semantics</h2>
 * As kamu-cli ({@code kamu-data/kamu-cli:src/infra/ingest-datafusion/src/merge_strategies/ledger.rs}, a left anti
 * join of the new rows with every previous record on the key): a key counts as seen if any record of the dataset
 * has it, whatever its {@code op}; with {@link Merge#STATE} the given rows are the seen keys (only their key columns
 * are read, so a checkpoint of keys suffices). The dataset's records need only the key columns.
 *
 * <p><b>Improvements over kamu-cli.</b> Within one input, copies of a row count once (kamu appends each), and
 * different rows with the same key fail with an {@link org.odfbeam.transforms.InvalidDataException} naming the key
 * (kamu appends both, leaving a ledger whose key is not unique). A null key value fails (SQL joins never match
 * nulls, so kamu re-appends such rows on every run).
 *
 * <h2>Order</h2>
 * As kamu-cli: by event time. The order column, if requested, is empty: the write's event time order applies.
 */
public final class LedgerMerge extends MergeTransform {
  private static final long serialVersionUID = 1L;

  private final PrimaryKey primaryKey;
  private final Columns columns;
  private final @Nullable String orderColumn;

  private LedgerMerge(PrimaryKey primaryKey, Columns columns, @Nullable String orderColumn) {
    this.primaryKey = primaryKey;
    this.columns = columns;
    this.orderColumn = orderColumn;
  }

  static LedgerMerge of(PrimaryKey primaryKey) {
    return new LedgerMerge(primaryKey, Columns.DEFAULT, null);
  }

  /** The dataset's column names (default {@link Vocabulary#DEFAULT}). */
  public LedgerMerge withVocabulary(Vocabulary vocabulary) {
    Objects.requireNonNull(vocabulary, "withVocabulary() requires a vocabulary");
    return new LedgerMerge(primaryKey, Columns.of(vocabulary), orderColumn);
  }

  /** Adds a BYTES column of that name giving kamu-cli's offset order (see {@link Merge}, "Order"). */
  public LedgerMerge withOrderColumn(String column) {
    return new LedgerMerge(primaryKey, columns, checkName(column, "withOrderColumn"));
  }

  /** The key columns. */
  public PrimaryKey primaryKey() {
    return primaryKey;
  }

  @Override
  public MergeStrategy strategy() {
    return new MergeStrategyLedger(primaryKey.columns());
  }

  @Override
  public MergeResult expand(PCollectionTuple input) {
    String action = "merge ledger";
    MergeInputs in = MergeInputs.of(input, action, columns);
    in.rejectOpColumn(columns, action);
    primaryKey.checkColumns(in.newRows().getSchema(), action, "the new rows");
    PCollection<Row> existing = in.existing();
    if (existing != null) {
      primaryKey.checkColumns(existing.getSchema(), action, "the dataset's records");
    }
    OutputLayout layout = OutputLayout.create(in.newRows().getSchema(), null, false, columns, Set.of(),
        orderColumn, action);
    return KeyedMerge.apply(in.newRows(), existing, primaryKey, new Unseen(new MergeRows(action)), layout, false,
        action);
  }

  /** Appends the key's row if the dataset has no record of the key. */
  private record Unseen(MergeRows rows) implements KeyMerger {
    @Override
    public void merge(String key, List<Row> news, List<Row> olds, Output out) {
      if (!olds.isEmpty()) {
        return;
      }
      Row row = rows.single(news, key);
      if (row != null) {
        out.emit(row, Operation.APPEND);
      }
    }

    @Override
    public boolean ordersByKey() {
      return false;
    }
  }
}
