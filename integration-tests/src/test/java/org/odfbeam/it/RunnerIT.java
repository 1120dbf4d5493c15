package org.odfbeam.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.schemas.transforms.Select;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.odfbeam.core.chain.BlockRef;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.model.ExecuteTransform;
import org.odfbeam.core.model.ExecuteTransformInput;
import org.odfbeam.core.model.DataSlice;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.core.storage.ObjectKind;
import org.odfbeam.data.OdfSchemas;
import org.odfbeam.data.ParquetLogicalHash;
import org.odfbeam.data.SliceFile;
import org.odfbeam.data.SliceWriter;
import org.odfbeam.io.CommittedBlock;
import org.odfbeam.io.OdfIO;
import org.odfbeam.io.OdfInputs;

/**
 * The same OdfIO pipelines on the runner named by {@code odf.it.runner} (one surefire execution per runner: direct,
 * flink, spark; see integration-tests/pom.xml). Every scenario runs its pipelines once (Flink and Spark start-up
 * dominate) and checks the results several ways.
 *
 * <p><b>Cross-runner equality without sharing a JVM.</b> The executions run in separate JVMs, so the expected
 * (offset interval, logical hash) list of the committed slices is computed in the test by a plain-Java reference of
 * {@code OdfWrite}'s documented contract: sort the input records by event time (epoch millis), then by the bytes of
 * their {@code RowCoder} encoding compared unsigned; number them from offset 0; cut slices of
 * {@code withMaxRecordsPerSlice} records; add offset, op 0 and the fixed system time; write each slice with
 * {@link SliceWriter} (no Beam pipeline involved). Each runner's commit must equal that list, hence every runner
 * produces the same list. The committed files' logical hashes are also recomputed from the Parquet files with
 * {@link ParquetLogicalHash} (an independent read path), and each execution writes its list to
 * {@code target/runner-it/<runner>-<scenario>.txt} and compares it with the lists of executions that ran before it
 * in the same build (direct, then flink, then spark), which makes the cross-runner comparison explicit.
 *
 * <p>Scenarios: (1) a root dataset written in several slices, read back (PAssert on every row and offset), verified
 * with {@code bin/odf verify}; (2) a derivative dataset derived incrementally in three runs with new root input
 * between them (recorded input intervals, slices against the reference, nothing new for a fourth run, verify).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunnerIT {
  /** Fixed system time of the commit (rows and blocks). */
  static final Instant SYSTEM_TIME = Instant.parse("2024-03-01T08:00:00Z");
  static final int ROWS = 3_000;
  /** 3,000 rows in slices of 700: five AddData blocks (4 x 700 + 200). */
  static final long MAX_RECORDS_PER_SLICE = 700;
  static final long SEED = 20_241_126L;

  /** Eight columns of mixed types; event times repeat, so the encoding decides the order among equal times. */
  static final Schema INPUT = Schema.builder()
      .addDateTimeField("event_time")
      .addInt64Field("id")
      .addNullableField("name", FieldType.STRING)
      // A decimal logical type rather than DOUBLE: it exercises logical-type encoding in the offset order
      // (DOUBLE and FLOAT columns, ordered by their bits, are covered by odf-beam-io's OdfWriteTest).
      .addLogicalTypeField("amount", FixedPrecisionNumeric.of(12, 2))
      .addBooleanField("flag")
      .addNullableField("qty", FieldType.INT32)
      .addLogicalTypeField("day", SqlTypes.DATE)
      .addNullableField("payload", FieldType.BYTES)
      .build();

  private final String runner = Runners.name();
  private Path work;

  @BeforeAll
  void setUp() throws IOException {
    Runners.ensureTempDir();
    work = Path.of("target", "runner-it", runner).toAbsolutePath();
    Runners.deleteRecursively(work);
    Files.createDirectories(work);
  }

  @AfterAll
  void cleanUp() {
    Runners.cleanTempDir();
  }

  /** The seeded input rows, in a shuffled (non-sorted) order. */
  static List<Row> inputRows() {
    return inputRows(SEED, ROWS);
  }

  /** {@code count} seeded rows of {@link #INPUT}. */
  static List<Row> inputRows(long seed, int count) {
    Random random = new Random(seed);
    long base = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    List<Row> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] payload = new byte[random.nextInt(12)];
      random.nextBytes(payload);
      rows.add(Row.withSchema(INPUT).addValues(
          new org.joda.time.Instant(base + 60_000L * random.nextInt(40)),
          (long) ((i * 7919L) % 100_003L) - 50_000L,
          random.nextInt(10) == 0 ? null : "name-" + random.nextInt(500),
          BigDecimal.valueOf(random.nextInt(2_000_000_000) - 1_000_000_000L, 2),
          random.nextBoolean(),
          random.nextInt(8) == 0 ? null : random.nextInt(),
          LocalDate.of(2020, 1, 1).plusDays(random.nextInt(1500)),
          random.nextInt(6) == 0 ? null : payload).build());
    }
    Collections.shuffle(rows, random);
    return rows;
  }

  /** The input in OdfWrite's documented offset order (event time millis, then RowCoder bytes unsigned). */
  static List<Row> referenceOrder(List<Row> rows) {
    return referenceOrder(rows, INPUT);
  }

  /**
   * {@code rows} in OdfWrite's offset order for a write whose input schema is {@code schema}: each row is encoded
   * as its projection onto {@code schema} (fields by name).
   */
  static List<Row> referenceOrder(List<Row> rows, Schema schema) {
    RowCoder coder = RowCoder.of(schema);
    record Keyed(long millis, byte[] encoded, Row row) {}
    List<Keyed> keyed = new ArrayList<>();
    for (Row r : rows) {
      try {
        Row.Builder projected = Row.withSchema(schema);
        for (Schema.Field f : schema.getFields()) {
          projected.addValue(r.getValue(f.getName()));
        }
        keyed.add(new Keyed(r.getDateTime("event_time").getMillis(),
            CoderUtils.encodeToByteArray(coder, projected.build()), r));
      } catch (CoderException e) {
        throw new IllegalStateException(e);
      }
    }
    keyed.sort(Comparator.comparingLong(Keyed::millis).thenComparing(Keyed::encoded, Arrays::compareUnsigned));
    return keyed.stream().map(Keyed::row).toList();
  }

  /** An input row as stored at {@code offset}: system columns then the data columns, in the dataset's schema. */
  static Row stored(Schema target, long offset, Row in) {
    return stored(target, offset, in, SYSTEM_TIME);
  }

  static Row stored(Schema target, long offset, Row in, Instant systemTime) {
    Row.Builder b = Row.withSchema(target)
        .addValues(offset, 0, new org.joda.time.Instant(systemTime.toEpochMilli()), in.getDateTime("event_time"));
    for (int i = 4; i < target.getFieldCount(); i++) {
      b.addValue(in.getValue(target.getField(i).getName()));
    }
    return b.build();
  }

  /** "start..end logicalHash" of every AddData block, genesis first. */
  static List<String> committedSlices(Path dataset) {
    List<BlockRef> blocks = new MetadataChain(LocalFsDatasetStorage.open(dataset.toString())).blocks()
        .collect(Collectors.toCollection(ArrayList::new));
    Collections.reverse(blocks);
    return blocks.stream().map(b -> b.block().event())
        .filter(AddData.class::isInstance).map(e -> ((AddData) e).newData())
        .map(RunnerIT::describe).toList();
  }

  /** Writes the reference slice of {@code ordered} (in offset order) from offset {@code first}; its description. */
  static String referenceSlice(Schema target, List<Row> ordered, long first, Instant systemTime, Path file) {
    try (SliceWriter.Session s = SliceWriter.of(target).open(file, first)) {
      for (int i = 0; i < ordered.size(); i++) {
        s.write(stored(target, first + i, ordered.get(i), systemTime));
      }
      return describe(s.finish().orElseThrow().slice());
    }
  }

  /** Writes this runner's slice list and compares it with those of the executions that ran before it. */
  void compareAcrossRunners(String scenario, List<String> actual) throws IOException {
    Path mine = work.getParent().resolve(runner + "-" + scenario + ".txt");
    Files.write(mine, actual, StandardCharsets.UTF_8);
    for (String other : List.of("direct", "flink", "spark")) {
      Path theirs = work.getParent().resolve(other + "-" + scenario + ".txt");
      if (!other.equals(runner) && Files.isRegularFile(theirs)) {
        assertThat(scenario + ": " + runner + " vs " + other, actual,
            equalTo(Files.readAllLines(theirs, StandardCharsets.UTF_8)));
      }
    }
  }

  /**
   * "start..end logicalHash physicalHash": the physical hash too, so that the cross-runner comparison (each runner's
   * execution is its own JVM) also checks that the same records give byte-identical files in every JVM.
   */
  static String describe(DataSlice s) {
    return s.offsetInterval().start() + ".." + s.offsetInterval().end() + " " + s.logicalHash() + " "
        + s.physicalHash();
  }

  static Schema datasetSchema(Path dataset) {
    return OdfSchemas.toBeam(new MetadataChain(LocalFsDatasetStorage.open(dataset.toString())).state()
        .currentSchema());
  }

  /** The surefire execution put exactly one runner on the class path (the kryo versions of Flink and Spark clash). */
  @Test
  void onlyTheSelectedRunnerIsOnTheClassPath() {
    java.util.Map<String, String> runners = java.util.Map.of(
        "direct", "org.apache.beam.runners.direct.DirectRunner",
        "flink", "org.apache.beam.runners.flink.FlinkRunner",
        "spark", "org.apache.beam.runners.spark.SparkRunner");
    for (var e : runners.entrySet()) {
      assertThat(e.getValue(), loadable(e.getValue()), is(e.getKey().equals(runner)));
    }
    assertThat("Spark classes outside the spark execution", loadable("org.apache.spark.SparkContext"),
        is(runner.equals("spark")));
  }

  private static boolean loadable(String className) {
    try {
      Class.forName(className, false, RunnerIT.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  // ------------------------------------------------------------------------------------------------------------
  // Scenario 1: root dataset: write with OdfIO.write(), read back with OdfIO.read(), verify, compare slices.
  // ------------------------------------------------------------------------------------------------------------

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class RootDataset {
    Path dataset;
    List<Row> input;

    /** One write pipeline run for the scenario; the tests below inspect its result. */
    @BeforeAll
    void write() {
      dataset = work.resolve("root");
      input = inputRows();
      Pipeline p = Runners.pipeline();
      PCollection<CommittedBlock> committed = p
          .apply("Input", Create.of(input).withRowSchema(INPUT))
          .apply("Write", OdfIO.write().to(dataset.toString())
              .withSystemTime(SYSTEM_TIME)
              .withMaxRecordsPerSlice(MAX_RECORDS_PER_SLICE));
      PAssert.that(committed
              .apply("AddData blocks", Filter.by(b -> b.offsetInterval() != null))
              .apply("Intervals", MapElements.into(TypeDescriptors.strings())
                  .via(b -> b.offsetInterval().start() + ".." + b.offsetInterval().end())))
          .containsInAnyOrder("0..699", "700..1399", "1400..2099", "2100..2799", "2800..2999");
      Runners.run(p);
    }

    @Test
    void slicesEqualThePlainJavaReference() throws IOException {
      Schema target = datasetSchema(dataset);
      List<Row> ordered = referenceOrder(input);
      SliceWriter writer = SliceWriter.of(target);
      List<String> expected = new ArrayList<>();
      Path scratch = Files.createDirectories(work.resolve("reference"));
      for (int start = 0; start < ordered.size(); start += (int) MAX_RECORDS_PER_SLICE) {
        int end = (int) Math.min(ordered.size(), start + MAX_RECORDS_PER_SLICE);
        try (SliceWriter.Session s = writer.open(scratch.resolve("slice-" + start + ".parquet"), start)) {
          for (int i = start; i < end; i++) {
            s.write(stored(target, i, ordered.get(i)));
          }
          SliceFile f = s.finish().orElseThrow();
          expected.add(describe(f.slice()));
        }
      }
      List<String> actual = committedSlices(dataset);
      assertThat(actual, hasSize(5));
      assertThat("committed slices on " + runner, actual, equalTo(expected));

      // Cross-runner: identical to what the executions before this one committed in this build.
      compareAcrossRunners("root-slices", actual);
    }

    @Test
    void committedFilesHaveTheRecordedLogicalHashes() {
      LocalFsDatasetStorage storage = LocalFsDatasetStorage.open(dataset.toString());
      List<BlockRef> blocks = new MetadataChain(storage).blocks().toList();
      for (BlockRef b : blocks) {
        if (b.block().event() instanceof AddData add && add.newData() != null) {
          DataSlice s = add.newData();
          assertThat(describe(s), ParquetLogicalHash.of(storage.objectPath(ObjectKind.DATA, s.physicalHash())),
              equalTo(s.logicalHash()));
        }
      }
    }

    @Test
    void readBackGivesTheRowsAtTheirOffsets() {
      Schema target = datasetSchema(dataset);
      List<Row> ordered = referenceOrder(input);
      List<Row> expected = new ArrayList<>();
      for (int i = 0; i < ordered.size(); i++) {
        expected.add(stored(target, i, ordered.get(i)));
      }
      Pipeline p = Runners.pipeline();
      PCollection<Row> rows = p.apply("Read", OdfIO.read().from(dataset.toString()));
      assertThat(rows.getSchema(), equalTo(target));
      PAssert.that(rows).containsInAnyOrder(expected);
      Runners.run(p);
    }

    @Test
    void odfVerifyIsClean() throws Exception {
      OdfTool.Result r = OdfTool.run("verify", dataset.toString());
      assertThat(r.toString(), r.exitCode(), is(0));
    }
  }

  // ------------------------------------------------------------------------------------------------------------
  // Scenario 2: a derivative dataset (OdfWrite.derivedFrom / OdfInputs) derived incrementally across three runs,
  // with new root input between runs. Four pipeline runs in all: run 0 appends batch 1 to the root; runs 1 and 2
  // each derive from the root as of its head when the pipeline is built AND append the next batch to the root (the
  // read is pinned to that head, so the append is left for the next run); run 3 derives only.
  // ------------------------------------------------------------------------------------------------------------

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class DerivedDataset {
    static final int BATCH = 400;
    final List<Instant> times = List.of(Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("2024-03-02T00:00:00Z"),
        Instant.parse("2024-03-03T00:00:00Z"));
    Path root;
    Path derived;
    final List<List<Row>> batches = new ArrayList<>();
    /** The root's head when derivation run k (1..3) was built: the newBlockHash it must record. */
    final List<String> rootHeads = new ArrayList<>();

    @BeforeAll
    void runThreeDerivations() {
      root = work.resolve("derive-root");
      derived = work.resolve("derived");
      for (int k = 0; k < 3; k++) {
        batches.add(inputRows(SEED + 1 + k, BATCH));
      }
      Pipeline p0 = Runners.pipeline();
      appendToRoot(p0, 0);
      Runners.run(p0);
      for (int k = 1; k <= 3; k++) {
        Pipeline p = Runners.pipeline();
        rootHeads.add(LocalFsDatasetStorage.open(root.toString()).readHead().orElseThrow().toString());
        OdfInputs in = OdfInputs.of(p, derived.toString()).add("src", root.toString());
        assertThat("run " + k + " has new input", in.hasNewInput(), is(true));
        in.get("src")
            .apply("Keep even quantities", Filter.by((Row r) -> r.getInt32("qty") != null && r.getInt32("qty") % 2 == 0))
            .apply("Keep some columns", Select.fieldNames("event_time", "id", "name", "amount"))
            .apply("Write derived", OdfIO.write().to(derived.toString()).derivedFrom(in)
                .withTransformDescription("Rows of src with an even qty").withSystemTime(times.get(k - 1)));
        if (k < 3) {
          appendToRoot(p, k);
        }
        Runners.run(p);
      }
    }

    private void appendToRoot(Pipeline p, int batch) {
      p.apply("Batch " + batch, Create.of(batches.get(batch)).withRowSchema(INPUT))
          .apply("Append batch " + batch, OdfIO.write().to(root.toString()).withSystemTime(times.get(batch)));
    }

    static boolean kept(Row r) {
      Integer qty = r.getInt32("qty");
      return qty != null && qty % 2 == 0;
    }

    @Test
    void eachRunRecordsExactlyWhatItRead() {
      List<ExecuteTransform> executes = new ArrayList<>();
      List<BlockRef> blocks = new MetadataChain(LocalFsDatasetStorage.open(derived.toString())).blocks()
          .collect(Collectors.toCollection(ArrayList::new));
      Collections.reverse(blocks);
      for (BlockRef b : blocks) {
        if (b.block().event() instanceof ExecuteTransform e) {
          executes.add(e);
        }
      }
      assertThat(executes, hasSize(3));
      for (int k = 0; k < 3; k++) {
        ExecuteTransformInput q = executes.get(k).queryInputs().get(0);
        assertThat("run " + (k + 1) + " prevOffset", q.prevOffset(), equalTo(k == 0 ? null : (long) BATCH * k - 1));
        assertThat("run " + (k + 1) + " newOffset", q.newOffset(), equalTo((long) BATCH * (k + 1) - 1));
        assertThat("run " + (k + 1) + " newBlockHash", String.valueOf(q.newBlockHash()), equalTo(rootHeads.get(k)));
        assertThat("run " + (k + 1) + " prevBlockHash", q.prevBlockHash() == null ? null : q.prevBlockHash().toString(),
            equalTo(k == 0 ? null : rootHeads.get(k - 1)));
      }
      // A fourth run would have nothing new: the derivation commits nothing (checked without running it).
      assertThat(OdfInputs.of(Runners.pipeline(), derived.toString()).add("src", root.toString()).hasNewInput(),
          is(false));
    }

    @Test
    void derivedSlicesEqualThePlainJavaReference() throws IOException {
      Schema target = datasetSchema(derived);
      Schema rootSchema = datasetSchema(root);
      Schema projected = Schema.builder().addFields(rootSchema.getField("event_time"), rootSchema.getField("id"),
          rootSchema.getField("name"), rootSchema.getField("amount")).build();
      Path scratch = Files.createDirectories(work.resolve("derived-reference"));
      List<String> expected = new ArrayList<>();
      long next = 0;
      for (int k = 0; k < 3; k++) {
        List<Row> ordered = referenceOrder(batches.get(k).stream().filter(DerivedDataset::kept).toList(), projected);
        expected.add(referenceSlice(target, ordered, next, times.get(k), scratch.resolve("run-" + k + ".parquet")));
        next += ordered.size();
      }
      List<String> actual = new ArrayList<>();
      List<BlockRef> blocks = new MetadataChain(LocalFsDatasetStorage.open(derived.toString())).blocks()
          .collect(Collectors.toCollection(ArrayList::new));
      Collections.reverse(blocks);
      for (BlockRef b : blocks) {
        if (b.block().event() instanceof ExecuteTransform e && e.newData() != null) {
          actual.add(describe(e.newData()));
        }
      }
      assertThat("derived slices on " + runner, actual, equalTo(expected));
      compareAcrossRunners("derived-slices", actual);
    }

    @Test
    void odfVerifyIsCleanOnBothDatasets() throws Exception {
      for (Path d : List.of(root, derived)) {
        OdfTool.Result r = OdfTool.run("verify", d.toString());
        assertThat(d + ": " + r, r.exitCode(), is(0));
      }
    }
  }
}
