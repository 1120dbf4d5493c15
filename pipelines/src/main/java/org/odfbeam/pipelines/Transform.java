package org.odfbeam.pipelines;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.odfbeam.core.chain.ChainState;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.model.DatasetSnapshot;
import org.odfbeam.core.model.SetInfo;
import org.odfbeam.core.model.SetTransform;
import org.odfbeam.core.model.TransformInput;
import org.odfbeam.core.model.TransformSql;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.io.OdfIO;
import org.odfbeam.io.OdfInputs;
import org.odfbeam.io.OdfWrite;
import org.odfbeam.runners.OdfPipelineOptions;
import org.odfbeam.runners.OdfRunners;
import org.odfbeam.runners.OdfSettings;
import org.odfbeam.transforms.sql.OdfSql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a derivative {@code DatasetSnapshot} manifest ({@code SetTransform} with SQL queries over aliased inputs)
 * incrementally: each run reads only the input blocks the dataset has not consumed yet, runs the queries with Beam
 * SQL, and commits {@code ExecuteTransform} blocks recording exactly what was read. A run without new input
 * commits nothing.
 *
 * <pre>
 * mvn -q -pl pipelines exec:java -Dexec.mainClass=org.odfbeam.pipelines.Transform \
 *     -Dexec.args="--manifest=my.derivative.yaml --workspace=target/demo"
 * </pre>
 *
 * <p>Inputs are resolved by name in {@code --workspace} ({@code datasetRef: weather.stations} is
 * {@code <workspace>/weather.stations}); a missing one fails before anything runs, naming it. Queries written for
 * kamu's engines ({@code spark}, {@code flink}, {@code datafusion}, {@code risingwave}) run only with
 * {@code --runWithBeamSql}, and the chain then records {@code beam-sql}, the engine that ran.
 */
public final class Transform {
  private static final Logger LOG = LoggerFactory.getLogger(Transform.class);

  private Transform() {}

  /** Options of {@link Transform}. */
  public interface Options extends OdfPipelineOptions {
    @Description("The DatasetSnapshot manifest (YAML) of the derivative dataset")
    @Validation.Required
    String getManifest();

    void setManifest(String value);

    @Description("The dataset directory; default: <workspace>/<the manifest's dataset name>")
    String getDataset();

    void setDataset(String value);

    @Description("Run queries written for another engine (datafusion, spark, flink, risingwave) with Beam SQL; "
        + "the chain then records beam-sql, the engine that ran")
    @Default.Boolean(false)
    boolean getRunWithBeamSql();

    void setRunWithBeamSql(boolean value);
  }

  public static void main(String[] args) {
    Ingest.Result r = run(OdfRunners.fromArgs(Options.class, args));
    System.out.println(Progress.line("transform", r.name(), r.records(), r.blocks(), r.head(), r.upToDate()));
  }

  /** Runs the derivative's transform once over the inputs' new blocks. */
  public static Ingest.Result run(Options options) {
    OdfSettings odf = OdfSettings.of(options);
    Path manifest = Path.of(options.getManifest()).toAbsolutePath().normalize();
    DatasetSnapshot snapshot = Manifests.read(manifest);
    SetTransform setTransform = Manifests.transformOf(snapshot, manifest);
    if (!(setTransform.transform() instanceof TransformSql sqlTransform)) {
      throw new IllegalArgumentException("Manifest " + manifest + ": only Sql transforms can run");
    }
    String name = snapshot.name().toString();
    String dataset = options.getDataset() != null ? options.getDataset() : odf.dataset(name);
    Instant systemTime = odf.systemTime() != null ? odf.systemTime() : Instant.now();

    Pipeline p = Pipeline.create(options);
    OdfInputs inputs = OdfInputs.of(p, dataset);
    for (TransformInput input : setTransform.inputs()) {
      String ref = input.datasetRef().toString();
      String alias = input.alias() != null ? input.alias() : ref;
      String location = odf.dataset(ref);
      if (!Files.isRegularFile(Path.of(location, "refs", "head"))) {
        throw new IllegalArgumentException("Manifest " + manifest + " of " + name + " reads input '" + ref
            + "', but there is no dataset at " + location + " (pull it first)");
      }
      inputs = inputs.add(alias, location);
    }
    ChainState before = stateOf(dataset);
    if (!inputs.hasNewInput()) {
      LOG.info("Dataset {} at {} is up to date: its inputs have no new blocks", name, dataset);
      return new Ingest.Result(dataset, name, 0, 0, Ingest.headOf(dataset), true);
    }
    OdfSql sql = OdfSql.fromManifest(sqlTransform);
    if (options.getRunWithBeamSql()) {
      sql = sql.runWithBeamSql();
    }
    PCollectionTuple tables = null;
    for (TransformInput input : setTransform.inputs()) {
      String alias = input.alias() != null ? input.alias() : input.datasetRef().toString();
      tables = tables == null ? PCollectionTuple.of(new TupleTag<>(alias), inputs.get(alias))
          : tables.and(new TupleTag<>(alias), inputs.get(alias));
    }
    OdfWrite write = OdfIO.write().to(dataset).derivedFrom(inputs).withTransform(sql.recordedTransform())
        .withSystemTime(systemTime).withMaxRecordsPerSlice(odf.maxRecordsPerSlice());
    SetInfo info = snapshot.metadata().stream().filter(SetInfo.class::isInstance).map(SetInfo.class::cast)
        .findFirst().orElse(null);
    if (info != null) {
      write = write.withInfo(info.description(), info.keywords());
    }
    tables.apply("Run " + name, sql).apply("Commit " + name, write.withAlias(name));
    p.run().waitUntilFinish();

    ChainState after = stateOf(dataset);
    long prev = before == null || before.lastOffset() == null ? -1 : before.lastOffset();
    long records = after.lastOffset() == null ? 0 : after.lastOffset() - prev;
    int blocks = (int) (after.headSequenceNumber() - (before == null ? -1 : before.headSequenceNumber()));
    return new Ingest.Result(dataset, name, records, blocks, Ingest.headOf(dataset), false);
  }

  static ChainState stateOf(String dataset) {
    LocalFsDatasetStorage storage = LocalFsDatasetStorage.open(dataset);
    return storage.readHead().isEmpty() ? null : new MetadataChain(storage).state();
  }
}
