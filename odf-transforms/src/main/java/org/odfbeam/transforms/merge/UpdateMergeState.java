package org.odfbeam.transforms.merge;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Max;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.data.OdfSchemas;
import org.odfbeam.data.Vocabulary;
import org.odfbeam.transforms.changelog.Changelog;
import org.odfbeam.transforms.changelog.Operation;
import org.odfbeam.transforms.changelog.PrimaryKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The merge state after a {@link MergeWrite}'s commit, encoded as a {@link MergeCheckpoint}: given to
 * {@code OdfWrite.withCheckpointOfWrittenRecords}, it gets the records exactly as stored (offsets, system time and
 * filled-in event times included) and applies them to the state the merge started from, with
 * {@code Changelog.currentState}'s rule (per key the record with the greatest offset, absent if it is a
 * retraction; for {@link MergeCheckpoint.Kind#SEEN_KEYS} the union of the keys):
 * <ul>
 *   <li><b>From a checkpoint</b> ({@link #onCheckpoint}): the changes (the records committed after the checkpoint
 *       and the written ones, usually few) are gathered on one worker, which reads the checkpoint file itself and
 *       applies them: the old state never crosses a shuffle;
 *   <li><b>From rows</b> ({@link #onRows}: the projection of the whole changelog, or nothing for a new dataset): the
 *       rows and the written records are projected together, then gathered on one worker.
 * </ul>
 * Either way the result is what projecting the whole changelog after the commit gives. The checkpoint's last offset
 * is the greater of the dataset's before the commit and the last written offset. One worker holds the new state and
 * encodes it: one checkpoint file per commit.
 */
final class UpdateMergeState extends PTransform<PCollection<Row>, PCollection<byte[]>> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(UpdateMergeState.class);
  private static final String ACTION = "update merge state";

  private final MergeCheckpoint.Kind kind;
  private final PrimaryKey key;
  /** Construction-time only: the rows the merge started from, or the records after the checkpoint (or null). */
  private final transient @Nullable PCollection<Row> previous;
  private final @Nullable Long previousLastOffset;
  /** With a checkpoint: the dataset and the file's hash and schema; null for {@link #onRows}. */
  private final @Nullable String dataset;
  private final @Nullable String checkpoint;
  private final @Nullable Schema checkpointSchema;

  private UpdateMergeState(MergeCheckpoint.Kind kind, PrimaryKey key, @Nullable PCollection<Row> previous,
      @Nullable Long previousLastOffset, @Nullable String dataset, @Nullable String checkpoint,
      @Nullable Schema checkpointSchema) {
    this.kind = kind;
    this.key = key;
    this.previous = previous;
    this.previousLastOffset = previousLastOffset;
    this.dataset = dataset;
    this.checkpoint = checkpoint;
    this.checkpointSchema = checkpointSchema;
  }

  /**
   * The state {@code rows} (null: the dataset has no data) plus the written records.
   *
   * @param lastOffset the dataset's last offset before the commit
   */
  static UpdateMergeState onRows(MergeCheckpoint.Kind kind, PrimaryKey key, @Nullable PCollection<Row> rows,
      @Nullable Long lastOffset) {
    return new UpdateMergeState(kind, key, rows, lastOffset, null, null, null);
  }

  /**
   * The state in checkpoint file {@code hash} of {@code dataset} (rows of {@code schema}), plus the records
   * committed after it ({@code later}, null if none) and the written records.
   *
   * @param lastOffset the dataset's last offset before the commit
   */
  static UpdateMergeState onCheckpoint(MergeCheckpoint.Kind kind, PrimaryKey key, String dataset, String hash,
      Schema schema, @Nullable PCollection<Row> later, Long lastOffset) {
    return new UpdateMergeState(kind, key, later, lastOffset, dataset, hash, schema);
  }

  @Override
  public PCollection<byte[]> expand(PCollection<Row> written) {
    Schema target = written.getSchema();
    // The write emits its records with the system columns first, in this order, named by the dataset's vocabulary.
    Vocabulary vocabulary = new Vocabulary(target.getField(0).getName(), target.getField(1).getName(),
        target.getField(2).getName(), target.getField(3).getName());
    String offset = vocabulary.offsetColumn();
    PCollectionView<Long> lastWritten = written
        .apply("Take the offsets", MapElements.into(TypeDescriptors.longs()).via((Row r) -> r.getInt64(offset)))
        .apply("Find the last offset", Max.longsGlobally())
        .apply("Share the last offset", View.asSingleton());

    boolean keysOnly = kind == MergeCheckpoint.Kind.SEEN_KEYS;
    Schema stateSchema = keysOnly ? PriorMergeState.keyColumns(target, key) : target;
    List<PCollection<Row>> parts = new ArrayList<>();
    if (previous != null) {
      parts.add(previous.apply("Map the previous rows", ParDo.of(new ToSchema(stateSchema)))
          .setRowSchema(stateSchema));
    }
    parts.add(keysOnly
        ? written.apply("Keep the keys", ParDo.of(new ToSchema(stateSchema))).setRowSchema(stateSchema)
        : written);
    PCollection<Row> all = PCollectionList.of(parts).apply("Add the written records", Flatten.pCollections())
        .setRowSchema(stateSchema);
    Encode encode = new Encode(kind, key, stateSchema, vocabulary, previousLastOffset, lastWritten, dataset,
        checkpoint, checkpointSchema);
    PCollection<Row> state = all;
    if (checkpoint == null) { // the rows are the state: project them with the written records
      if (!keysOnly) {
        state = all.apply("Project to the current state", Changelog.currentState(key).withVocabulary(vocabulary));
      } else {
        PrimaryKey k = key;
        state = all
            .apply("Key the keys", WithKeys.of((Row r) -> k.encode(r, ACTION))
                .withKeyType(TypeDescriptor.of(byte[].class)))
            .setCoder(KvCoder.of(ByteArrayCoder.of(), RowCoder.of(stateSchema)))
            .apply("Keep each key once", Combine.<byte[], Row>perKey((Iterable<Row> same) -> same.iterator().next()))
            .apply("Drop the encoded keys", Values.create())
            .setRowSchema(stateSchema);
      }
    }
    return state
        .apply(checkpoint == null ? "Gather the state" : "Gather the changes", Combine.globally(new Gather(stateSchema)))
        .setCoder(ListCoder.of(RowCoder.of(stateSchema)))
        .apply("Encode the checkpoint", ParDo.of(encode).withSideInputs(lastWritten))
        .setCoder(ByteArrayCoder.of());
  }

  /**
   * A row's values in {@code schema} (that very object), by column name (null for the columns it lacks). Rows of a
   * schema with the same columns are re-wrapped, not compared with {@code Schema.equals}, which compares only UUIDs
   * when both schemas have one.
   */
  static Row toSchema(Row row, Schema schema) {
    if (row.getSchema() == schema) {
      return row;
    }
    if (OdfSchemas.sameColumns(row.getSchema(), schema)) {
      return Row.withSchema(schema).attachValues(new ArrayList<>(row.getValues()));
    }
    Object[] values = new Object[schema.getFieldCount()];
    for (int i = 0; i < values.length; i++) {
      String name = schema.getField(i).getName();
      values[i] = row.getSchema().hasField(name) ? row.getValue(name) : null;
    }
    return Row.withSchema(schema).attachValues(values);
  }

  /** Copies a row's values into {@code schema} by column name. */
  private static final class ToSchema extends DoFn<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Schema schema;

    ToSchema(Schema schema) {
      this.schema = schema;
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<Row> out) {
      out.output(toSchema(row, schema));
    }
  }

  /** All rows in one list. */
  private static final class Gather extends Combine.CombineFn<Row, List<Row>, List<Row>> {
    private static final long serialVersionUID = 1L;
    private final Schema schema;

    Gather(Schema schema) {
      this.schema = schema;
    }

    @Override
    public List<Row> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<Row> addInput(List<Row> rows, Row row) {
      rows.add(row);
      return rows;
    }

    @Override
    public List<Row> mergeAccumulators(Iterable<List<Row>> accumulators) {
      List<Row> all = new ArrayList<>();
      accumulators.forEach(all::addAll);
      return all;
    }

    @Override
    public List<Row> extractOutput(List<Row> rows) {
      return rows;
    }

    @Override
    public Coder<List<Row>> getAccumulatorCoder(CoderRegistry registry, Coder<Row> inputCoder) {
      return ListCoder.of(RowCoder.of(schema));
    }

    @Override
    public Coder<List<Row>> getDefaultOutputCoder(CoderRegistry registry, Coder<Row> inputCoder) {
      return ListCoder.of(RowCoder.of(schema));
    }
  }

  /**
   * Encodes the new state: the gathered rows (already the state), or the gathered changes applied to the
   * checkpoint file, read here.
   */
  private static final class Encode extends DoFn<List<Row>, byte[]> {
    private static final long serialVersionUID = 1L;
    private final MergeCheckpoint.Kind kind;
    private final PrimaryKey key;
    private final Schema schema;
    private final String offsetColumn;
    private final String opColumn;
    private final @Nullable Long previousLastOffset;
    private final PCollectionView<Long> lastWritten;
    private final @Nullable String dataset;
    private final @Nullable String checkpoint;
    private final @Nullable Schema checkpointSchema;

    Encode(MergeCheckpoint.Kind kind, PrimaryKey key, Schema schema, Vocabulary vocabulary,
        @Nullable Long previousLastOffset, PCollectionView<Long> lastWritten, @Nullable String dataset,
        @Nullable String checkpoint, @Nullable Schema checkpointSchema) {
      this.kind = kind;
      this.key = key;
      this.schema = schema;
      this.offsetColumn = vocabulary.offsetColumn();
      this.opColumn = vocabulary.operationTypeColumn();
      this.previousLastOffset = previousLastOffset;
      this.lastWritten = lastWritten;
      this.dataset = dataset;
      this.checkpoint = checkpoint;
      this.checkpointSchema = checkpointSchema;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      long start = System.nanoTime();
      long written = c.sideInput(lastWritten); // Long.MIN_VALUE when nothing was written
      Long lastOffset = previousLastOffset;
      if (written != Long.MIN_VALUE && (lastOffset == null || written > lastOffset)) {
        lastOffset = written;
      }
      List<KV<byte[], Row>> state = checkpoint == null ? keyed(c.element()) : applied(c.element());
      // Sorted here by keys encoded once, so that the checkpoint's own sort finds them in order.
      state.sort(Comparator.comparing(KV::getKey, Arrays::compareUnsigned));
      List<Row> sorted = new ArrayList<>(state.size());
      state.forEach(kv -> sorted.add(kv.getValue()));
      byte[] encoded = new MergeCheckpoint(kind, key, lastOffset, schema, sorted).encode();
      LOG.info("Encoded the merge state after offset {} ({} rows, {} bytes{}) in {} ms", lastOffset, sorted.size(),
          encoded.length, checkpoint == null ? "" : ", " + c.element().size() + " changes to checkpoint " + checkpoint,
          (System.nanoTime() - start) / 1_000_000);
      c.output(encoded);
    }

    private List<KV<byte[], Row>> keyed(List<Row> rows) {
      List<KV<byte[], Row>> out = new ArrayList<>(rows.size());
      for (Row r : rows) {
        out.add(KV.of(key.encode(r, ACTION), toSchema(r, schema)));
      }
      return out;
    }

    /** The checkpoint's rows with the changes applied (per key the latest change wins; a retraction removes). */
    private List<KV<byte[], Row>> applied(List<Row> changes) {
      Map<ByteBuffer, Row> latest = new HashMap<>();
      for (Row change : changes) {
        ByteBuffer k = ByteBuffer.wrap(key.encode(change, ACTION));
        Row seen = latest.get(k);
        if (kind == MergeCheckpoint.Kind.SEEN_KEYS || seen == null
            || change.getInt64(offsetColumn) > seen.getInt64(offsetColumn)) {
          latest.put(k, change);
        }
      }
      MergeCheckpoint saved = PriorMergeState.load(dataset, checkpoint, checkpointSchema);
      List<KV<byte[], Row>> out = new ArrayList<>(saved.rows().size() + latest.size());
      for (Row r : saved.rows()) {
        byte[] k = key.encode(r, ACTION);
        if (!latest.containsKey(ByteBuffer.wrap(k))) {
          out.add(KV.of(k, toSchema(r, schema)));
        }
      }
      for (Map.Entry<ByteBuffer, Row> e : latest.entrySet()) {
        Row r = e.getValue();
        if (kind == MergeCheckpoint.Kind.SEEN_KEYS || r.getInt32(opColumn) != Operation.RETRACT.code()) {
          out.add(KV.of(e.getKey().array(), toSchema(r, schema)));
        }
      }
      return out;
    }
  }
}
