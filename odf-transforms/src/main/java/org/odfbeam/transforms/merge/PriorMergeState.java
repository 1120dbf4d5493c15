package org.odfbeam.transforms.merge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.core.chain.BlockRef;
import org.odfbeam.core.chain.ChainState;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.model.Checkpoint;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.model.SetVocab;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.core.storage.ObjectKind;
import org.odfbeam.data.OdfSchemas;
import org.odfbeam.data.Vocabulary;
import org.odfbeam.io.OdfIO;
import org.odfbeam.io.OdfRead;
import org.odfbeam.transforms.changelog.Changelog;
import org.odfbeam.transforms.changelog.PrimaryKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a {@link MergeWrite} takes the dataset's merge state from, decided when the pipeline is built: from the
 * newest {@code AddData} checkpoint that is a {@link MergeCheckpoint} of the same kind, key and schema, plus the
 * records committed after it, else from the whole changelog.
 *
 * @param head the dataset's head (multibase) when planned; null if it has no blocks
 * @param lastOffset the dataset's last offset at {@code head}; null if it has no data
 * @param vocabulary the dataset's vocabulary; null if it has no blocks
 * @param schema the rows a full read returns (the dataset's schema at {@code head}); null if it has no schema
 * @param checkpoint the usable checkpoint file, or null
 * @param header that checkpoint's header, or null
 * @param unusable why the newest checkpoint found is not used (null if it is used or there is none)
 */
record PriorMergeState(@Nullable String head, @Nullable Long lastOffset, @Nullable Vocabulary vocabulary,
    @Nullable Schema schema, @Nullable Multihash checkpoint, @Nullable MergeCheckpoint.Header header,
    @Nullable String unusable) {
  private static final Logger LOG = LoggerFactory.getLogger(PriorMergeState.class);

  /** How much of a checkpoint file is read to decode its header (a schema of thousands of columns fits). */
  private static final int HEADER_PREFIX = 1 << 20;

  /** Reads the dataset's chain now and decides where the state of a merge of {@code kind} by {@code key} comes from. */
  static PriorMergeState plan(String dataset, MergeCheckpoint.Kind kind, PrimaryKey key) {
    LocalFsDatasetStorage storage = LocalFsDatasetStorage.open(dataset);
    if (storage.readHead().isEmpty()) {
      return new PriorMergeState(null, null, null, null, null, null, null);
    }
    MetadataChain chain = new MetadataChain(storage);
    ChainState state = chain.state();
    String head = state.headHash().toString();
    Vocabulary vocabulary = Vocabulary.DEFAULT;
    AddData withCheckpoint = null;
    for (BlockRef ref : (Iterable<BlockRef>) chain.blocks()::iterator) {
      if (withCheckpoint == null && ref.block().event() instanceof AddData a && a.newCheckpoint() != null) {
        withCheckpoint = a;
      }
      if (ref.block().event() instanceof SetVocab v) {
        vocabulary = Vocabulary.of(v);
        break; // the newest SetVocab; any checkpoint older than it predates the vocabulary
      }
    }
    Schema schema = state.currentSchema() == null ? null : OdfSchemas.toBeam(state.currentSchema());
    if (state.lastOffset() == null || schema == null) {
      return new PriorMergeState(head, null, vocabulary, schema, null, null, null);
    }
    if (withCheckpoint == null) {
      return new PriorMergeState(head, state.lastOffset(), vocabulary, schema, null, null, null);
    }
    Checkpoint c = withCheckpoint.newCheckpoint();
    Long offsetThen = withCheckpoint.newData() != null ? Long.valueOf(withCheckpoint.newData().offsetInterval().end())
        : withCheckpoint.prevOffset();
    Schema expected = kind == MergeCheckpoint.Kind.SEEN_KEYS ? keyColumns(schema, key) : schema;
    MergeCheckpoint.Header header = null;
    String unusable;
    try {
      header = readHeader(storage, c);
      unusable = mismatch(header, kind, key, offsetThen, expected);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      unusable = e.getMessage();
    }
    if (unusable != null) {
      return new PriorMergeState(head, state.lastOffset(), vocabulary, schema, null, null,
          "checkpoint " + c.physicalHash() + " " + unusable);
    }
    return new PriorMergeState(head, state.lastOffset(), vocabulary, schema, c.physicalHash(), header, null);
  }

  /** The header of checkpoint {@code c}, after checking that the file exists and has the declared size. */
  private static MergeCheckpoint.Header readHeader(LocalFsDatasetStorage storage, Checkpoint c) {
    if (!storage.containsObject(ObjectKind.CHECKPOINT, c.physicalHash())) {
      throw new IllegalArgumentException("is missing from " + storage.objectPath(ObjectKind.CHECKPOINT,
          c.physicalHash()));
    }
    long size = storage.objectSize(ObjectKind.CHECKPOINT, c.physicalHash());
    if (size != c.size()) {
      throw new IllegalArgumentException("has " + size + " bytes, but its block declares " + c.size());
    }
    if (size > HEADER_PREFIX) {
      try (InputStream in = storage.openObject(ObjectKind.CHECKPOINT, c.physicalHash())) {
        return MergeCheckpoint.header(in.readNBytes(HEADER_PREFIX));
      } catch (IllegalArgumentException e) {
        // A header longer than the prefix: read the whole file.
      } catch (IOException e) {
        throw new UncheckedIOException("cannot be read: " + e, e);
      }
    }
    return MergeCheckpoint.header(storage.readObject(ObjectKind.CHECKPOINT, c.physicalHash()));
  }

  /** Why a checkpoint with {@code header} cannot stand for the state of this merge, or null if it can. */
  private static @Nullable String mismatch(MergeCheckpoint.Header header, MergeCheckpoint.Kind kind, PrimaryKey key,
      @Nullable Long offsetThen, Schema expected) {
    if (header.kind() != kind) {
      return "holds " + header.kind() + ", this merge keeps " + kind;
    }
    if (!header.primaryKey().equals(key)) {
      return "is keyed by " + header.primaryKey() + ", this merge by " + key;
    }
    if (!java.util.Objects.equals(header.lastOffset(), offsetThen)) {
      return "reflects records up to offset " + header.lastOffset() + ", but its block ends at offset " + offsetThen;
    }
    if (!OdfSchemas.sameColumns(header.schema(), expected)) {
      return "has rows of schema " + header.schema() + ", but the dataset's are now " + expected;
    }
    return null;
  }

  /** The key columns of {@code schema}, as {@code OdfIO.read().withColumns(key)} returns them. */
  static Schema keyColumns(Schema schema, PrimaryKey key) {
    Schema.Builder b = Schema.builder();
    for (String c : key.columns()) {
      b.addField(schema.getField(c));
    }
    return b.build();
  }

  /** Whether the dataset holds records (else the merge has no state). */
  boolean hasData() {
    return lastOffset != null;
  }

  /**
   * The state read for a merge.
   *
   * @param rows for {@link MergeCheckpoint.Kind#CURRENT_STATE} one record per live key (system columns included),
   *     for {@link MergeCheckpoint.Kind#SEEN_KEYS} the key columns of the dataset's records (a key may repeat)
   * @param later the records committed after the checkpoint (in the dataset's schema, or its key columns), null
   *     when there are none or no checkpoint is used
   */
  record Read(PCollection<Row> rows, @Nullable PCollection<Row> later) {}

  /** The dataset's state as the merge needs it; null if the dataset has no data. */
  @Nullable Read read(Pipeline p, String dataset, MergeCheckpoint.Kind kind, PrimaryKey key) {
    if (!hasData()) {
      return null;
    }
    boolean keysOnly = kind == MergeCheckpoint.Kind.SEEN_KEYS;
    OdfRead read = OdfIO.read().from(dataset).asOfBlock(head);
    if (keysOnly) {
      read = read.withColumns(key.columns().toArray(String[]::new));
    }
    PCollection<Row> records;
    PCollection<Row> later = null;
    if (checkpoint == null) {
      LOG.info("Merge into dataset {}: the state comes from all {} records{}", dataset, lastOffset + 1,
          unusable == null ? " (no checkpoint yet)" : " (" + unusable + ")");
      records = p.apply("Read the dataset", read);
    } else {
      PCollection<Row> saved = p
          .apply("Name the checkpoint", Create.of(checkpoint.toString()).withCoder(StringUtf8Coder.of()))
          .apply("Read the checkpoint", ParDo.of(new ReadCheckpointRows(dataset, header.schema())))
          .setRowSchema(header.schema()); // no Reshuffle: the merge groups the rows by key right after
      long from = header.lastOffset() == null ? 0 : header.lastOffset() + 1;
      LOG.info("Merge into dataset {}: the state comes from checkpoint {} ({} rows up to offset {}){}", dataset,
          checkpoint, header.rowCount(), header.lastOffset(),
          from > lastOffset ? "" : " and the " + (lastOffset - from + 1) + " records after it");
      if (from > lastOffset) {
        return new Read(saved, null);
      }
      later = p.apply("Read the records after the checkpoint", read.withOffsetRange(from, lastOffset));
      records = PCollectionList.of(List.of(saved, later)).apply("Add them to the checkpoint", Flatten.pCollections())
          .setRowSchema(header.schema());
    }
    if (keysOnly) {
      return new Read(records, later);
    }
    return new Read(records.apply("Project the dataset to its current state",
        Changelog.currentState(key).withVocabulary(vocabulary)), later);
  }

  /** Reads the rows of one checkpoint file, checking its hash and schema. */
  private static final class ReadCheckpointRows extends DoFn<String, Row> {
    private static final long serialVersionUID = 1L;
    private final String dataset;
    private final Schema schema;

    ReadCheckpointRows(String dataset, Schema schema) {
      this.dataset = dataset;
      this.schema = schema;
    }

    @ProcessElement
    public void process(@Element String hash, OutputReceiver<Row> out) {
      load(dataset, hash, schema).rows().forEach(out::output);
    }
  }

  /**
   * Reads and decodes a checkpoint file on a worker, checking its hash and that its rows have {@code schema} (as
   * planned).
   */
  static MergeCheckpoint load(String dataset, String hash, Schema schema) {
    long start = System.nanoTime();
    LocalFsDatasetStorage storage = LocalFsDatasetStorage.open(dataset);
    Multihash expected = Multihash.parse(hash);
    byte[] bytes = storage.readObject(ObjectKind.CHECKPOINT, expected);
    Multihash actual = Multihash.sha3_256(bytes);
    if (!actual.equals(expected)) {
      throw new IllegalStateException("Cannot read merge checkpoint " + storage.objectPath(ObjectKind.CHECKPOINT,
          expected) + ": its content hashes to " + actual + "; the file is corrupt (`odf verify` reports it)");
    }
    MergeCheckpoint decoded = MergeCheckpoint.decode(bytes);
    if (!OdfSchemas.sameColumns(decoded.schema(), schema)) {
      throw new IllegalStateException("Cannot read merge checkpoint " + hash + ": its schema " + decoded.schema()
          + " is not the one planned, " + schema);
    }
    LOG.info("Read merge checkpoint {} ({} rows, {} bytes) in {} ms", hash, decoded.rows().size(), bytes.length,
        (System.nanoTime() - start) / 1_000_000);
    return decoded;
  }
}
