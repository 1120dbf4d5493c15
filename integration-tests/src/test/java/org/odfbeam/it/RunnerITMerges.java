package org.odfbeam.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.odfbeam.core.chain.BlockRef;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.model.MergeStrategyChangelogStream;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.io.OdfIO;
import org.odfbeam.transforms.merge.Merge;
import org.odfbeam.transforms.merge.MergeWrite;

/**
 * The Append, ChangelogStream and UpsertStream merge strategies of odf-transforms on the runner named by
 * {@code odf.it.runner} (one surefire execution per runner: direct, flink, spark; see integration-tests/pom.xml).
 * Snapshot and Ledger run on every runner through the Demo ({@link RunnerITPipelines}).
 *
 * <p>Each strategy commits twice to its own dataset, with a fixed system time per commit, through the public API a
 * user writes:
 * <ul>
 *   <li>Append: {@code Merge.append().withOrderColumn(...)} and {@code OdfIO.write().withOrderColumn(...)} (the
 *       README's "Order of the output"), in slices of {@value #APPEND_SLICE} records; two appends;
 *   <li>ChangelogStream: {@code MergeWrite} given the ODF event {@code MergeStrategyChangelogStream} (so
 *       {@code Merge.of}); +A records, then -C/+C pairs and -R of existing keys and +A of new ones (the default
 *       {@code FAIL} for retractions of unknown keys makes the second run prove it read the first run's state);
 *   <li>UpsertStream: {@code MergeWrite} with {@code Merge.upsertStream("city").withSequenceColumn("seq")};
 *       inserts (one key twice, the greater {@code seq} wins), then updates, an unchanged upsert, deletes of existing
 *       keys, an update followed by a delete, a delete of an unknown key (dropped) and inserts.
 * </ul>
 * Then, for each dataset: the exact records after both commits ({@code OdfIO.read()} and PAssert: offsets,
 * {@code op} codes, system times and values, written out by hand below from the README's semantics), a clean
 * {@code bin/odf verify}, and the "start..end logicalHash" list of its data blocks, written to
 * {@code target/runner-it/<runner>-merge-<strategy>.txt} and compared with the lists of the executions that ran
 * before this one in the same build (direct, then flink, then spark).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunnerITMerges {
  static final Instant COMMIT_1 = Instant.parse("2024-05-01T00:00:00Z");
  static final Instant COMMIT_2 = Instant.parse("2024-05-02T00:00:00Z");
  /** Event times are given as hours (keyed strategies) or minutes (Append) after this. */
  static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");
  static final long APPEND_SLICE = 5;

  /** Input of Append. */
  static final Schema CITIES = Schema.builder().addDateTimeField("event_time").addStringField("city")
      .addInt64Field("population").build();
  /** Input of ChangelogStream: the rows carry their own op. */
  static final Schema CHANGES = Schema.builder().addInt32Field("op").addDateTimeField("event_time")
      .addStringField("city").addInt64Field("population").build();
  /** Input of UpsertStream: op 1 deletes, anything else upserts; seq orders a key's rows. */
  static final Schema UPSERTS = Schema.builder().addInt32Field("op").addInt64Field("seq")
      .addDateTimeField("event_time").addStringField("city").addInt64Field("population").build();

  static final int A = 0;
  static final int R = 1;
  static final int CF = 2;
  static final int CT = 3;

  private final String runner = Runners.name();
  private Path work;

  @BeforeAll
  void setUp() throws IOException {
    Runners.ensureTempDir();
    work = Path.of("target", "runner-it", "merges-" + runner).toAbsolutePath();
    Runners.deleteRecursively(work);
    Files.createDirectories(work);
  }

  @AfterAll
  void cleanUp() {
    Runners.cleanTempDir();
  }

  static org.joda.time.Instant hour(int h) {
    return new org.joda.time.Instant(BASE.plus(Duration.ofHours(h)).toEpochMilli());
  }

  static org.joda.time.Instant minute(int m) {
    return new org.joda.time.Instant(BASE.plus(Duration.ofMinutes(m)).toEpochMilli());
  }

  static org.joda.time.Instant joda(Instant t) {
    return new org.joda.time.Instant(t.toEpochMilli());
  }

  static Row change(int op, int hour, String city, long population) {
    return Row.withSchema(CHANGES).addValues(op, hour(hour), city, population).build();
  }

  static Row upsert(int op, long seq, int hour, String city, long population) {
    return Row.withSchema(UPSERTS).addValues(op, seq, hour(hour), city, population).build();
  }

  /** A record as stored: offset, op, system_time, event_time, city, population. */
  static Row stored(Schema dataset, long offset, int op, Instant systemTime, org.joda.time.Instant eventTime,
      String city, long population) {
    return Row.withSchema(dataset).addValues(offset, op, joda(systemTime), eventTime, city, population).build();
  }

  static PCollection<Row> create(Pipeline p, String name, Schema schema, List<Row> rows) {
    return p.apply(name, Create.of(rows).withRowSchema(schema));
  }

  /** Reads the dataset back on the runner and asserts exactly these records. */
  static void assertRecords(Path dataset, List<Row> expected) {
    Schema schema = RunnerIT.datasetSchema(dataset);
    assertThat(schema.getFieldNames(),
        equalTo(List.of("offset", "op", "system_time", "event_time", "city", "population")));
    Pipeline p = Runners.pipeline();
    PCollection<Row> rows = p.apply("Read " + dataset.getFileName(), OdfIO.read().from(dataset.toString()));
    assertThat(rows.getSchema(), equalTo(schema));
    PAssert.that(rows).containsInAnyOrder(expected);
    Runners.run(p);
  }

  static void assertVerifies(Path dataset) throws Exception {
    OdfTool.Result r = OdfTool.run("verify", dataset.toString());
    assertThat(r.toString(), r.exitCode(), is(0));
  }

  /** Both commits carry a merge checkpoint, and the second names the first's as its {@code prevCheckpoint}. */
  static void assertCheckpointsChained(Path dataset) {
    List<AddData> adds = addData(dataset);
    assertThat(adds, hasSize(2));
    for (AddData a : adds) {
      assertThat(a.newCheckpoint(), is(notNullValue()));
    }
    assertThat(adds.get(1).prevCheckpoint(), equalTo(adds.get(0).newCheckpoint().physicalHash()));
  }

  /** The dataset's AddData events, oldest first. */
  static List<AddData> addData(Path dataset) {
    List<AddData> out = new ArrayList<>();
    for (BlockRef b : new MetadataChain(LocalFsDatasetStorage.open(dataset.toString())).blocks().toList()) {
      if (b.block().event() instanceof AddData a) {
        out.add(0, a);
      }
    }
    return out;
  }

  /**
   * Writes this runner's slice list to {@code target/runner-it/<runner>-merge-<strategy>.txt} and compares it with
   * the lists of the executions that ran before it (the same idea as {@code RunnerITPipelines}).
   */
  private void compareAcrossRunners(String strategy, List<String> actual) throws IOException {
    Path dir = work.getParent();
    String scenario = "merge-" + strategy;
    Files.write(dir.resolve(runner + "-" + scenario + ".txt"), actual, StandardCharsets.UTF_8);
    for (String other : List.of("direct", "flink", "spark")) {
      Path theirs = dir.resolve(other + "-" + scenario + ".txt");
      if (!other.equals(runner) && Files.isRegularFile(theirs)) {
        assertThat(scenario + ": " + runner + " vs " + other, actual,
            equalTo(Files.readAllLines(theirs, StandardCharsets.UTF_8)));
      }
    }
  }

  // ------------------------------------------------------------------------------------------------------------
  // Append: Merge.append() + OdfIO.write(), with the order column the README documents.
  // ------------------------------------------------------------------------------------------------------------

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Append {
    static final String ORDER = "__order";
    Path dataset;
    /** Batch 1: minutes 0..11 in a scrambled order; batch 2: minutes 12..19 scrambled, plus a copy of minute 15. */
    final List<List<Row>> batches = new ArrayList<>();

    @BeforeAll
    void commitTwice() {
      dataset = work.resolve("append");
      List<Row> first = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        int m = (5 * i) % 12;
        first.add(Row.withSchema(CITIES).addValues(minute(m), "a" + m, 1_000L + m).build());
      }
      List<Row> second = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int m = 12 + (3 * i) % 8;
        second.add(Row.withSchema(CITIES).addValues(minute(m), "a" + m, 1_000L + m).build());
      }
      second.add(Row.withSchema(CITIES).addValues(minute(15), "a15", 1_015L).build()); // appended again: no dedup
      batches.add(first);
      batches.add(second);
      Instant[] times = {COMMIT_1, COMMIT_2};
      for (int k = 0; k < 2; k++) {
        Pipeline p = Runners.pipeline();
        PCollectionTuple.of(Merge.NEW, create(p, "Batch " + k, CITIES, batches.get(k)))
            .apply("Append", Merge.append().withOrderColumn(ORDER))
            .rows()
            .apply("Write", OdfIO.write().to(dataset.toString()).withSystemTime(times[k])
                .withOrderColumn(ORDER).withMaxRecordsPerSlice(APPEND_SLICE));
        Runners.run(p);
      }
    }

    @Test
    void recordsAfterBothCommits() {
      Schema schema = RunnerIT.datasetSchema(dataset);
      List<Row> expected = new ArrayList<>();
      // Offsets follow event time within each commit; the second commit's records come after the first's.
      for (int m = 0; m < 12; m++) {
        expected.add(stored(schema, m, A, COMMIT_1, minute(m), "a" + m, 1_000L + m));
      }
      long offset = 12;
      for (int m = 12; m < 20; m++) {
        for (int copies = m == 15 ? 2 : 1; copies > 0; copies--) {
          expected.add(stored(schema, offset++, A, COMMIT_2, minute(m), "a" + m, 1_000L + m));
        }
      }
      assertThat(expected, hasSize(21));
      assertRecords(dataset, expected);
    }

    @Test
    void slicesAreTheSameOnEveryRunner() throws IOException {
      List<String> slices = RunnerITPipelines.slices(dataset);
      List<String> intervals = slices.stream().map(s -> s.substring(0, s.indexOf(' '))).toList();
      assertThat(intervals, equalTo(List.of("0..4", "5..9", "10..11", "12..16", "17..20")));
      compareAcrossRunners("append", slices);
    }

    @Test
    void odfVerifyIsClean() throws Exception {
      assertVerifies(dataset);
    }
  }

  // ------------------------------------------------------------------------------------------------------------
  // ChangelogStream: MergeWrite given the ODF MergeStrategy event (Merge.of).
  // ------------------------------------------------------------------------------------------------------------

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class ChangelogStream {
    Path dataset;

    @BeforeAll
    void commitTwice() {
      dataset = work.resolve("changelog-stream");
      List<Row> first = List.of(
          change(A, 7, "havana", 800), change(A, 0, "amsterdam", 100), change(A, 9, "jakarta", 1_000),
          change(A, 3, "delhi", 400), change(A, 1, "berlin", 200), change(A, 5, "florence", 600),
          change(A, 8, "istanbul", 900), change(A, 2, "cairo", 300), change(A, 6, "geneva", 700),
          change(A, 4, "edinburgh", 500));
      List<Row> second = List.of(
          change(A, 22, "kyoto", 1_100),
          change(CT, 21, "florence", 650), change(R, 7, "havana", 800), change(CF, 1, "berlin", 200),
          change(A, 24, "budapest", 250), change(CT, 20, "berlin", 210), change(R, 3, "delhi", 400),
          change(CF, 5, "florence", 600), change(A, 23, "lima", 1_200));
      List<List<Row>> batches = List.of(first, second);
      Instant[] times = {COMMIT_1, COMMIT_2};
      for (int k = 0; k < 2; k++) {
        Pipeline p = Runners.pipeline();
        create(p, "Batch " + k, CHANGES, batches.get(k))
            .apply("Merge", MergeWrite.to(dataset.toString())
                .withStrategy(new MergeStrategyChangelogStream(List.of("city")))
                .withWrite(OdfIO.write().withSystemTime(times[k])));
        Runners.run(p);
      }
    }

    @Test
    void recordsAfterBothCommits() {
      Schema s = RunnerIT.datasetSchema(dataset);
      List<Row> expected = new ArrayList<>(List.of(
          // Commit 1: every record +A, offsets by primary key.
          stored(s, 0, A, COMMIT_1, hour(0), "amsterdam", 100),
          stored(s, 1, A, COMMIT_1, hour(1), "berlin", 200),
          stored(s, 2, A, COMMIT_1, hour(2), "cairo", 300),
          stored(s, 3, A, COMMIT_1, hour(3), "delhi", 400),
          stored(s, 4, A, COMMIT_1, hour(4), "edinburgh", 500),
          stored(s, 5, A, COMMIT_1, hour(5), "florence", 600),
          stored(s, 6, A, COMMIT_1, hour(6), "geneva", 700),
          stored(s, 7, A, COMMIT_1, hour(7), "havana", 800),
          stored(s, 8, A, COMMIT_1, hour(8), "istanbul", 900),
          stored(s, 9, A, COMMIT_1, hour(9), "jakarta", 1_000),
          // Commit 2: the records as given, by primary key then op; each +C right after its -C.
          stored(s, 10, CF, COMMIT_2, hour(1), "berlin", 200),
          stored(s, 11, CT, COMMIT_2, hour(20), "berlin", 210),
          stored(s, 12, A, COMMIT_2, hour(24), "budapest", 250),
          stored(s, 13, R, COMMIT_2, hour(3), "delhi", 400),
          stored(s, 14, CF, COMMIT_2, hour(5), "florence", 600),
          stored(s, 15, CT, COMMIT_2, hour(21), "florence", 650),
          stored(s, 16, R, COMMIT_2, hour(7), "havana", 800),
          stored(s, 17, A, COMMIT_2, hour(22), "kyoto", 1_100),
          stored(s, 18, A, COMMIT_2, hour(23), "lima", 1_200)));
      assertRecords(dataset, expected);
    }

    @Test
    void secondCommitCarriesTheMergeCheckpoint() {
      assertCheckpointsChained(dataset);
    }

    @Test
    void slicesAreTheSameOnEveryRunner() throws IOException {
      List<String> slices = RunnerITPipelines.slices(dataset);
      List<String> intervals = slices.stream().map(s -> s.substring(0, s.indexOf(' '))).toList();
      assertThat(intervals, equalTo(List.of("0..9", "10..18")));
      compareAcrossRunners("changelog-stream", slices);
    }

    @Test
    void odfVerifyIsClean() throws Exception {
      assertVerifies(dataset);
    }
  }

  // ------------------------------------------------------------------------------------------------------------
  // UpsertStream: MergeWrite with Merge.upsertStream("city") and a sequence column.
  // ------------------------------------------------------------------------------------------------------------

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class UpsertStream {
    Path dataset;

    @BeforeAll
    void commitTwice() {
      dataset = work.resolve("upsert-stream");
      List<Row> first = List.of(
          upsert(A, 11, 10, "paris", 25), upsert(A, 6, 5, "seoul", 60), upsert(A, 1, 0, "oslo", 10),
          upsert(A, 9, 8, "vienna", 90), upsert(A, 3, 2, "quito", 30), upsert(A, 2, 1, "paris", 20),
          upsert(A, 8, 7, "tokyo", 80), upsert(A, 4, 3, "riga", 40), upsert(A, 10, 9, "warsaw", 100),
          upsert(A, 5, 4, "rome", 50), upsert(A, 7, 6, "sofia", 70));
      List<Row> second = List.of(
          upsert(A, 24, 33, "tokyo", 82),    // tokyo's last: 80 -> 82
          upsert(R, 26, 35, "vienna", 0),    // vienna's last: a delete (after an update)
          upsert(A, 27, 36, "minsk", 5),     // new key
          upsert(A, 20, 30, "paris", 27),    // 25 -> 27
          upsert(R, 22, 31, "sofia", 0),     // delete: the stored values are retracted
          upsert(A, 23, 32, "tokyo", 81),    // superseded by seq 24
          upsert(A, 21, 4, "rome", 50),      // unchanged: nothing
          upsert(R, 29, 38, "nairobi", 0),   // delete of an unknown key: dropped (default DROP)
          upsert(A, 25, 34, "vienna", 91),   // superseded by the delete
          upsert(A, 28, 37, "zagreb", 6));   // new key
      List<List<Row>> batches = List.of(first, second);
      Instant[] times = {COMMIT_1, COMMIT_2};
      for (int k = 0; k < 2; k++) {
        Pipeline p = Runners.pipeline();
        create(p, "Batch " + k, UPSERTS, batches.get(k))
            .apply("Merge", MergeWrite.to(dataset.toString())
                .withStrategy(Merge.upsertStream("city").withSequenceColumn("seq"))
                .withWrite(OdfIO.write().withSystemTime(times[k])));
        Runners.run(p);
      }
    }

    @Test
    void recordsAfterBothCommits() {
      Schema s = RunnerIT.datasetSchema(dataset);
      List<Row> expected = new ArrayList<>(List.of(
          // Commit 1: one +A per key (paris: the row with the greater seq), offsets by primary key.
          stored(s, 0, A, COMMIT_1, hour(0), "oslo", 10),
          stored(s, 1, A, COMMIT_1, hour(10), "paris", 25),
          stored(s, 2, A, COMMIT_1, hour(2), "quito", 30),
          stored(s, 3, A, COMMIT_1, hour(3), "riga", 40),
          stored(s, 4, A, COMMIT_1, hour(4), "rome", 50),
          stored(s, 5, A, COMMIT_1, hour(5), "seoul", 60),
          stored(s, 6, A, COMMIT_1, hour(6), "sofia", 70),
          stored(s, 7, A, COMMIT_1, hour(7), "tokyo", 80),
          stored(s, 8, A, COMMIT_1, hour(8), "vienna", 90),
          stored(s, 9, A, COMMIT_1, hour(9), "warsaw", 100),
          // Commit 2: by primary key then op; -C and -R carry the stored values.
          stored(s, 10, A, COMMIT_2, hour(36), "minsk", 5),
          stored(s, 11, CF, COMMIT_2, hour(10), "paris", 25),
          stored(s, 12, CT, COMMIT_2, hour(30), "paris", 27),
          stored(s, 13, R, COMMIT_2, hour(6), "sofia", 70),
          stored(s, 14, CF, COMMIT_2, hour(7), "tokyo", 80),
          stored(s, 15, CT, COMMIT_2, hour(33), "tokyo", 82),
          stored(s, 16, R, COMMIT_2, hour(8), "vienna", 90),
          stored(s, 17, A, COMMIT_2, hour(37), "zagreb", 6)));
      assertRecords(dataset, expected);
    }

    @Test
    void secondCommitCarriesTheMergeCheckpoint() {
      assertCheckpointsChained(dataset);
    }

    @Test
    void slicesAreTheSameOnEveryRunner() throws IOException {
      List<String> slices = RunnerITPipelines.slices(dataset);
      List<String> intervals = slices.stream().map(s -> s.substring(0, s.indexOf(' '))).toList();
      assertThat(intervals, equalTo(List.of("0..9", "10..17")));
      compareAcrossRunners("upsert-stream", slices);
    }

    @Test
    void odfVerifyIsClean() throws Exception {
      assertVerifies(dataset);
    }
  }
}
