package org.odfbeam.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.core.chain.BlockRef;
import org.odfbeam.core.chain.ChainState;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.model.DatasetKind;
import org.odfbeam.core.model.ExecuteTransform;
import org.odfbeam.core.model.ExecuteTransformInput;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.model.Seed;
import org.odfbeam.core.model.SetTransform;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.storage.LocalFsDatasetStorage;

/**
 * The inputs of a derivative dataset, each read incrementally: only what the output has not consumed yet. Pass it
 * to {@link OdfWrite#derivedFrom} so the commit records exactly what was read.
 *
 * <pre>{@code
 * OdfInputs in = OdfInputs.of(pipeline, "/data/big-cities")   // the OUTPUT dataset
 *     .add("cities", "/data/cities");                          // alias, input dataset
 * in.get("cities")
 *     .apply(Filter.by(r -> r.getInt64("population") > 1_000_000))
 *     .apply(Select.fieldNames("event_time", "city", "population"))
 *     .apply(OdfIO.write().to("/data/big-cities").derivedFrom(in));
 * }</pre>
 *
 * <h2>Planning</h2>
 * Everything is decided when the pipeline is built. {@link #of} reads the output's head (it may not exist yet) and
 * the input intervals its last {@code ExecuteTransform} recorded. {@link #add} reads the input's head and applies
 * an {@link OdfRead} pinned {@code asOfBlock(head)} and, if the output consumed part of the input before,
 * {@code afterBlock(last consumed block)}: the records {@code (prevOffset, newOffset]} of the blocks
 * {@code (prevBlockHash, head]}, which the write then records as that input's {@code ExecuteTransformInput}.
 * Blocks committed to the input later are left for the next run. The commit fails with
 * {@link ConcurrentWriteException} if the output's head moved between {@link #of} and the commit.
 *
 * <p>Inputs are recorded in {@code SetTransform} in the order they are added; every run must add the same
 * datasets in the same order. Instances are immutable: {@link #add} returns a new one.
 */
public final class OdfInputs {
  private record Entry(DerivedInput input, ReadPlan plan, PCollection<Row> rows) {}

  private final Pipeline pipeline;
  private final String output;
  private final @Nullable Multihash outputHead;
  private final @Nullable SetTransform transform;
  private final List<ExecuteTransformInput> consumed;
  private final Map<String, Entry> entries;

  private OdfInputs(Pipeline pipeline, String output, @Nullable Multihash outputHead,
      @Nullable SetTransform transform, List<ExecuteTransformInput> consumed, Map<String, Entry> entries) {
    this.pipeline = pipeline;
    this.output = output;
    this.outputHead = outputHead;
    this.transform = transform;
    this.consumed = consumed;
    this.entries = entries;
  }

  /**
   * Inputs of the derivative dataset at {@code outputPathOrFileUrl} (created by the write if it has no blocks),
   * read in {@code pipeline}. Reads the output's head and last {@code ExecuteTransform} now.
   */
  public static OdfInputs of(Pipeline pipeline, String outputPathOrFileUrl) {
    Objects.requireNonNull(pipeline, "OdfInputs.of() requires a pipeline");
    if (outputPathOrFileUrl == null || outputPathOrFileUrl.isBlank()) {
      throw new IllegalArgumentException("OdfInputs.of() requires an output dataset location, but was '"
          + outputPathOrFileUrl + "'");
    }
    LocalFsDatasetStorage storage = LocalFsDatasetStorage.open(outputPathOrFileUrl);
    Multihash head = storage.readHead().orElse(null);
    List<ExecuteTransformInput> consumed = List.of();
    SetTransform transform = null;
    if (head != null) {
      ExecuteTransform last = null;
      for (BlockRef ref : (Iterable<BlockRef>) new MetadataChain(storage).blocksFrom(head)::iterator) {
        if (last == null && ref.block().event() instanceof ExecuteTransform e) {
          last = e;
        } else if (transform == null && ref.block().event() instanceof SetTransform e) {
          transform = e;
        } else if (ref.block().event() instanceof Seed seed && seed.datasetKind() != DatasetKind.DERIVATIVE) {
          throw new IllegalArgumentException("Cannot derive dataset " + seed.datasetId() + " at "
              + storage.location() + ": it is a " + seed.datasetKind() + " dataset, not a derivative one");
        }
      }
      consumed = last == null ? List.of() : last.queryInputs();
    }
    return new OdfInputs(pipeline, outputPathOrFileUrl, head, transform, consumed, new LinkedHashMap<>());
  }

  /**
   * Adds the dataset at {@code inputPathOrFileUrl} under {@code alias} and applies its incremental read to the
   * pipeline (step "Read new records of {@code alias}").
   */
  public OdfInputs add(String alias, String inputPathOrFileUrl) {
    if (alias == null || alias.isBlank()) {
      throw new IllegalArgumentException("add() requires an alias, but was '" + alias + "'");
    }
    if (entries.containsKey(alias)) {
      throw new IllegalArgumentException("add() was given alias '" + alias + "' twice");
    }
    if (inputPathOrFileUrl == null || inputPathOrFileUrl.isBlank()) {
      throw new IllegalArgumentException("add() requires an input dataset location for '" + alias + "', but was '"
          + inputPathOrFileUrl + "'");
    }
    LocalFsDatasetStorage storage = LocalFsDatasetStorage.open(inputPathOrFileUrl);
    if (storage.readHead().isEmpty()) {
      throw new IllegalArgumentException("Cannot read input '" + alias + "' " + inputPathOrFileUrl
          + ": it has no refs/head (not an ODF dataset, or it has no blocks yet)");
    }
    ChainState state = new MetadataChain(storage).state();
    String id = String.valueOf(state.datasetId());
    for (Entry e : entries.values()) {
      if (e.input().datasetId().equals(id)) {
        throw new IllegalArgumentException("Cannot add input '" + alias + "': dataset " + id
            + " is already input '" + e.input().alias() + "'");
      }
    }
    ExecuteTransformInput last = consumed.stream().filter(i -> i.datasetId().equals(state.datasetId()))
        .findFirst().orElse(null);
    Multihash prevBlock = last == null ? null : last.newBlockHash() != null ? last.newBlockHash()
        : last.prevBlockHash();
    Long prevOffset = last == null ? null : last.newOffset() != null ? last.newOffset() : last.prevOffset();

    OdfRead read = OdfIO.read().from(inputPathOrFileUrl).asOfBlock(state.headHash().toString());
    if (prevBlock != null) {
      read = read.afterBlock(prevBlock.toString());
    }
    ReadPlan plan = read.plan();
    if (prevBlock != null && !Objects.equals(plan.prevOffset(), prevOffset)) {
      throw new IllegalArgumentException("Cannot read input '" + alias + "' " + id + ": the output recorded"
          + " last offset " + prevOffset + " at block " + prevBlock + ", but the input has " + plan.prevOffset()
          + " there");
    }
    DerivedInput input = new DerivedInput(alias, id, storage.location().toString(),
        prevBlock == null ? null : prevBlock.toString(), prevOffset, state.headHash().toString(),
        plan.newOffset(), state.lastWatermark());
    PCollection<Row> rows = pipeline.apply("Read new records of " + alias, read);
    Map<String, Entry> next = new LinkedHashMap<>(entries);
    next.put(alias, new Entry(input, plan, rows));
    return new OdfInputs(pipeline, output, outputHead, transform, consumed, next);
  }

  /** The new records of input {@code alias} (an {@link OdfRead}'s output with the input's schema). */
  public PCollection<Row> get(String alias) {
    return entry(alias).rows();
  }

  /** What is read of input {@code alias}: the interval its {@code ExecuteTransformInput} will record. */
  public ReadPlan plan(String alias) {
    return entry(alias).plan();
  }

  /** True if some input has blocks the output has not consumed, that is, the write will commit. */
  public boolean hasNewInput() {
    return entries.values().stream().anyMatch(e -> e.input().advances());
  }

  /** The output dataset location given to {@link #of}. */
  public String output() {
    return output;
  }

  Derivation derivation(RecordedTransform provenance) {
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("Cannot derive dataset " + output + ": no input was added (use add())");
    }
    List<DerivedInput> inputs = new ArrayList<>();
    entries.values().forEach(e -> inputs.add(e.input()));
    Derivation d = new Derivation(outputHead == null ? null : outputHead.toString(), inputs, provenance, true);
    if (transform == null) {
      return d;
    }
    List<String> recorded = transform.inputs().stream()
        .map(i -> i.datasetRef().id().map(String::valueOf).orElse(i.datasetRef().toString())).toList();
    List<String> added = inputs.stream().map(DerivedInput::datasetId).toList();
    if (!recorded.equals(added)) {
      throw new IllegalArgumentException("Cannot derive dataset " + output + ": its SetTransform has inputs "
          + recorded + ", but this pipeline adds " + added + " (" + aliases() + "); changing the inputs of a"
          + " derivative dataset is not supported");
    }
    SetTransform ours = d.setTransform();
    return ours.equals(transform) ? new Derivation(d.outputHead(), inputs, provenance, false) : d;
  }

  /** The aliases in the order added. */
  List<String> aliases() {
    return List.copyOf(entries.keySet());
  }

  private Entry entry(String alias) {
    Entry e = entries.get(alias);
    if (e == null) {
      throw new IllegalArgumentException("No input '" + alias + "'; the inputs are " + entries.keySet());
    }
    return e;
  }
}
