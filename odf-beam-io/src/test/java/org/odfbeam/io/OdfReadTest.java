package org.odfbeam.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.core.chain.BlockRef;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.model.DataEvent;
import org.odfbeam.core.model.OffsetInterval;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.data.ParquetDatasets;
import org.odfbeam.data.SliceReader;

@ExtendWith(TestPipelineExtension.class)
class OdfReadTest {
  @TempDir Path dir;

  private String cities(int blocks, int rowsPerBlock) {
    ParquetDatasets.cities(dir.resolve("cities"), blocks, rowsPerBlock);
    return dir.resolve("cities").toString();
  }

  private static LocalFsDatasetStorage storage(String location) {
    return LocalFsDatasetStorage.open(location);
  }

  @Test
  void readsEveryRecordOfTheDatasetAsSliceReaderDoesAndCountsThem(TestPipeline p) {
    String ds = cities(3, 5);
    LocalFsDatasetStorage storage = storage(ds);
    List<Row> expected = ReadTestDatasets.expectedRows(storage,
        SliceReader.of(ReadTestDatasets.datasetSchema(storage)), 0, Long.MAX_VALUE);
    assertThat(expected, hasSize(15));

    PCollection<Row> rows = p.apply("Read cities", OdfIO.read().from(ds));
    assertThat(rows.getSchema(), equalTo(ReadTestDatasets.datasetSchema(storage)));
    PAssert.that(rows).containsInAnyOrder(expected);
    PipelineResult result = p.run();
    result.waitUntilFinish();

    long fileBytes = ReadTestDatasets.dataBlocks(storage).stream()
        .mapToLong(b -> ((DataEvent) b.block().event()).newData().size()).sum();
    assertThat(counter(result, "records_read"), is(15L));
    assertThat(counter(result, "slices_read"), is(3L));
    assertThat(counter(result, "bytes_read"), is(fileBytes));
  }

  @Test
  void projectsColumnsInTheOrderGivenIncludingSystemColumns(TestPipeline p) {
    String ds = cities(2, 4);
    LocalFsDatasetStorage storage = storage(ds);
    List<Row> expected = ReadTestDatasets.expectedRows(storage,
        SliceReader.of(ReadTestDatasets.datasetSchema(storage)).withColumns("city", "offset"), 0, Long.MAX_VALUE);

    PCollection<Row> rows = p.apply("Read two columns", OdfIO.read().from("file://" + ds).withColumns("city",
        "offset"));
    assertThat(rows.getSchema().getFieldNames(), contains("city", "offset"));
    PAssert.that(rows).containsInAnyOrder(expected);
    p.run().waitUntilFinish();
  }

  @Test
  void readsAsOfABlockOnlyTheDataOfThatBlockAndOlderOnes(TestPipeline p) {
    String ds = cities(3, 5);
    LocalFsDatasetStorage storage = storage(ds);
    BlockRef second = ReadTestDatasets.dataBlocks(storage).get(1);
    List<Row> expected = ReadTestDatasets.expectedRows(storage,
        SliceReader.of(ReadTestDatasets.datasetSchema(storage)), 0, 9);
    assertThat(expected, hasSize(10));

    OdfRead read = OdfIO.read().from(ds).asOfBlock(second.hash().toString());
    ReadPlan plan = read.plan();
    assertThat(plan.blockHash(), equalTo(second.hash()));
    assertThat(plan.offsets(), equalTo(new OffsetInterval(0, 9)));
    assertThat(plan.newOffset(), is(9L));
    assertThat(plan.datasetId(), equalTo(new MetadataChain(storage).state().datasetId()));
    PAssert.that(p.apply("Read as of block 2", read)).containsInAnyOrder(expected);
    p.run().waitUntilFinish();
  }

  @Test
  void readsAnInclusiveOffsetRangeAcrossSlices(TestPipeline p) {
    String ds = cities(3, 5);
    LocalFsDatasetStorage storage = storage(ds);
    List<Row> expected = ReadTestDatasets.expectedRows(storage,
        SliceReader.of(ReadTestDatasets.datasetSchema(storage)), 3, 11);
    assertThat(expected, hasSize(9));

    OdfRead read = OdfIO.read().from(ds).withOffsetRange(3, 11);
    assertThat(read.plan().offsets(), equalTo(new OffsetInterval(3, 11)));
    PAssert.that(p.apply("Read offsets 3 to 11", read)).containsInAnyOrder(expected);
    // The offset column filters even when it is projected away.
    List<Row> dataOnly = ReadTestDatasets.expectedRows(storage,
        SliceReader.of(ReadTestDatasets.datasetSchema(storage)).withColumns("population", "city"), 3, 11);
    PAssert.that(p.apply("Read data columns of offsets 3 to 11", OdfIO.read().from(ds).withOffsetRange(3, 11)
        .withColumns("population", "city"))).containsInAnyOrder(dataOnly);
    p.run().waitUntilFinish();
  }

  @Test
  void readsAfterABlockOnlyTheDataOfLaterBlocks(TestPipeline p) {
    String ds = cities(3, 5);
    LocalFsDatasetStorage storage = storage(ds);
    BlockRef first = ReadTestDatasets.dataBlocks(storage).get(0);
    List<Row> expected = ReadTestDatasets.expectedRows(storage,
        SliceReader.of(ReadTestDatasets.datasetSchema(storage)).withColumns("offset", "population"), 5, 14);

    OdfRead read = OdfIO.read().from(ds).afterBlock(first.hash().toString()).withColumns("offset", "population");
    ReadPlan plan = read.plan();
    assertThat(plan.afterBlockHash(), equalTo(first.hash()));
    assertThat(plan.blockHash(), equalTo(new MetadataChain(storage).headHash().orElseThrow()));
    assertThat(plan.prevOffset(), is(4L));
    assertThat(plan.newOffset(), is(14L));
    assertThat(plan.offsets(), equalTo(new OffsetInterval(5, 14)));
    PAssert.that(p.apply("Read after block 1", read)).containsInAnyOrder(expected);
    p.run().waitUntilFinish();
  }

  @Test
  void planOfAReadAfterAndAsOfBlocksCoversTheBlocksBetweenThem() {
    String ds = cities(4, 3);
    List<BlockRef> data = ReadTestDatasets.dataBlocks(storage(ds));
    ReadPlan plan = OdfIO.read().from(ds).afterBlock(data.get(0).hash().toString())
        .asOfBlock(data.get(2).hash().toString()).plan();
    assertThat(plan.prevOffset(), is(2L));
    assertThat(plan.newOffset(), is(8L));
    assertThat(plan.offsets(), equalTo(new OffsetInterval(3, 8)));
  }

  @Test
  void readsNothingButKeepsTheSchemaWhenNothingIsNew(TestPipeline p) {
    String ds = cities(2, 5);
    LocalFsDatasetStorage storage = storage(ds);
    String head = new MetadataChain(storage).headHash().orElseThrow().toString();

    OdfRead read = OdfIO.read().from(ds).afterBlock(head);
    ReadPlan plan = read.plan();
    assertThat(plan.isEmpty(), is(true));
    assertThat(plan.offsets(), nullValue());
    assertThat(plan.prevOffset(), is(9L));
    PCollection<Row> rows = p.apply("Read after the head", read);
    assertThat(rows.getSchema(), equalTo(ReadTestDatasets.datasetSchema(storage)));
    PAssert.that(rows).empty();
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertThat(counter(result, "records_read"), is(0L));
  }

  @Test
  void splitsABigSliceAlongRowGroupsAndReadsEveryRecordOnce(TestPipeline p) {
    LocalFsDatasetStorage storage = ReadTestDatasets.oneBigSlice(dir.resolve("big"), 25_000, 5_000);
    String ds = storage.root().toString();
    OdfRead read = OdfIO.read().from(ds).withMaxRowsPerSplit(5_000);
    ReadPlanner.Planned planned = plan(ds, null, null, 5_000);
    assertThat(planned.splits().stream().map(s -> s.fromOffset() + "-" + s.toOffset() + "#" + s.part())
        .collect(Collectors.toList()),
        contains("0-4999#0", "5000-9999#1", "10000-14999#2", "15000-19999#3", "20000-24999#4"));

    PCollection<Long> offsets = p.apply("Read the big slice", read.withColumns("offset"))
        .apply("Take the offsets", MapElements.into(TypeDescriptors.longs()).via(r -> r.getInt64("offset")));
    PAssert.that(offsets).containsInAnyOrder(LongStream.range(0, 25_000).boxed().toList());
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertThat(counter(result, "records_read"), is(25_000L));
    assertThat(counter(result, "slices_read"), is(1L));
  }

  @Test
  void cutsAnOffsetRangeOfABigSliceAtRowGroupBoundaries() {
    LocalFsDatasetStorage storage = ReadTestDatasets.oneBigSlice(dir.resolve("big"), 12_000, 2_000);
    String ds = storage.root().toString();
    ReadPlanner.Planned planned = plan(ds, 3_990L, 8_010L, 4_000);
    assertThat(planned.splits().stream().map(s -> s.fromOffset() + "-" + s.toOffset())
        .collect(Collectors.toList()), contains("3990-5999", "6000-8010"));
    assertThat(planned.plan().offsets(), equalTo(new OffsetInterval(3_990, 8_010)));
  }

  @Test
  void failsAtConstructionForAMissingDataset() {
    String missing = dir.resolve("nope").toString();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> pipeline().apply(OdfIO.read().from(missing)));
    assertThat(e.getMessage(), containsString("Cannot read dataset " + missing + ": no such directory"));
  }

  @Test
  void failsAtConstructionForADirectoryWithoutHead() {
    String empty = dir.toString();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> pipeline().apply(OdfIO.read().from(empty)));
    assertThat(e.getMessage(), containsString("it has no refs/head"));
  }

  @Test
  void failsAtConstructionForAnUnknownBlock() {
    String ds = cities(1, 2);
    String unknown = "f1620" + "ab".repeat(32);
    IllegalArgumentException asOf = assertThrows(IllegalArgumentException.class,
        () -> pipeline().apply(OdfIO.read().from(ds).asOfBlock(unknown)));
    assertThat(asOf.getMessage(), containsString("as of block " + unknown + ": no such block in its chain"));
    IllegalArgumentException after = assertThrows(IllegalArgumentException.class,
        () -> pipeline().apply(OdfIO.read().from(ds).afterBlock(unknown)));
    assertThat(after.getMessage(), containsString("after block " + unknown + ": no such block in its chain"));
  }

  @Test
  void failsForAReadAfterABlockNewerThanTheAsOfBlock() {
    String ds = cities(3, 2);
    List<BlockRef> data = ReadTestDatasets.dataBlocks(storage(ds));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OdfIO.read().from(ds)
        .asOfBlock(data.get(0).hash().toString()).afterBlock(data.get(2).hash().toString()).plan());
    assertThat(e.getMessage(), containsString("after block " + data.get(2).hash()
        + ": no such block in its chain at or before block " + data.get(0).hash()));
  }

  @Test
  void failsForABlockBeforeTheSchemaIsSet() {
    String ds = cities(1, 2);
    BlockRef seed = new MetadataChain(storage(ds)).blocks().reduce((a, b) -> b).orElseThrow();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OdfIO.read().from(ds).asOfBlock(seed.hash().toString()).plan());
    assertThat(e.getMessage(), containsString("it has no SetDataSchema at or before block " + seed.hash()));
  }

  @Test
  void failsAtConstructionForAnUnknownColumn() {
    String ds = cities(1, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> pipeline().apply(OdfIO.read().from(ds).withColumns("city", "mayor")));
    assertThat(e.getMessage(), containsString("withColumns() names column 'mayor', which it does not have"));
  }

  @Test
  void rejectsConflictingAndMissingSettings() {
    String ds = cities(1, 2);
    String head = new MetadataChain(storage(ds)).headHash().orElseThrow().toString();
    IllegalArgumentException conflict = assertThrows(IllegalArgumentException.class,
        () -> pipeline().apply(OdfIO.read().from(ds).afterBlock(head).withOffsetRange(0, 1)));
    assertThat(conflict.getMessage(), containsString("afterBlock() and withOffsetRange() exclude each other"));
    IllegalArgumentException noFrom = assertThrows(IllegalArgumentException.class,
        () -> pipeline().apply(OdfIO.read().withColumns("city")));
    assertThat(noFrom.getMessage(), equalTo("from() is required"));
  }

  @Test
  void withMethodsCheckTheirArguments() {
    assertThat(assertThrows(IllegalArgumentException.class, () -> OdfIO.read().from(null)).getMessage(),
        equalTo("from() needs a dataset location, but was null"));
    assertThat(assertThrows(IllegalArgumentException.class, () -> OdfIO.read().asOfBlock(null)).getMessage(),
        equalTo("asOfBlock() needs a block hash, but was null"));
    assertThat(assertThrows(IllegalArgumentException.class, () -> OdfIO.read().afterBlock("xyz")).getMessage(),
        containsString("afterBlock() needs a multibase block hash like f1620…, but was 'xyz'"));
    assertThat(assertThrows(IllegalArgumentException.class, () -> OdfIO.read().withOffsetRange(5, 3))
        .getMessage(), equalTo("withOffsetRange() needs 0 <= from <= to, but was from=5, to=3"));
    assertThat(assertThrows(IllegalArgumentException.class, () -> OdfIO.read().withColumns()).getMessage(),
        equalTo("withColumns() needs at least one column name, but was none"));
    assertThat(assertThrows(IllegalArgumentException.class, () -> OdfIO.read().withColumns("a", "a"))
        .getMessage(), equalTo("withColumns() names column 'a' twice"));
  }

  @Test
  void sliceSplitCoderRoundTrips() throws Exception {
    SliceSplit split = new SliceSplit("/d/data/f1620ab", 5, 1_000_000_000_000L, 3, 4096);
    byte[] bytes = org.apache.beam.sdk.util.CoderUtils.encodeToByteArray(SliceSplit.Coder.of(), split);
    assertThat(org.apache.beam.sdk.util.CoderUtils.decodeFromByteArray(SliceSplit.Coder.of(), bytes),
        equalTo(split));
  }

  private static Pipeline pipeline() {
    return Pipeline.create(PipelineOptionsFactory.create());
  }

  private static ReadPlanner.Planned plan(String ds, Long from, Long to, long maxRows) {
    return ReadPlanner.plan(new ReadPlanner.Request(ds, null, null, from, to, null, maxRows));
  }

  private static long counter(PipelineResult result, String name) {
    MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(ReadSliceSplits.NAMESPACE, name)).build());
    long sum = 0;
    for (MetricResult<Long> c : metrics.getCounters()) {
      sum += c.getAttempted();
    }
    return sum;
  }
}
