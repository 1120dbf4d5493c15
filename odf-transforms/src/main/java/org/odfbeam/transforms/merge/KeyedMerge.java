package org.odfbeam.transforms.merge;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.transforms.changelog.OrderedBytes;
import org.odfbeam.transforms.changelog.Operation;
import org.odfbeam.transforms.changelog.PrimaryKey;

/**
 * The shape shared by the keyed strategies: key the new rows and the dataset's records by primary key,
 * {@code CoGroupByKey}, and apply a {@link KeyMerger} to each key. The order column of a key's {@code i}-th output
 * row is the key's {@link OrderedBytes} encoding followed by {@code i} (four big-endian bytes), so sorting by it
 * sorts by primary key, then by the merger's order within the key.
 */
final class KeyedMerge {
  private static final TupleTag<Row> NEW = new TupleTag<>("new");
  private static final TupleTag<Row> OLD = new TupleTag<>("old");

  private KeyedMerge() {}

  /**
   * @param existing the dataset's records, already projected if the merger needs the current state; null if none
   * @param rejects whether the rejected output is wanted
   */
  static MergeResult apply(PCollection<Row> newRows, @Nullable PCollection<Row> existing, PrimaryKey key,
      KeyMerger merger, OutputLayout layout, boolean rejects, String action) {
    PCollection<KV<byte[], Row>> newKeyed = keyed(newRows, key, action, "Key new rows by primary key");
    KeyedPCollectionTuple<byte[]> tuple = KeyedPCollectionTuple.of(NEW, newKeyed);
    if (existing != null) {
      tuple = tuple.and(OLD, keyed(existing, key, action, "Key dataset records by primary key"));
    }
    TupleTag<Row> rejected = new TupleTag<>("rejected");
    PCollectionTuple out = tuple
        .apply("Group by primary key", CoGroupByKey.create())
        .apply("Merge each key", ParDo.of(new MergeKeys(key, merger, layout, existing != null, rejected))
            .withOutputTags(MergeResult.ROWS, TupleTagList.of(rejected)));
    PCollection<Row> rows = out.get(MergeResult.ROWS).setRowSchema(layout.schema());
    PCollection<Row> rejectedRows = out.get(rejected).setRowSchema(newRows.getSchema());
    return MergeResult.of(rows, rejects ? rejectedRows : null);
  }

  private static PCollection<KV<byte[], Row>> keyed(PCollection<Row> rows, PrimaryKey key, String action,
      String name) {
    return rows
        .apply(name, WithKeys.of((Row r) -> key.encode(r, action)).withKeyType(TypeDescriptor.of(byte[].class)))
        .setCoder(KvCoder.of(ByteArrayCoder.of(), RowCoder.of(rows.getSchema())));
  }

  /** Applies the merger to each key's group. */
  private static final class MergeKeys extends DoFn<KV<byte[], CoGbkResult>, Row> {
    private static final long serialVersionUID = 1L;
    private static final byte[] EMPTY = new byte[0];

    private final PrimaryKey key;
    private final KeyMerger merger;
    private final OutputLayout layout;
    private final boolean hasOld;
    private final TupleTag<Row> rejected;

    MergeKeys(PrimaryKey key, KeyMerger merger, OutputLayout layout, boolean hasOld, TupleTag<Row> rejected) {
      this.key = key;
      this.merger = merger;
      this.layout = layout;
      this.hasOld = hasOld;
      this.rejected = rejected;
    }

    @ProcessElement
    public void process(@Element KV<byte[], CoGbkResult> group, MultiOutputReceiver out) {
      List<Row> news = list(group.getValue().getAll(NEW));
      List<Row> olds = hasOld ? list(group.getValue().getAll(OLD)) : List.of();
      Row any = news.isEmpty() ? olds.get(0) : news.get(0);
      String described = key.describe(any);
      byte[] prefix = group.getKey();
      int[] position = {0};
      merger.merge(described, news, olds, new KeyMerger.Output() {
        @Override
        public void emit(Row source, Operation op) {
          byte[] order = layout.unordered() ? null
              : merger.ordersByKey() ? OrderedBytes.withPosition(prefix, position[0]) : EMPTY;
          position[0]++;
          out.get(MergeResult.ROWS).output(layout.row(source, op, order));
        }

        @Override
        public void reject(Row input) {
          out.get(rejected).output(input);
        }
      });
    }

    private static List<Row> list(Iterable<Row> rows) {
      List<Row> out = new ArrayList<>();
      rows.forEach(out::add);
      return out;
    }
  }
}
