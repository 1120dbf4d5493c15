package org.odfbeam.io;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;
import org.odfbeam.core.chain.BlockRef;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.codec.MetadataBlockCodec;
import org.odfbeam.core.identity.DatasetAlias;
import org.odfbeam.core.identity.DatasetIdentity;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.model.Checkpoint;
import org.odfbeam.core.model.DataEvent;
import org.odfbeam.core.model.DataSlice;
import org.odfbeam.core.model.DatasetKind;
import org.odfbeam.core.model.ExecuteTransform;
import org.odfbeam.core.model.ExecuteTransformInput;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.model.MetadataEvent;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.model.Seed;
import org.odfbeam.core.model.SetInfo;
import org.odfbeam.core.model.SetLicense;
import org.odfbeam.core.model.SourceState;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.core.storage.RefCasException;
import org.odfbeam.data.OdfSchemas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single commit step: appends the blocks naming the written slices to the dataset's metadata chain.
 *
 * <h2>Protocol</h2>
 * <ol>
 *   <li><b>Plan</b> ({@link PlanCommit}, once per run): read {@code refs/head} (the <em>expected head</em>), the
 *       last offset, watermark and schema; nothing is persisted.
 *   <li><b>Write data</b> ({@link WriteSlices}, parallel): each slice is written to {@code .staging/} and moved to
 *       {@code data/<physical hash>}. Persisted: data files no block references yet (invisible to readers).
 *   <li><b>Commit</b> (this DoFn; all slice descriptors, the plan and the checkpoint, if any, grouped under the
 *       dataset's key, so exactly one call per run): build [Seed, SetInfo, SetLicense,] [SetTransform,]
 *       [SetVocab,] [SetDataSchema,] and one data event per slice in slice order, each with {@code prevOffset},
 *       the slice and {@code newWatermark}, all with the plan's system time, chained from the expected head; store
 *       the checkpoint's bytes under {@code checkpoints/<sha3 multihash>} (content-named, so storing them again
 *       is a no-op; staged to a dot-file and renamed, like data files); then {@link MetadataChain#append(List)}
 *       validates the blocks, checks that their data and checkpoint files exist, writes the block files and moves
 *       {@code refs/head} from the expected head by compare-and-swap: all blocks become visible at once or none.
 *       {@code SetVocab} is recorded on creation when the write's vocabulary is not the default, with only the
 *       names that differ. Persisted before the head moves and referenced by no block if it never does: data
 *       and checkpoint files (harmless).
 * </ol>
 *
 * <h2>Retries</h2>
 * A retried commit (the runner re-runs this DoFn after a failure it cannot attribute) finds the head moved from the
 * expected head. It recognises its own landed commit by content: walking back from the head to the expected head
 * (at most {@link #LOOKBACK} blocks), the data blocks directly after the expected head are exactly this commit's
 * data events: the same slices (logical hashes and offset intervals) in order, for a root write the same
 * {@code newCheckpoint} and {@code newSourceState}, for a derivative write the same {@code queryInputs}. Then it
 * returns those blocks instead of committing twice. Anything else means another writer won the race: {@link ConcurrentWriteException}, the chain
 * unchanged. The block hashes of a retry may differ from a first attempt (a new Seed identity), which is why
 * recognition is by content, not by block hash.
 *
 * <h2>Data events</h2>
 * A root write appends one {@code AddData} per slice. The first carries the dataset's last checkpoint hash as
 * {@code prevCheckpoint} and each later one the previous block's {@code newCheckpoint} (ODF's checkpoint chain);
 * only the last carries the write's {@code newCheckpoint} and {@code newSourceState}. Without slices, a root write
 * whose checkpoint or source state differs from the dataset's last one appends a single {@code AddData} without
 * {@code newData} (previous offset and watermark carried, as kamu's writer does); otherwise it commits nothing. A derivative write ({@link WriteSettings#derivation()})
 * appends one {@code ExecuteTransform} per slice: the first carries every input's new interval
 * ({@link Derivation#consumedInputs()}), the later ones the inputs unchanged ({@link Derivation#carriedInputs()});
 * when the transform produced no records but some input advanced, a single {@code ExecuteTransform} without
 * {@code newData} records the advance. The watermark of each block is the fixed one, else max(previous watermark,
 * candidate) where the candidate is the slice's max event time (root) or the minimum of the inputs' watermarks
 * (derivative, {@link Derivation#inputWatermark()}).
 */
final class CommitBlocks extends DoFn<KV<String, CoGbkResult>, CommittedBlock> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(CommitBlocks.class);

  /** How many blocks back from the head a retry looks for its own commit (beyond the commit's own blocks). */
  static final int LOOKBACK = 64;

  /**
   * Test-only synchronization point: when set, called with the dataset location (as given to {@code to()}) at
   * the start of every commit step, after the run's plan was made and its slices were written and before the
   * commit reads {@code refs/head}. The race tests ({@code OdfWriteRaceTest}) use it to hold two running pipelines
   * until both have planned on the same head. A static field because the runner works on serialized copies of
   * this DoFn; {@code null} (never set) outside tests.
   */
  static volatile @Nullable Consumer<String> beforeCommitHook;

  private final Counter blocksCommitted = Metrics.counter(OdfWrite.METRICS_NAMESPACE, "blocks_committed");

  private final WriteSettings settings;
  private final TupleTag<WritePlan> planTag;
  private final TupleTag<WrittenSlice> sliceTag;
  private final @Nullable TupleTag<byte[]> checkpointTag;

  CommitBlocks(WriteSettings settings, TupleTag<WritePlan> planTag, TupleTag<WrittenSlice> sliceTag) {
    this(settings, planTag, sliceTag, null);
  }

  /** With {@code checkpointTag} non-null, the group also holds at most one checkpoint file's bytes. */
  CommitBlocks(WriteSettings settings, TupleTag<WritePlan> planTag, TupleTag<WrittenSlice> sliceTag,
      @Nullable TupleTag<byte[]> checkpointTag) {
    this.settings = settings;
    this.planTag = planTag;
    this.sliceTag = sliceTag;
    this.checkpointTag = checkpointTag;
  }

  @ProcessElement
  public void processElement(@Element KV<String, CoGbkResult> group, OutputReceiver<CommittedBlock> out) {
    WritePlan plan = group.getValue().getOnly(planTag);
    List<WrittenSlice> slices = new ArrayList<>();
    group.getValue().getAll(sliceTag).forEach(slices::add);
    byte[] checkpoint = null;
    if (checkpointTag != null) {
      List<byte[]> checkpoints = new ArrayList<>();
      group.getValue().getAll(checkpointTag).forEach(checkpoints::add);
      if (checkpoints.size() > 1) {
        throw new IllegalArgumentException("Cannot commit to dataset " + settings.dataset() + ": withCheckpoint()"
            + " requires at most one checkpoint, but its PCollection holds " + checkpoints.size() + " elements");
      }
      checkpoint = checkpoints.isEmpty() ? null : checkpoints.get(0);
    }
    Consumer<String> hook = beforeCommitHook;
    if (hook != null) {
      hook.accept(settings.dataset());
    }
    commit(plan, slices, checkpoint).forEach(out::output);
  }

  /** Commits (or recognises as committed) {@code slices} on top of the plan's head; empty input commits nothing. */
  List<CommittedBlock> commit(WritePlan plan, List<WrittenSlice> slices) {
    return commit(plan, slices, null);
  }

  /**
   * Commits (or recognises as committed) {@code slices} and the checkpoint file {@code checkpoint} (null: none) on
   * top of the plan's head. Without slices a root write commits only a new checkpoint or source state, if any.
   */
  List<CommittedBlock> commit(WritePlan plan, List<WrittenSlice> slices, @Nullable byte[] checkpoint) {
    LocalFsDatasetStorage storage = LocalFsDatasetStorage.open(settings.dataset());
    Derivation derivation = settings.derivation();
    Checkpoint newCheckpoint = checkpoint == null ? null
        : new Checkpoint(Multihash.sha3_256(checkpoint), checkpoint.length);
    if (slices.isEmpty() && derivation == null) {
      String unchanged = nothingNew(plan, newCheckpoint);
      if (unchanged != null) {
        LOG.info("Nothing to commit to dataset {}: the input is empty{}", storage.location(), unchanged);
        return List.of();
      }
    }
    if (slices.isEmpty() && derivation != null && !derivation.advancesInputs()) {
      LOG.info("Nothing to commit to derivative dataset {}: no input has new blocks since its last"
          + " ExecuteTransform", storage.location());
      return List.of();
    }
    slices = new ArrayList<>(slices);
    slices.sort(Comparator.comparingLong(WrittenSlice::index));
    List<DataEvent> data = dataEvents(plan, slices, newCheckpoint);
    MetadataChain chain = new MetadataChain(storage);
    Multihash expected = plan.headHash() == null ? null : Multihash.parse(plan.headHash());
    Multihash actual = storage.readHead().orElse(null);
    if (!Objects.equals(expected, actual)) {
      Optional<List<BlockRef>> landed = findLanded(chain, actual, expected, data);
      if (landed.isPresent()) {
        List<BlockRef> blocks = landed.get();
        BlockRef last = blocks.get(blocks.size() - 1);
        LOG.info("Commit to dataset {} had already landed: head {} sequence number {}",
            datasetId(chain), last.hash(), last.sequenceNumber());
        return describe(datasetId(chain), blocks);
      }
      throw conflict(storage, expected, actual, null);
    }
    if (plan.create()) {
      storage.init(); // a derivative commit without slices is the first to touch the directory
    }
    if (checkpoint != null) {
      storage.putCheckpoint(checkpoint); // before the blocks that name it; a no-op if an attempt stored it already
    }
    List<BlockRef> appended;
    try {
      appended = chain.append(build(plan, data));
    } catch (RefCasException e) {
      throw conflict(storage, expected, e.actual().orElse(null), e);
    }
    if (plan.create()) {
      if (settings.alias() != null) {
        storage.writeAlias(DatasetAlias.parse(settings.alias()));
      }
    }
    blocksCommitted.inc(appended.size());
    BlockRef last = appended.get(appended.size() - 1);
    String id = datasetId(chain);
    LOG.info("Committed {} block(s) to dataset {}: head {} sequence number {}", appended.size(), id, last.hash(),
        last.sequenceNumber());
    return describe(id, appended);
  }

  private List<MetadataBlock> build(WritePlan plan, List<DataEvent> data) {
    Derivation derivation = settings.derivation();
    List<MetadataEvent> events = new ArrayList<>();
    if (plan.create()) {
      events.add(new Seed(DatasetIdentity.generate().id(),
          derivation == null ? DatasetKind.ROOT : DatasetKind.DERIVATIVE));
      if (settings.hasInfo()) {
        events.add(new SetInfo(settings.description(), settings.keywords()));
      }
      if (settings.license() != null) {
        List<String> l = settings.license();
        events.add(new SetLicense(l.get(0), l.get(1), l.get(2), l.get(3)));
      }
    }
    if (derivation != null && derivation.recordsSetTransform()) {
      events.add(derivation.setTransform());
    }
    if (plan.create() && settings.vocabulary().toSetVocab() != null) {
      events.add(settings.vocabulary().toSetVocab()); // before SetDataSchema: kamu reads the vocabulary from it
    }
    if (plan.schemaChanged()) {
      events.add(OdfSchemas.toSetDataSchema(plan.targetSchema()));
    }
    data.forEach(e -> events.add((MetadataEvent) e)); // both DataEvents are MetadataEvents
    List<MetadataBlock> blocks = new ArrayList<>();
    Multihash prev = plan.headHash() == null ? null : Multihash.parse(plan.headHash());
    long seq = plan.headSequenceNumber() + 1;
    for (MetadataEvent event : events) {
      MetadataBlock block = new MetadataBlock(plan.systemTime(), prev, seq++, event);
      prev = MetadataBlockCodec.hash(MetadataBlockCodec.encode(block));
      blocks.add(block);
    }
    return blocks;
  }

  /**
   * Why a root write without slices commits nothing (a suffix for the log line), or null if its checkpoint or source
   * state is new. A new dataset gets nothing: a dataset is created by its first data.
   */
  private @Nullable String nothingNew(WritePlan plan, @Nullable Checkpoint newCheckpoint) {
    if (plan.create()) {
      return "";
    }
    boolean checkpointIsNew = newCheckpoint != null
        && !newCheckpoint.physicalHash().toString().equals(plan.lastCheckpoint());
    boolean sourceStateIsNew = settings.sourceState() != null
        && !settings.sourceState().equals(plan.lastSourceState());
    if (checkpointIsNew || sourceStateIsNew) {
      return null;
    }
    if (newCheckpoint == null && settings.sourceState() == null) {
      return "";
    }
    return " and the checkpoint and source state are those of the last AddData";
  }

  /**
   * The data events of this commit, in order: {@code AddData} per slice for a root write, or a single one without
   * data carrying only the new checkpoint or source state; for a derivative write {@code ExecuteTransform} per
   * slice (inputs advanced on the first), or one without data if there is no slice.
   */
  private List<DataEvent> dataEvents(WritePlan plan, List<WrittenSlice> slices, @Nullable Checkpoint newCheckpoint) {
    Derivation derivation = settings.derivation();
    List<DataEvent> events = new ArrayList<>();
    Long prevOffset = plan.lastOffset();
    Instant watermark = plan.lastWatermark();
    if (derivation != null) {
      watermark = later(watermark, settings.watermark() != null ? settings.watermark()
          : derivation.inputWatermark());
      if (slices.isEmpty()) {
        events.add(new ExecuteTransform(derivation.consumedInputs(), null, prevOffset, null, null, watermark));
      }
    }
    Multihash prevCheckpoint = plan.lastCheckpoint() == null ? null : Multihash.parse(plan.lastCheckpoint());
    SourceState sourceState = settings.sourceState() == null ? null : settings.sourceState().toEvent();
    if (derivation == null && slices.isEmpty()) {
      watermark = later(watermark, settings.watermark());
      events.add(new AddData(prevCheckpoint, prevOffset, null, newCheckpoint, watermark, sourceState, null));
    }
    for (int i = 0; i < slices.size(); i++) {
      WrittenSlice s = slices.get(i);
      if (derivation == null) {
        watermark = later(watermark, settings.watermark() != null ? settings.watermark()
            : s.maxEventTimeMillis() == null ? null : Instant.ofEpochMilli(s.maxEventTimeMillis()));
        boolean last = i == slices.size() - 1;
        Checkpoint checkpoint = last ? newCheckpoint : null;
        events.add(new AddData(prevCheckpoint, prevOffset, s.slice(), checkpoint, watermark,
            last ? sourceState : null, null));
        prevCheckpoint = checkpoint == null ? null : checkpoint.physicalHash();
      } else {
        List<ExecuteTransformInput> inputs = events.isEmpty() ? derivation.consumedInputs()
            : derivation.carriedInputs();
        events.add(new ExecuteTransform(inputs, null, prevOffset, s.slice(), null, watermark));
      }
      prevOffset = s.slice().offsetInterval().end();
    }
    return events;
  }

  private static @Nullable Instant later(@Nullable Instant current, @Nullable Instant candidate) {
    return candidate != null && (current == null || candidate.isAfter(current)) ? candidate : current;
  }

  /**
   * The blocks from just after {@code expected} up to the last data block matching {@code data}, if the chain from
   * {@code head} reaches {@code expected} (the Seed's parent when null) within the lookback and the first data
   * blocks after it are exactly these data events (see {@link #sameData}).
   */
  private static Optional<List<BlockRef>> findLanded(MetadataChain chain, @Nullable Multihash head,
      @Nullable Multihash expected, List<DataEvent> data) {
    if (head == null) {
      return Optional.empty();
    }
    List<BlockRef> newer = new ArrayList<>();
    boolean reached = false;
    for (BlockRef ref : (Iterable<BlockRef>) chain.blocksFrom(head).limit(LOOKBACK + data.size() + 5)::iterator) {
      if (ref.hash().equals(expected)) {
        reached = true;
        break;
      }
      newer.add(ref);
      if (expected == null && ref.block().prevBlockHash() == null) {
        reached = true;
      }
    }
    if (!reached) {
      return Optional.empty();
    }
    Collections.reverse(newer);
    int matched = 0;
    for (int i = 0; i < newer.size(); i++) {
      if (newer.get(i).block().event() instanceof DataEvent landed) {
        if (!sameData(landed, data.get(matched))) {
          return Optional.empty();
        }
        if (++matched == data.size()) {
          return Optional.of(List.copyOf(newer.subList(0, i + 1)));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Same kind of event with the same slice (physical hash and offsets) and, for AddData, the same new checkpoint and
   * source state, for ExecuteTransform the same inputs.
   */
  private static boolean sameData(DataEvent landed, DataEvent ours) {
    if (landed.getClass() != ours.getClass()) {
      return false;
    }
    if (landed instanceof ExecuteTransform l && !l.queryInputs().equals(((ExecuteTransform) ours).queryInputs())) {
      return false;
    }
    if (landed instanceof AddData l && (!Objects.equals(l.newCheckpoint(), ((AddData) ours).newCheckpoint())
        || !Objects.equals(l.newSourceState(), ((AddData) ours).newSourceState()))) {
      return false;
    }
    DataSlice a = landed.newData();
    DataSlice b = ours.newData();
    if (a == null || b == null) {
      return a == b;
    }
    // The logical hash, not the physical one: a retry that rewrote its files in another JVM has the same records
    // but may have different file bytes (parquet-mr's footer lists a column chunk's encodings in an order that can
    // change between JVM runs).
    return a.logicalHash().equals(b.logicalHash()) && a.offsetInterval().equals(b.offsetInterval());
  }

  private static String datasetId(MetadataChain chain) {
    return String.valueOf(chain.state().datasetId());
  }

  private static List<CommittedBlock> describe(String datasetId, List<BlockRef> blocks) {
    List<CommittedBlock> out = new ArrayList<>();
    for (BlockRef ref : blocks) {
      DataSlice data = ref.block().event() instanceof DataEvent event ? event.newData() : null;
      out.add(new CommittedBlock(datasetId, ref.hash().toString(), ref.sequenceNumber(),
          data == null ? null : data.offsetInterval()));
    }
    return out;
  }

  private static ConcurrentWriteException conflict(LocalFsDatasetStorage storage, @Nullable Multihash expected,
      @Nullable Multihash actual, @Nullable RuntimeException cause) {
    MetadataChain chain = new MetadataChain(storage);
    String id = actual == null ? "" : " " + chain.state().datasetId();
    return new ConcurrentWriteException("Cannot commit to dataset" + id + " at " + storage.location()
        + ": another writer moved refs/head from " + (expected == null ? "<none>" : expected) + " to "
        + (actual == null ? "<none>" : actual) + " after this write read it; nothing was committed, the chain is"
        + " unchanged; re-run the write on top of the new head", cause);
  }
}
