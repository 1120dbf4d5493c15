package org.odfbeam.transforms.merge;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.core.chain.BlockRef;
import org.odfbeam.core.chain.DatasetVerifier;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.chain.VerificationReport;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.core.storage.ObjectKind;
import org.odfbeam.io.ConcurrentWriteException;
import org.odfbeam.io.OdfIO;
import org.odfbeam.transforms.changelog.Changelog;
import org.odfbeam.transforms.changelog.PrimaryKey;

/**
 * {@link MergeWrite} against real datasets: the state comes from the checkpoint (plus records committed after it)
 * or from the whole changelog, and the committed records are the same either way: every case is also run through
 * the plain path ({@code Merge} given {@code OdfIO.read()} as {@link Merge#CHANGELOG}, then {@code OdfIO.write()}
 * ordered by the merge's order column), and the data slices (offsets and logical hashes) must be equal.
 */
class MergeWriteTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final Schema CITIES = Schema.builder().addStringField("city").addInt64Field("population").build();
  private static final Schema CHANGES = Schema.builder().addInt32Field("op").addStringField("city")
      .addInt64Field("population").build();

  @TempDir
  Path tmp;

  private static Pipeline pipeline() {
    return Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
  }

  private static List<Row> cities(Object... cityPopulation) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < cityPopulation.length; i += 2) {
      rows.add(Row.withSchema(CITIES).addValues(cityPopulation[i], ((Number) cityPopulation[i + 1]).longValue())
          .build());
    }
    return rows;
  }

  private static List<Row> changes(Object... opCityPopulation) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < opCityPopulation.length; i += 3) {
      rows.add(Row.withSchema(CHANGES).addValues(opCityPopulation[i], opCityPopulation[i + 1],
          ((Number) opCityPopulation[i + 2]).longValue()).build());
    }
    return rows;
  }

  private static PCollection<Row> create(Pipeline p, List<Row> rows) {
    Schema schema = rows.get(0).getSchema();
    return p.apply("New rows", Create.of(rows).withRowSchema(schema));
  }

  /** One run of {@link MergeWrite}. */
  private static void mergeWrite(String dataset, MergeTransform strategy, Instant systemTime, List<Row> rows) {
    Pipeline p = pipeline();
    create(p, rows).apply(MergeWrite.to(dataset).withStrategy(strategy)
        .withWrite(OdfIO.write().withSystemTime(systemTime)));
    p.run().waitUntilFinish();
  }

  /** One run of the plain path: the merge reads the whole changelog; the write keeps the merge's order. */
  private static void plain(String dataset, MergeTransform strategy, Instant systemTime, List<Row> rows) {
    Pipeline p = pipeline();
    PCollectionTuple in = PCollectionTuple.of(Merge.NEW, create(p, rows));
    if (LocalFsDatasetStorage.open(dataset).readHead().isPresent()) {
      in = in.and(Merge.CHANGELOG, p.apply("Read", OdfIO.read().from(dataset)));
    }
    MergeTransform ordered = strategy instanceof SnapshotMerge s ? s.withOrderColumn("__o")
        : strategy instanceof LedgerMerge l ? l.withOrderColumn("__o")
        : strategy instanceof UpsertStreamMerge u ? u.withOrderColumn("__o")
        : ((ChangelogStreamMerge) strategy).withOrderColumn("__o");
    in.apply(ordered).rows().apply(OdfIO.write().to(dataset).withSystemTime(systemTime).withOrderColumn("__o"));
    p.run().waitUntilFinish();
  }

  /** A plain write of changelog rows (no checkpoint), e.g. what kamu or another tool appends. */
  private static void appendChanges(String dataset, Instant systemTime, List<Row> rows) {
    Pipeline p = pipeline();
    create(p, rows).apply(OdfIO.write().to(dataset).withSystemTime(systemTime).withOrderBy("city", "op"));
    p.run().waitUntilFinish();
  }

  private static List<AddData> addData(String dataset) {
    List<AddData> out = new ArrayList<>();
    for (BlockRef b : new MetadataChain(LocalFsDatasetStorage.open(dataset)).blocks().toList()) {
      if (b.block().event() instanceof AddData a) {
        out.add(0, a);
      }
    }
    return out;
  }

  /** The committed data: each slice's offsets and logical hash, in chain order. */
  private static List<String> data(String dataset) {
    return addData(dataset).stream().filter(a -> a.newData() != null)
        .map(a -> a.newData().offsetInterval() + " " + a.newData().logicalHash()).toList();
  }

  private static void assertVerifies(String dataset) {
    VerificationReport report = new DatasetVerifier(LocalFsDatasetStorage.open(dataset)).verify();
    assertThat(report.summary(), report.isValid(), is(true));
  }

  private static MergeCheckpoint lastCheckpoint(String dataset) {
    List<AddData> adds = addData(dataset);
    AddData last = adds.get(adds.size() - 1);
    assertThat(last.newCheckpoint(), is(notNullValue()));
    return MergeCheckpoint.decode(LocalFsDatasetStorage.open(dataset).readObject(ObjectKind.CHECKPOINT,
        last.newCheckpoint().physicalHash()));
  }

  /** The checkpoint holds what projecting the whole changelog gives. */
  private static void assertCheckpointIsTheCurrentState(String dataset, PrimaryKey key) {
    MergeCheckpoint checkpoint = lastCheckpoint(dataset);
    assertThat(checkpoint.kind(), is(MergeCheckpoint.Kind.CURRENT_STATE));
    List<AddData> adds = addData(dataset);
    AddData last = adds.get(adds.size() - 1);
    Long lastOffset = last.newData() != null ? Long.valueOf(last.newData().offsetInterval().end())
        : last.prevOffset();
    assertThat(checkpoint.lastOffset(), equalTo(lastOffset));
    Pipeline p = pipeline();
    PCollection<Row> state = p.apply(OdfIO.read().from(dataset)).apply(Changelog.currentState(key));
    PAssert.that(state).containsInAnyOrder(checkpoint.rows());
    p.run().waitUntilFinish();
  }

  @Test
  void snapshotsGiveTheSameRecordsWithTheCheckpointAsFromTheWholeChangelog() {
    String a = tmp.resolve("a").toString();
    String b = tmp.resolve("b").toString();
    List<List<Row>> snapshots = List.of(
        cities("vancouver", 1, "seattle", 2, "kyiv", 3),
        cities("seattle", 2, "kyiv", 4, "odessa", 5),
        cities("kyiv", 4, "odessa", 6, "lviv", 7, "vancouver", 8));
    for (int i = 0; i < snapshots.size(); i++) {
      if (i > 0) {
        PriorMergeState prior = PriorMergeState.plan(a, MergeCheckpoint.Kind.CURRENT_STATE, PrimaryKey.of("city"));
        assertThat(prior.unusable(), is(nullValue()));
        assertThat(prior.checkpoint(), is(notNullValue())); // the previous run's
        assertThat(prior.header().lastOffset(), equalTo(prior.lastOffset()));
      }
      mergeWrite(a, Merge.snapshot("city"), T0.plusSeconds(i), snapshots.get(i));
      plain(b, Merge.snapshot("city"), T0.plusSeconds(i), snapshots.get(i));
      assertThat("run " + i, data(a), equalTo(data(b)));
      assertCheckpointIsTheCurrentState(a, PrimaryKey.of("city"));
    }
    assertThat(data(a), hasSize(3));
    assertVerifies(a);
  }

  @Test
  void recordsCommittedAfterTheCheckpointAreReadAndFoldedIn() {
    String a = tmp.resolve("a").toString();
    String b = tmp.resolve("b").toString();
    List<Row> first = cities("vancouver", 1, "seattle", 2, "kyiv", 3);
    mergeWrite(a, Merge.snapshot("city"), T0, first);
    plain(b, Merge.snapshot("city"), T0, first);
    for (String ds : List.of(a, b)) { // someone else retracts kyiv and adds odessa, without a checkpoint
      appendChanges(ds, T0.plusSeconds(1), changes(1, "kyiv", 3, 0, "odessa", 5));
    }
    PriorMergeState prior = PriorMergeState.plan(a, MergeCheckpoint.Kind.CURRENT_STATE, PrimaryKey.of("city"));
    assertThat(prior.checkpoint(), is(notNullValue()));
    assertThat(prior.header().lastOffset(), is(2L));
    assertThat(prior.lastOffset(), is(4L));

    List<Row> snapshot = cities("vancouver", 1, "odessa", 6, "lviv", 7);
    mergeWrite(a, Merge.snapshot("city"), T0.plusSeconds(2), snapshot);
    plain(b, Merge.snapshot("city"), T0.plusSeconds(2), snapshot);
    assertThat(data(a), equalTo(data(b)));
    assertCheckpointIsTheCurrentState(a, PrimaryKey.of("city"));
    assertVerifies(a);
  }

  @Test
  void aMissingCheckpointFallsBackToTheWholeChangelogWithTheSameResult() throws Exception {
    String a = tmp.resolve("a").toString();
    String b = tmp.resolve("b").toString();
    List<Row> first = cities("vancouver", 1, "seattle", 2);
    mergeWrite(a, Merge.snapshot("city"), T0, first);
    plain(b, Merge.snapshot("city"), T0, first);
    LocalFsDatasetStorage storage = LocalFsDatasetStorage.open(a);
    Multihash hash = addData(a).get(0).newCheckpoint().physicalHash();
    Files.delete(storage.objectPath(ObjectKind.CHECKPOINT, hash));

    PriorMergeState prior = PriorMergeState.plan(a, MergeCheckpoint.Kind.CURRENT_STATE, PrimaryKey.of("city"));
    assertThat(prior.checkpoint(), is(nullValue()));
    assertThat(prior.unusable(), containsString("checkpoint " + hash + " is missing from "));

    List<Row> second = cities("seattle", 3, "kyiv", 4);
    mergeWrite(a, Merge.snapshot("city"), T0.plusSeconds(1), second);
    plain(b, Merge.snapshot("city"), T0.plusSeconds(1), second);
    assertThat(data(a), equalTo(data(b)));
    assertCheckpointIsTheCurrentState(a, PrimaryKey.of("city"));
  }

  @Test
  void aCheckpointOfAnotherKeyIsNotUsed() {
    String a = tmp.resolve("a").toString();
    mergeWrite(a, Merge.snapshot("city"), T0, cities("vancouver", 1, "seattle", 2));
    PriorMergeState prior = PriorMergeState.plan(a, MergeCheckpoint.Kind.CURRENT_STATE,
        PrimaryKey.of("city", "population"));
    assertThat(prior.checkpoint(), is(nullValue()));
    assertThat(prior.unusable(), containsString("is keyed by [city], this merge by [city, population]"));
    PriorMergeState ledger = PriorMergeState.plan(a, MergeCheckpoint.Kind.SEEN_KEYS, PrimaryKey.of("city"));
    assertThat(ledger.unusable(), containsString("holds CURRENT_STATE, this merge keeps SEEN_KEYS"));
  }

  @Test
  void aRunWithoutChangesCommitsNothingAndAFirstCheckpointAloneIsCommitted() {
    String a = tmp.resolve("a").toString();
    List<Row> snapshot = cities("vancouver", 1, "seattle", 2);
    // A dataset written without checkpoints: the first MergeWrite finds nothing to change but saves the state.
    plain(a, Merge.snapshot("city"), T0, snapshot);
    assertThat(addData(a).get(0).newCheckpoint(), is(nullValue()));
    mergeWrite(a, Merge.snapshot("city"), T0.plusSeconds(1), snapshot);
    List<AddData> adds = addData(a);
    assertThat(adds, hasSize(2));
    assertThat(adds.get(1).newData(), is(nullValue()));
    assertThat(adds.get(1).prevOffset(), is(1L));
    assertCheckpointIsTheCurrentState(a, PrimaryKey.of("city"));
    Multihash head = LocalFsDatasetStorage.open(a).readHead().orElseThrow();

    mergeWrite(a, Merge.snapshot("city"), T0.plusSeconds(2), snapshot);
    assertThat(LocalFsDatasetStorage.open(a).readHead().orElseThrow(), equalTo(head));
    assertVerifies(a);
  }

  @Test
  void ledgerKeepsTheSeenKeys() {
    String a = tmp.resolve("a").toString();
    String b = tmp.resolve("b").toString();
    List<List<Row>> batches = List.of(
        cities("vancouver", 1, "seattle", 2),
        cities("seattle", 2, "kyiv", 3),
        cities("kyiv", 3, "odessa", 4, "vancouver", 1));
    for (int i = 0; i < batches.size(); i++) {
      mergeWrite(a, Merge.ledger("city"), T0.plusSeconds(i), batches.get(i));
      plain(b, Merge.ledger("city"), T0.plusSeconds(i), batches.get(i));
      assertThat("run " + i, data(a), equalTo(data(b)));
    }
    MergeCheckpoint seen = lastCheckpoint(a);
    assertThat(seen.kind(), is(MergeCheckpoint.Kind.SEEN_KEYS));
    assertThat(seen.lastOffset(), is(3L));
    assertThat(seen.rows().stream().map(r -> r.getString("city")).toList(),
        equalTo(List.of("kyiv", "odessa", "seattle", "vancouver")));
    assertThat(PriorMergeState.plan(a, MergeCheckpoint.Kind.SEEN_KEYS, PrimaryKey.of("city")).checkpoint(),
        is(notNullValue()));
    assertVerifies(a);
  }

  @Test
  void upsertAndChangelogStreamsKeepTheCurrentState() {
    String a = tmp.resolve("a").toString();
    String b = tmp.resolve("b").toString();
    List<List<Row>> batches = List.of(
        changes(0, "vancouver", 1, 0, "seattle", 2, 0, "kyiv", 3),
        changes(0, "vancouver", 5, 1, "seattle", 0),
        changes(0, "seattle", 9, 1, "kyiv", 0));
    for (int i = 0; i < batches.size(); i++) {
      mergeWrite(a, Merge.upsertStream("city"), T0.plusSeconds(i), batches.get(i));
      plain(b, Merge.upsertStream("city"), T0.plusSeconds(i), batches.get(i));
      assertThat("run " + i, data(a), equalTo(data(b)));
      assertCheckpointIsTheCurrentState(a, PrimaryKey.of("city"));
    }
    List<Row> stream = changes(2, "vancouver", 5, 3, "vancouver", 6, 1, "seattle", 9);
    mergeWrite(a, Merge.changelogStream("city"), T0.plusSeconds(3), stream);
    plain(b, Merge.changelogStream("city"), T0.plusSeconds(3), stream);
    assertThat(data(a), equalTo(data(b)));
    assertCheckpointIsTheCurrentState(a, PrimaryKey.of("city"));
    assertVerifies(a);
  }

  @Test
  void appendKeepsNoCheckpoint() {
    String a = tmp.resolve("a").toString();
    mergeWrite(a, Merge.append(), T0, cities("vancouver", 1));
    mergeWrite(a, Merge.append(), T0.plusSeconds(1), cities("vancouver", 1));
    assertThat(data(a), hasSize(2));
    assertThat(addData(a).get(1).newCheckpoint(), is(nullValue()));
  }

  @Test
  void aCommitAfterTheStateWasReadFailsAndCommitsNothing() {
    String a = tmp.resolve("a").toString();
    mergeWrite(a, Merge.snapshot("city"), T0, cities("vancouver", 1));
    Pipeline p = pipeline();
    create(p, cities("vancouver", 2)).apply(MergeWrite.to(a).withStrategy(Merge.snapshot("city"))
        .withWrite(OdfIO.write().withSystemTime(T0.plusSeconds(2))));
    appendChanges(a, T0.plusSeconds(1), changes(0, "kyiv", 3));
    Multihash head = LocalFsDatasetStorage.open(a).readHead().orElseThrow();

    RuntimeException e = assertThrows(RuntimeException.class, () -> p.run().waitUntilFinish());
    assertThat(ConcurrentWriteException.isCauseOf(e), is(true));
    assertThat(LocalFsDatasetStorage.open(a).readHead().orElseThrow(), equalTo(head));
  }

  @Test
  void configurationErrorsAreNamed() {
    String a = tmp.resolve("a").toString();
    Pipeline p = pipeline();
    PCollection<Row> rows = create(p, cities("vancouver", 1));
    IllegalArgumentException noStrategy = assertThrows(IllegalArgumentException.class,
        () -> rows.apply(MergeWrite.to(a)));
    assertThat(noStrategy.getMessage(), equalTo("Cannot merge into " + a + ": withStrategy() is required"));
    IllegalArgumentException sideOutput = assertThrows(IllegalArgumentException.class, () -> rows.apply("Stream",
        MergeWrite.to(a).withStrategy(Merge.upsertStream("city")
            .withUnknownKeyRetractions(UnknownKeyRetractions.SIDE_OUTPUT))));
    assertThat(sideOutput.getMessage(), containsString("UnknownKeyRetractions.SIDE_OUTPUT"));
    IllegalArgumentException blank = assertThrows(IllegalArgumentException.class, () -> MergeWrite.to(" "));
    assertThat(blank.getMessage(), equalTo("MergeWrite.to() requires a dataset path, but was ' '"));
  }

  @Test
  void theStrategyOfASourceEventWorksToo() {
    String a = tmp.resolve("a").toString();
    Pipeline p = pipeline();
    create(p, cities("vancouver", 1)).apply(MergeWrite.to(a)
        .withStrategy(new org.odfbeam.core.model.MergeStrategySnapshot(List.of("city"), null))
        .withWrite(OdfIO.write().withSystemTime(T0)));
    p.run().waitUntilFinish();
    assertThat(lastCheckpoint(a).primaryKey(), equalTo(PrimaryKey.of("city")));
  }
}
