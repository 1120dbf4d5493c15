package org.odfbeam.transforms.time;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Impulse;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.core.chain.BlockRef;
import org.odfbeam.core.chain.ChainState;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.model.DataSlice;
import org.odfbeam.core.model.ExecuteTransform;
import org.odfbeam.core.model.MetadataEvent;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.model.SetDataSchema;
import org.odfbeam.core.model.SetVocab;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.core.storage.ObjectKind;
import org.odfbeam.data.OdfSchemas;
import org.odfbeam.data.Vocabulary;

/**
 * ODF watermarks as Beam watermarks: read a dataset so that downstream windows and event-time timers fire as the
 * dataset's own watermarks say, and compute the watermark a derivative commit may record.
 *
 * <h2>Reading with watermarks</h2>
 * <pre>{@code
 * PCollection<Row> readings = p.apply(OdfWatermarks.read("/data/readings"));
 * readings
 *     .apply(Window.into(FixedWindows.of(Duration.standardHours(1))))   // default trigger: on the watermark
 *     .apply(Count.globally().withoutDefaults());
 * }</pre>
 * {@link #read} replays the data blocks ({@code AddData} / {@code ExecuteTransform}) of the dataset in chain order,
 * Seed to head (the head when the pipeline is built). For each block it emits the rows of its data slice, each
 * timestamped with its event time (the vocabulary's event time column; a DATE is midnight UTC; a null event time
 * takes the row's system time), then advances the output watermark to the block's {@code newWatermark} and
 * checkpoints, so the runner publishes that watermark before the next block is read. A block without
 * {@code newWatermark} leaves the watermark where it is; blocks without data (watermark-only {@code AddData}) only
 * move it. After the last block the watermark goes to the end of time.
 *
 * <p>So the Beam watermark never passes an ODF watermark before the rows committed up to that ODF watermark are
 * emitted, and a window ending at or before block <i>k</i>'s watermark can fire as soon as blocks 1..<i>k</i> are
 * read. Rows of a later block whose event time is before an earlier block's watermark are <em>late</em> in ODF's
 * sense, and are late in Beam too (dropped by a default trigger unless {@code withAllowedLateness} covers them;
 * whether they arrive before a window fired depends on the runner's scheduling).
 *
 * <p>The output is bounded, has the dataset's Beam schema ({@code OdfSchemas.toBeam} of the last
 * {@code SetDataSchema}, system columns named by the vocabulary) and its {@code RowCoder}. Blocks are read one after
 * another by one splittable {@code DoFn} (a {@code ManualWatermarkEstimator} over the range of data blocks), so
 * there is no parallelism within a dataset: use {@code OdfIO.read()} when watermarks do not matter.
 *
 * <h2>The watermark of a derivative commit</h2>
 * {@link #outputWatermark} is what kamu lets a derivative record: the minimum over the inputs of each input's
 * latest watermark ({@code ChainState.lastWatermark()}), or none while some input has none.
 * {@link #nextWatermark} also applies the monotonicity rule: max(the output's previous watermark, that minimum).
 * {@code OdfIO.write().derivedFrom(inputs)} computes the same for the blocks it pins.
 */
public final class OdfWatermarks {
  private OdfWatermarks() {}

  /** Reads the dataset at this directory path or {@code file://} URL with block-by-block watermarks. */
  public static Read read(String datasetPathOrFileUrl) {
    if (datasetPathOrFileUrl == null || datasetPathOrFileUrl.isEmpty()) {
      throw new IllegalArgumentException("OdfWatermarks.read() needs a dataset location, but was '"
          + datasetPathOrFileUrl + "'");
    }
    return new Read(datasetPathOrFileUrl);
  }

  /**
   * The latest ODF watermark of a dataset: the {@code newWatermark} of its last data block; empty if it has none.
   *
   * @throws IllegalArgumentException naming the location if the dataset has no blocks
   */
  public static Optional<Instant> latestWatermark(String datasetPathOrFileUrl) {
    return Optional.ofNullable(state(datasetPathOrFileUrl).lastWatermark());
  }

  /**
   * The watermark a derivative of these inputs may record: the minimum of their latest watermarks; empty when some
   * input has no watermark yet (the output's watermark must then stay where it is).
   */
  public static Optional<Instant> outputWatermark(String... inputs) {
    return outputWatermark(List.of(inputs));
  }

  /** Same as {@link #outputWatermark(String...)}. */
  public static Optional<Instant> outputWatermark(List<String> inputs) {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("outputWatermark() needs at least one input dataset");
    }
    Instant min = null;
    for (String in : inputs) {
      Optional<Instant> w = latestWatermark(in);
      if (w.isEmpty()) {
        return Optional.empty();
      }
      if (min == null || w.get().isBefore(min)) {
        min = w.get();
      }
    }
    return Optional.of(min);
  }

  /**
   * The {@code newWatermark} for the next block of derivative {@code output}: max(its latest watermark,
   * {@link #outputWatermark}); its latest watermark when some input has none; empty when neither exists. A derivative
   * that does not exist yet counts as having no watermark.
   */
  public static Optional<Instant> nextWatermark(String output, String... inputs) {
    Optional<Instant> candidate = outputWatermark(inputs);
    MetadataChain chain = new MetadataChain(LocalFsDatasetStorage.open(output));
    Optional<Instant> previous = chain.headHash().isEmpty() ? Optional.empty()
        : Optional.ofNullable(chain.state().lastWatermark());
    if (previous.isEmpty()) {
      return candidate;
    }
    if (candidate.isEmpty() || candidate.get().isBefore(previous.get())) {
      return previous;
    }
    return candidate;
  }

  private static ChainState state(String location) {
    MetadataChain chain = new MetadataChain(LocalFsDatasetStorage.open(location));
    if (chain.headHash().isEmpty()) {
      throw new IllegalArgumentException("Cannot read the watermark of dataset " + location
          + ": it has no blocks (no refs/head)");
    }
    return chain.state();
  }

  /** A dataset's data blocks in chain order, as {@link ReadBlocksFn} replays them. */
  static Plan plan(String location) {
    LocalFsDatasetStorage storage = LocalFsDatasetStorage.open(location);
    MetadataChain chain = new MetadataChain(storage);
    if (chain.headHash().isEmpty()) {
      throw new IllegalArgumentException("Cannot read dataset " + location + " with watermarks: it has no blocks"
          + " (no refs/head)");
    }
    List<BlockRef> blocks = new ArrayList<>(chain.blocks().toList());
    Collections.reverse(blocks);
    SetDataSchema schema = null;
    SetVocab vocab = null;
    List<BlockStep> steps = new ArrayList<>();
    for (BlockRef ref : blocks) {
      MetadataEvent e = ref.block().event();
      DataSlice slice = null;
      Instant watermark = null;
      if (e instanceof SetDataSchema s) {
        schema = s;
      } else if (e instanceof SetVocab v) {
        vocab = v;
      } else if (e instanceof AddData a) {
        slice = a.newData();
        watermark = a.newWatermark();
      } else if (e instanceof ExecuteTransform t) {
        slice = t.newData();
        watermark = t.newWatermark();
      } else {
        continue;
      }
      if (e instanceof AddData || e instanceof ExecuteTransform) {
        String file = null;
        if (slice != null) {
          var path = storage.objectPath(ObjectKind.DATA, slice.physicalHash());
          if (!path.toFile().isFile()) {
            throw new IllegalArgumentException("Cannot read dataset " + location + " with watermarks: data file "
                + path + " of block " + ref.sequenceNumber() + " (" + ref.hash() + ") is missing");
          }
          file = path.toString();
        }
        steps.add(new BlockStep(ref.sequenceNumber(), ref.hash().toString(), file,
            watermark == null ? null : watermark.toEpochMilli()));
      }
    }
    if (schema == null) {
      throw new IllegalArgumentException("Cannot read dataset " + location + " with watermarks: it has no"
          + " SetDataSchema (no data yet)");
    }
    return new Plan(OdfSchemas.toBeam(schema), Vocabulary.of(vocab), List.copyOf(steps));
  }

  /** What {@link Read} replays: schema, vocabulary and the data blocks, Seed first. */
  record Plan(Schema schema, Vocabulary vocabulary, List<BlockStep> steps) {}

  /**
   * One data block: its sequence number and hash, the absolute path of its data file (null = no data) and its
   * {@code newWatermark} in epoch millis (null = none).
   */
  record BlockStep(long sequenceNumber, String blockHash, @Nullable String file, @Nullable Long watermarkMillis)
      implements java.io.Serializable {}

  /** {@code PTransform} reading a dataset with Beam watermarks following its ODF watermarks; see the class doc. */
  public static final class Read extends PTransform<PBegin, PCollection<Row>> {
    private static final long serialVersionUID = 1L;
    private final String location;

    private Read(String location) {
      this.location = Objects.requireNonNull(location);
    }

    @Override
    public PCollection<Row> expand(PBegin begin) {
      Plan plan = plan(location);
      return begin.apply("Impulse", Impulse.create())
          .apply("Replay blocks with watermarks", ParDo.of(new ReadBlocksFn(plan)))
          .setRowSchema(plan.schema());
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      builder.add(DisplayData.item("dataset", location));
    }
  }
}
