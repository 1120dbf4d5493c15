package org.odfbeam.pipelines;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.odfbeam.core.chain.ChainState;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.model.AddPushSource;
import org.odfbeam.core.model.DatasetSnapshot;
import org.odfbeam.core.model.SetPollingSource;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.model.SetVocab;
import org.odfbeam.core.model.SourceState;
import org.odfbeam.core.model.Transform;
import org.odfbeam.core.model.TransformSql;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.data.Vocabulary;
import org.odfbeam.io.OdfIO;
import org.odfbeam.io.OdfWrite;
import org.odfbeam.pipelines.ingest.FetchContext;
import org.odfbeam.pipelines.ingest.FetchPlan;
import org.odfbeam.pipelines.ingest.FetchedFile;
import org.odfbeam.pipelines.ingest.IngestSource;
import org.odfbeam.pipelines.ingest.ReadFiles;
import org.odfbeam.runners.OdfPipelineOptions;
import org.odfbeam.runners.OdfRunners;
import org.odfbeam.runners.OdfSettings;
import org.odfbeam.transforms.merge.MergeWrite;
import org.odfbeam.transforms.sql.OdfSql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a kamu-style {@code DatasetSnapshot} manifest of a root dataset against local files: one run is one commit of
 * the new data. The dataset is created from the manifest if it has no blocks (Seed, then the manifest's events).
 *
 * <pre>
 * mvn -q -pl pipelines exec:java -Dexec.mainClass=org.odfbeam.pipelines.Ingest \
 *     -Dexec.args="--manifest=examples/demo/manifests/weather.stations.yaml --workspace=target/demo"
 * </pre>
 *
 * <p>Steps: the source ({@code SetPollingSource}, or {@code AddPushSource} with {@code --files}); the fetch step
 * ({@code FilesGlob}, relative globs resolved against the manifest's directory, or a {@code file://} {@code Url})
 * decides which files are new since the source state of the last {@code AddData}; the read step ({@code Csv},
 * {@code NdJson}, {@code Json}, {@code Parquet}) turns them into rows; the SQL {@code preprocess}, if any, runs with
 * Beam SQL (engine {@code beam-sql}, or another engine with {@code --runWithBeamSql}); the merge strategy turns them
 * into the records to append ({@link MergeWrite}, with a state checkpoint); {@code OdfIO.write()} commits them with
 * the new source state. Unsupported steps (container fetch, MQTT, Ethereum, prepare steps) are refused before
 * anything is read, naming the manifest field.
 */
public final class Ingest {
  private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);

  private Ingest() {}

  /** Options of {@link Ingest}. */
  public interface Options extends OdfPipelineOptions {
    @Description("The DatasetSnapshot manifest (YAML) of the root dataset; optional with --dataset of an existing"
        + " dataset (its source is then read from its chain)")
    String getManifest();

    void setManifest(String value);

    @Description("The dataset directory; default: <workspace>/<the manifest's dataset name>")
    String getDataset();

    void setDataset(String value);

    @Description("Files to push through the manifest's AddPushSource (like kamu ingest) instead of polling")
    List<String> getFiles();

    void setFiles(List<String> value);

    @Description("Run a preprocess query written for another engine (datafusion, spark, flink, risingwave) with "
        + "Beam SQL; the chain then records beam-sql, the engine that ran")
    @Default.Boolean(false)
    boolean getRunWithBeamSql();

    void setRunWithBeamSql(boolean value);
  }

  /** What one run did. */
  public record Result(String dataset, String name, long records, int blocks, @Nullable String head,
      boolean upToDate) {}

  public static void main(String[] args) {
    Result r = run(OdfRunners.fromArgs(Options.class, args));
    System.out.println(Progress.line("ingest", r.name(), r.records(), r.blocks(), r.head(), r.upToDate()));
  }

  /** Runs one ingest: plans, reads, merges and commits the new data; nothing when the source is up to date. */
  public static Result run(Options options) {
    OdfSettings odf = OdfSettings.of(options);
    Instant systemTime = odf.systemTime() != null ? odf.systemTime() : Instant.now();
    DatasetSnapshot snapshot = null;
    Path baseDirectory;
    String name;
    String dataset;
    if (options.getManifest() != null) {
      Path manifest = Path.of(options.getManifest()).toAbsolutePath().normalize();
      snapshot = Manifests.read(manifest);
      name = snapshot.name().toString();
      dataset = options.getDataset() != null ? options.getDataset() : odf.dataset(name);
      baseDirectory = manifest.getParent();
      Manifests.createRootIfAbsent(dataset, snapshot, systemTime);
    } else if (options.getDataset() != null) {
      dataset = options.getDataset();
      LocalFsDatasetStorage storage = LocalFsDatasetStorage.open(dataset);
      if (storage.readHead().isEmpty()) {
        throw new IllegalArgumentException("There is no dataset at " + storage.location() + "; give its manifest"
            + " (--manifest) to create it");
      }
      name = storage.readAlias().map(String::valueOf).orElse(Path.of(storage.location()).getFileName().toString());
      baseDirectory = Path.of("").toAbsolutePath();
    } else {
      throw new IllegalArgumentException("Ingest needs --manifest, or --dataset of an existing dataset");
    }
    MetadataChain chain = new MetadataChain(LocalFsDatasetStorage.open(dataset));
    ChainState state = chain.state();
    IngestSource source = snapshot != null ? IngestSource.of(snapshot) : sourceInChain(chain, dataset);
    Vocabulary vocab = vocabularyInChain(chain);
    FetchContext context = FetchContext.of(baseDirectory, systemTime);
    FetchPlan plan;
    if (options.getFiles() != null && !options.getFiles().isEmpty()) {
      plan = FetchPlan.ofPushedFiles(source, options.getFiles().stream().map(Path::of).toList(), systemTime);
    } else {
      plan = FetchPlan.of(source, state.lastSourceState(), context);
    }
    if (plan.upToDate()) {
      LOG.info("Dataset {} at {} is up to date: no new files for source '{}'", name, dataset, plan.sourceName());
      return new Result(dataset, name, 0, 0, headOf(dataset), true);
    }

    // Like kamu, each polled file is its own commit (a snapshot file must not meet the next one in one merge);
    // pushed files are one commit.
    List<FetchPlan> steps = new ArrayList<>();
    if (plan.newSourceState() == null || plan.files().size() == 1) {
      steps.add(plan);
    } else {
      for (FetchedFile file : plan.files()) {
        SourceState s = plan.newSourceState();
        String value = FetchPlan.KIND_ETAG.equals(s.kind()) ? Path.of(file.path()).getFileName().toString()
            : s.value();
        steps.add(new FetchPlan(plan.sourceName(), List.of(file), new SourceState(s.sourceName(), s.kind(), value)));
      }
    }
    for (FetchPlan step : steps) {
      commit(options, odf, dataset, name, source, vocab, step, systemTime);
    }
    ChainState after = new MetadataChain(LocalFsDatasetStorage.open(dataset)).state();
    long before = state.lastOffset() == null ? -1 : state.lastOffset();
    long records = after.lastOffset() == null ? 0 : after.lastOffset() - before;
    int blocks = (int) (after.headSequenceNumber() - state.headSequenceNumber());
    return new Result(dataset, name, records, blocks, headOf(dataset), false);
  }

  /** One pipeline run: reads the plan's files, preprocesses, merges and commits them with the plan's source state. */
  private static void commit(Options options, OdfSettings odf, String dataset, String name, IngestSource source,
      Vocabulary vocab, FetchPlan plan, Instant systemTime) {
    Pipeline p = Pipeline.create(options);
    PCollection<Row> rows = p.apply("Read " + name, ReadFiles.of(source).from(plan)
        .withSourceEventTimeColumn(vocab.eventTimeColumn()));
    Transform preprocess = source.preprocess();
    if (preprocess != null) {
      OdfSql sql = OdfSql.fromManifest((TransformSql) preprocess);
      if (options.getRunWithBeamSql()) {
        sql = sql.runWithBeamSql();
      }
      rows = PCollectionTuple.of(new TupleTag<>("input"), rows).apply("Preprocess " + name, sql);
    }
    OdfWrite write = OdfIO.write().withSystemTime(systemTime).withMaxRecordsPerSlice(odf.maxRecordsPerSlice());
    SourceState newState = plan.newSourceState();
    if (newState != null) {
      write = write.withSourceState(newState.sourceName(), newState.kind(), newState.value());
    }
    rows.apply("Merge and commit " + name, MergeWrite.to(dataset).withStrategy(source.merge()).withWrite(write));
    p.run().waitUntilFinish();
  }

  /** The newest source of the chain: an AddPushSource or SetPollingSource. */
  private static IngestSource sourceInChain(MetadataChain chain, String dataset) {
    return chain.blocks().map(b -> b.block().event())
        .filter(e -> e instanceof AddPushSource || e instanceof SetPollingSource).findFirst()
        .map(e -> e instanceof AddPushSource a ? IngestSource.of(a) : IngestSource.of((SetPollingSource) e))
        .orElseThrow(() -> new IllegalArgumentException("Dataset " + dataset + " has no AddPushSource or"
            + " SetPollingSource to ingest through"));
  }

  /** The vocabulary of the chain's newest SetVocab (the default without one). */
  private static Vocabulary vocabularyInChain(MetadataChain chain) {
    return Vocabulary.of(chain.blocks().map(b -> b.block().event()).filter(SetVocab.class::isInstance)
        .map(SetVocab.class::cast).findFirst().orElse(null));
  }

  static @Nullable String headOf(String dataset) {
    return LocalFsDatasetStorage.open(dataset).readHead().map(String::valueOf).orElse(null);
  }
}
