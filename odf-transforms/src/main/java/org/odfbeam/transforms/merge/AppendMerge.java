package org.odfbeam.transforms.merge;

import java.util.Objects;
import java.util.Set;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.core.model.MergeStrategy;
import org.odfbeam.core.model.MergeStrategyAppend;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.data.Vocabulary;
import org.odfbeam.transforms.changelog.Operation;

/**
 * ODF's Append merge strategy: every new row is appended ({@code op} = {@code +A}), without deduplication. The
 * dataset's records are not needed (a {@link Merge#CHANGELOG} or {@link Merge#STATE} input is ignored).
 *
 * <pre>{@code
 * MergeResult merged = PCollectionTuple.of(Merge.NEW, rows).apply(Merge.append());
 * }</pre>
 *
 * <p>As kamu-cli ({@code kamu-data/kamu-cli:src/infra/ingest-datafusion/src/merge_strategies/append.rs}): rows
 * pass unchanged with {@code op} = 0; offsets follow event time. The order column, if requested, is empty for every
 * row: the order is the write's event time order.
 */
public final class AppendMerge extends MergeTransform {
  private static final long serialVersionUID = 1L;

  private final Columns columns;
  private final @Nullable String orderColumn;

  private AppendMerge(Columns columns, @Nullable String orderColumn) {
    this.columns = columns;
    this.orderColumn = orderColumn;
  }

  static AppendMerge create() {
    return new AppendMerge(Columns.DEFAULT, null);
  }

  /** The dataset's column names (default {@link Vocabulary#DEFAULT}). */
  public AppendMerge withVocabulary(Vocabulary vocabulary) {
    Objects.requireNonNull(vocabulary, "withVocabulary() requires a vocabulary");
    return new AppendMerge(Columns.of(vocabulary), orderColumn);
  }

  /** Adds a BYTES column of that name giving kamu-cli's offset order (see {@link Merge}, "Order"). */
  public AppendMerge withOrderColumn(String column) {
    return new AppendMerge(columns, checkName(column, "withOrderColumn"));
  }

  @Override
  public MergeStrategy strategy() {
    return new MergeStrategyAppend();
  }

  @Override
  public MergeResult expand(PCollectionTuple input) {
    String action = "merge append";
    MergeInputs in = MergeInputs.of(input, action, columns);
    in.rejectOpColumn(columns, action);
    OutputLayout layout = OutputLayout.create(in.newRows().getSchema(), null, false, columns, Set.of(),
        orderColumn, action);
    PCollection<Row> rows = in.newRows()
        .apply("Mark rows as appends", ParDo.of(new MarkAppends(layout)))
        .setRowSchema(layout.schema());
    return MergeResult.of(rows, null);
  }

  private static final class MarkAppends extends DoFn<Row, Row> {
    private static final long serialVersionUID = 1L;
    private static final byte[] EMPTY = new byte[0];
    private final OutputLayout layout;

    MarkAppends(OutputLayout layout) {
      this.layout = layout;
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<Row> out) {
      out.output(layout.row(row, Operation.APPEND, EMPTY));
    }
  }
}
