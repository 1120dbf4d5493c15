package org.odfbeam.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.core.chain.DatasetVerifier;
import org.odfbeam.core.chain.VerificationReport.Problem;
import org.odfbeam.core.model.DataSlice;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.core.storage.ObjectKind;

/** Write-side metrics, and recovery from a run that died between writing its data files and the commit. */
@ExtendWith(TestPipelineExtension.class)
class OdfWriteMetricsAndRecoveryTest {
  @TempDir
  Path tmp;

  private static Map<String, Long> odfCounters(PipelineResult result) {
    MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.inNamespace(OdfWrite.METRICS_NAMESPACE)).build());
    Map<String, Long> counters = new HashMap<>();
    for (MetricResult<Long> c : metrics.getCounters()) {
      counters.merge(c.getName().getName(), c.getAttempted(), Long::sum);
    }
    return counters;
  }

  @Test
  void writeReportsRecordsSlicesBytesAndCommittedBlocks(TestPipeline pipeline) {
    String dataset = tmp.resolve("cities").toString();
    pipeline.apply(Create.of(OdfWriteTest.tenCities()).withRowSchema(OdfWriteTest.INPUT))
        .apply(OdfIO.write().to(dataset).withSystemTime(OdfWriteTest.SYSTEM_TIME).withMaxRecordsPerSlice(4));
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();

    List<DataSlice> slices = OdfWriteTest.slices(dataset);
    assertThat(slices, hasSize(3));
    long sliceBytes = slices.stream().mapToLong(DataSlice::size).sum();
    Map<String, Long> counters = odfCounters(result);
    assertThat(counters.toString(), counters.get("records_written"), is(10L));
    assertThat(counters.toString(), counters.get("slices_written"), is(3L));
    assertThat(counters.toString(), counters.get("blocks_committed"), is(5L)); // Seed, SetDataSchema, 3 x AddData
    assertThat(counters.toString(), counters.get("bytes_written"), greaterThan(0L));
    assertThat(counters.toString(), counters.get("bytes_written"), is(sliceBytes));
    OdfWriteTest.assertVerifies(dataset);
  }

  @Test
  void aWriteOfNoRecordsReportsNothingWritten(TestPipeline pipeline) {
    String dataset = tmp.resolve("cities").toString();
    pipeline.apply(Create.empty(RowCoder.of(OdfWriteTest.INPUT))).setRowSchema(OdfWriteTest.INPUT)
        .apply(OdfIO.write().to(dataset).withSystemTime(OdfWriteTest.SYSTEM_TIME));
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    Map<String, Long> counters = odfCounters(result);
    assertThat(counters.toString(), counters.getOrDefault("records_written", 0L), is(0L));
    assertThat(counters.toString(), counters.getOrDefault("slices_written", 0L), is(0L));
    assertThat(counters.toString(), counters.getOrDefault("blocks_committed", 0L), is(0L));
  }

  /**
   * Runs the write's stages up to and including {@link WriteSlices} and stops there, as a run killed before the
   * commit would: data files land in {@code data/}, nothing moves {@code refs/head}.
   */
  private static void runKilledBeforeTheCommit(String dataset, List<Row> rows, OdfWrite write) {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    WriteSettings settings = write.to(dataset).settings(OdfWriteTest.INPUT);
    PCollection<WritePlan> plan = p
        .apply("Name the dataset", Create.of(dataset).withCoder(StringUtf8Coder.of()))
        .apply("Plan the commit", ParDo.of(new PlanCommit(settings)))
        .setCoder(WritePlan.CODER);
    PCollectionView<WritePlan> planView = plan.apply("Share the plan", View.asSingleton());
    p.apply(Create.of(rows).withRowSchema(OdfWriteTest.INPUT))
        .apply("Assign offsets", AssignOffsetsInParallel.of(settings))
        .apply("Group records by slice", GroupByKey.create())
        .apply("Write slices", ParDo.of(new WriteSlices(settings, planView)).withSideInputs(planView))
        .setCoder(WrittenSlice.CODER);
    p.run().waitUntilFinish();
  }

  private static Set<String> dataFiles(LocalFsDatasetStorage storage) throws IOException {
    try (Stream<Path> s = Files.list(storage.root().resolve("data"))) {
      return s.map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static Set<String> dataFilesOf(LocalFsDatasetStorage storage, List<DataSlice> slices) {
    return slices.stream().map(s -> storage.objectPath(ObjectKind.DATA, s.physicalHash()).getFileName().toString())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void aRunKilledBeforeTheCommitLeavesThePreviousHeadValidAndTheNextRunSucceeds() throws IOException {
    String dataset = tmp.resolve("cities").toString();
    OdfWriteTest.run(dataset, OdfWriteTest.tenCities(), OdfIO.write().withSystemTime(OdfWriteTest.SYSTEM_TIME));
    LocalFsDatasetStorage storage = LocalFsDatasetStorage.open(dataset);
    Optional<Multihash> head = storage.readHead();
    Set<String> filesBefore = dataFiles(storage);
    List<DataSlice> slicesBefore = OdfWriteTest.slices(dataset);

    List<Row> more = List.of(OdfWriteTest.city(9_000_000L, "late", 1), OdfWriteTest.city(6_000_000L, "mid", 2),
        OdfWriteTest.city(5_000_000L, "early", 3));
    OdfWrite second = OdfIO.write().withSystemTime(OdfWriteTest.SYSTEM_TIME.plusSeconds(60))
        .withMaxRecordsPerSlice(2);
    runKilledBeforeTheCommit(dataset, more, second);
    // ...and an attempt that died while still writing its Parquet file.
    Path staging = storage.root().resolve(WriteSlices.STAGING_DIR);
    Files.createDirectories(staging);
    Files.write(staging.resolve("0f1e2d3c-dead-beef-0000-000000000000.parquet"), new byte[] {'P', 'A', 'R'});

    Set<String> orphans = new TreeSet<>(dataFiles(storage));
    orphans.removeAll(filesBefore);
    assertThat(orphans, hasSize(2)); // the killed run's two slices, referenced by no block
    assertThat(storage.readHead(), equalTo(head));
    assertThat(OdfWriteTest.slices(dataset), equalTo(slicesBefore));
    OdfWriteTest.assertVerifies(dataset);

    OdfWriteTest.run(dataset, more, second);
    List<DataSlice> slices = OdfWriteTest.slices(dataset);
    assertThat(slices, hasSize(3));
    assertThat(slices.subList(0, 1), equalTo(slicesBefore));
    assertThat(slices.get(1).offsetInterval().start(), is(10L));
    assertThat(slices.get(2).offsetInterval().end(), is(12L));
    // Content-named: the committed run wrote the very files the killed run left, which now are referenced.
    Set<String> committed = dataFilesOf(storage, slices.subList(1, 3));
    assertThat(committed, equalTo(orphans));
    assertThat(committed, everyItem(in(dataFiles(storage))));
    assertThat(dataFiles(storage), hasItem(filesBefore.iterator().next()));
    List<Row> rows = OdfWriteTest.readAll(dataset);
    assertThat(rows.stream().map(r -> r.getString("city")).toList().subList(10, 13),
        equalTo(List.of("early", "mid", "late")));
    OdfWriteTest.assertVerifies(dataset);
  }

  @Test
  void aFirstRunKilledBeforeTheCommitLeavesNoHeadAndTheNextRunCreatesTheDataset() throws IOException {
    String dataset = tmp.resolve("cities").toString();
    OdfWrite write = OdfIO.write().withSystemTime(OdfWriteTest.SYSTEM_TIME).withMaxRecordsPerSlice(4);
    runKilledBeforeTheCommit(dataset, OdfWriteTest.tenCities(), write);
    LocalFsDatasetStorage storage = LocalFsDatasetStorage.open(dataset);
    assertThat(storage.readHead(), equalTo(Optional.empty()));
    Set<String> orphans = dataFiles(storage);
    assertThat(orphans, hasSize(3));
    // The only finding is the absent head: the orphaned data files are not a problem.
    assertThat(new DatasetVerifier(storage).verify().problems().stream().map(Problem::message).toList(),
        equalTo(List.of("Dataset has no refs/head (no blocks)")));

    OdfWriteTest.run(dataset, OdfWriteTest.tenCities(), write);
    List<DataSlice> slices = OdfWriteTest.slices(dataset);
    assertThat(slices, hasSize(3));
    assertThat(dataFilesOf(storage, slices), equalTo(orphans));
    assertThat(dataFiles(storage), equalTo(orphans));
    assertThat(OdfWriteTest.readAll(dataset), hasSize(10));
    OdfWriteTest.assertVerifies(dataset);
  }
}
