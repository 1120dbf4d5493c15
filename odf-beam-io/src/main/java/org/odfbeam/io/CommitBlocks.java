package org.odfbeam.io;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
import org.odfbeam.core.model.DataSlice;
import org.odfbeam.core.model.DatasetKind;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.model.MetadataEvent;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.model.Seed;
import org.odfbeam.core.model.SetInfo;
import org.odfbeam.core.model.SetLicense;
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
 *   <li><b>Commit</b> (this DoFn; all slice descriptors and the plan grouped under the dataset's key, so exactly
 *       one call per run): build [Seed, SetInfo, SetLicense,] [SetDataSchema,] and one {@code AddData} per slice in
 *       slice order, each with {@code prevOffset}, the slice and {@code newWatermark}, all with the plan's system
 *       time, chained from the expected head; then {@link MetadataChain#append(List)} validates them, writes the
 *       block files and moves {@code refs/head} from the expected head by compare-and-swap: all blocks become
 *       visible at once or none.
 * </ol>
 *
 * <h2>Retries</h2>
 * A retried commit (the runner re-runs this DoFn after a failure it cannot attribute) finds the head moved from the
 * expected head. It recognises its own landed commit by content: walking back from the head to the expected head
 * (at most {@link #LOOKBACK} blocks), the {@code AddData} blocks directly after the expected head carry exactly this
 * commit's slices (same physical hashes and offset intervals, in order). Then it returns those blocks instead of
 * committing twice. Anything else means another writer won the race: {@link ConcurrentWriteException}, the chain
 * unchanged. The block hashes of a retry may differ from a first attempt (a new Seed identity), which is why
 * recognition is by slices, not by block hash.
 */
final class CommitBlocks extends DoFn<KV<String, CoGbkResult>, CommittedBlock> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(CommitBlocks.class);

  /** How many blocks back from the head a retry looks for its own commit (beyond the commit's own blocks). */
  static final int LOOKBACK = 64;

  private final Counter blocksCommitted = Metrics.counter(OdfWrite.METRICS_NAMESPACE, "blocks_committed");

  private final WriteSettings settings;
  private final TupleTag<WritePlan> planTag;
  private final TupleTag<WrittenSlice> sliceTag;

  CommitBlocks(WriteSettings settings, TupleTag<WritePlan> planTag, TupleTag<WrittenSlice> sliceTag) {
    this.settings = settings;
    this.planTag = planTag;
    this.sliceTag = sliceTag;
  }

  @ProcessElement
  public void processElement(@Element KV<String, CoGbkResult> group, OutputReceiver<CommittedBlock> out) {
    WritePlan plan = group.getValue().getOnly(planTag);
    List<WrittenSlice> slices = new ArrayList<>();
    group.getValue().getAll(sliceTag).forEach(slices::add);
    commit(plan, slices).forEach(out::output);
  }

  /** Commits (or recognises as committed) {@code slices} on top of the plan's head; empty input commits nothing. */
  List<CommittedBlock> commit(WritePlan plan, List<WrittenSlice> slices) {
    LocalFsDatasetStorage storage = LocalFsDatasetStorage.open(settings.dataset());
    if (slices.isEmpty()) {
      LOG.info("Nothing to commit to dataset {}: the input is empty", storage.location());
      return List.of();
    }
    slices = new ArrayList<>(slices);
    slices.sort(Comparator.comparingLong(WrittenSlice::index));
    MetadataChain chain = new MetadataChain(storage);
    Multihash expected = plan.headHash() == null ? null : Multihash.parse(plan.headHash());
    Multihash actual = storage.readHead().orElse(null);
    if (!Objects.equals(expected, actual)) {
      Optional<List<BlockRef>> landed = findLanded(chain, actual, expected, slices);
      if (landed.isPresent()) {
        List<BlockRef> blocks = landed.get();
        BlockRef last = blocks.get(blocks.size() - 1);
        LOG.info("Commit to dataset {} had already landed: head {} sequence number {}",
            datasetId(chain), last.hash(), last.sequenceNumber());
        return describe(datasetId(chain), blocks);
      }
      throw conflict(storage, expected, actual, null);
    }
    List<BlockRef> appended;
    try {
      appended = chain.append(build(plan, slices));
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

  private List<MetadataBlock> build(WritePlan plan, List<WrittenSlice> slices) {
    List<MetadataEvent> events = new ArrayList<>();
    if (plan.create()) {
      events.add(new Seed(DatasetIdentity.generate().id(), DatasetKind.ROOT));
      if (settings.hasInfo()) {
        events.add(new SetInfo(settings.description(), settings.keywords()));
      }
      if (settings.license() != null) {
        List<String> l = settings.license();
        events.add(new SetLicense(l.get(0), l.get(1), l.get(2), l.get(3)));
      }
    }
    if (plan.schemaChanged()) {
      events.add(OdfSchemas.toSetDataSchema(plan.targetSchema()));
    }
    Long prevOffset = plan.lastOffset();
    Instant watermark = plan.lastWatermark();
    for (WrittenSlice s : slices) {
      Instant candidate = settings.watermark() != null ? settings.watermark()
          : s.maxEventTimeMillis() == null ? null : Instant.ofEpochMilli(s.maxEventTimeMillis());
      if (candidate != null && (watermark == null || candidate.isAfter(watermark))) {
        watermark = candidate;
      }
      events.add(new AddData(null, prevOffset, s.slice(), null, watermark, null, null));
      prevOffset = s.slice().offsetInterval().end();
    }
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
   * The blocks from just after {@code expected} up to the last {@code AddData} carrying {@code slices}, if the
   * chain from {@code head} reaches {@code expected} (the Seed's parent when null) within the lookback and the
   * first data blocks after it are exactly these slices.
   */
  private static Optional<List<BlockRef>> findLanded(MetadataChain chain, @Nullable Multihash head,
      @Nullable Multihash expected, List<WrittenSlice> slices) {
    if (head == null) {
      return Optional.empty();
    }
    List<BlockRef> newer = new ArrayList<>();
    boolean reached = false;
    for (BlockRef ref : (Iterable<BlockRef>) chain.blocksFrom(head).limit(LOOKBACK + slices.size() + 4)::iterator) {
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
      if (newer.get(i).block().event() instanceof AddData add) {
        if (!sameSlice(add.newData(), slices.get(matched).slice())) {
          return Optional.empty();
        }
        if (++matched == slices.size()) {
          return Optional.of(List.copyOf(newer.subList(0, i + 1)));
        }
      }
    }
    return Optional.empty();
  }

  private static boolean sameSlice(@Nullable DataSlice committed, DataSlice ours) {
    return committed != null && committed.physicalHash().equals(ours.physicalHash())
        && committed.offsetInterval().equals(ours.offsetInterval());
  }

  private static String datasetId(MetadataChain chain) {
    return String.valueOf(chain.state().datasetId());
  }

  private static List<CommittedBlock> describe(String datasetId, List<BlockRef> blocks) {
    List<CommittedBlock> out = new ArrayList<>();
    for (BlockRef ref : blocks) {
      DataSlice data = ref.block().event() instanceof AddData add ? add.newData() : null;
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
