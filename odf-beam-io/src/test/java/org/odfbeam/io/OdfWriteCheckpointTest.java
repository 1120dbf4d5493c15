package org.odfbeam.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.core.chain.BlockRef;
import org.odfbeam.core.chain.DatasetVerifier;
import org.odfbeam.core.chain.VerificationReport.Problem;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.model.Checkpoint;
import org.odfbeam.core.model.MetadataEvent;
import org.odfbeam.core.model.SourceState;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.core.storage.ObjectKind;

/**
 * Checkpoints and source state of root writes: the {@code prevCheckpoint} chain, {@code withCheckpoint},
 * {@code withCheckpointOfWrittenRecords}, {@code withSourceState}, {@code withExpectedHead}, and the rules of
 * kamu-cli's chain validation they must satisfy
 * ({@code kamu-data/kamu-cli:src/odf/dataset-impl/src/entities/metadata_chain_validators.rs}, ported in
 * {@code DataEventRules}).
 */
class OdfWriteCheckpointTest {
  private static final Instant T0 = OdfWriteTest.SYSTEM_TIME;
  private static final byte[] STATE_A = "state A".getBytes(StandardCharsets.UTF_8);
  private static final byte[] STATE_B = "state B, a little longer".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path tmp;

  private static Pipeline pipeline() {
    return Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
  }

  /** Writes {@code rows} with {@code checkpoints} (zero or more elements) as the checkpoint input. */
  private static void runWithCheckpoint(String dataset, List<Row> rows, OdfWrite write, byte[]... checkpoints) {
    Pipeline p = pipeline();
    PCollection<byte[]> checkpoint = checkpoints.length == 0
        ? p.apply("No checkpoint", Create.empty(ByteArrayCoder.of()))
        : p.apply("Checkpoint", Create.of(List.of(checkpoints)).withCoder(ByteArrayCoder.of()));
    input(p, rows).apply(write.to(dataset).withCheckpoint(checkpoint));
    p.run().waitUntilFinish();
  }

  private static PCollection<Row> input(Pipeline p, List<Row> rows) {
    return rows.isEmpty()
        ? p.apply("No rows", Create.empty(RowCoder.of(OdfWriteTest.INPUT))).setRowSchema(OdfWriteTest.INPUT)
        : p.apply("Rows", Create.of(rows).withRowSchema(OdfWriteTest.INPUT));
  }

  private static List<AddData> addData(String dataset) {
    List<AddData> out = new ArrayList<>();
    for (BlockRef b : OdfWriteTest.forward(dataset)) {
      if (b.block().event() instanceof AddData a) {
        out.add(a);
      }
    }
    return out;
  }

  private static Multihash head(String dataset) {
    return LocalFsDatasetStorage.open(dataset).readHead().orElseThrow();
  }

  private static List<Row> cities(String prefix, int n, long eventMillis) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(OdfWriteTest.city(eventMillis + i, prefix + i, i));
    }
    return rows;
  }

  // ---- prevCheckpoint chain -------------------------------------------------------------------------------------

  @Test
  void aWriteAfterACheckpointCarriesItAsPrevCheckpointAndDropsIt() {
    String dataset = tmp.resolve("ds").toString();
    runWithCheckpoint(dataset, cities("a", 3, 1000), OdfIO.write().withSystemTime(T0), STATE_A);
    OdfWriteTest.run(dataset, cities("b", 2, 5000), OdfIO.write().withSystemTime(T0.plusSeconds(1)));

    List<AddData> adds = addData(dataset);
    assertThat(adds, hasSize(2));
    Multihash a = Multihash.sha3_256(STATE_A);
    assertThat(adds.get(0).prevCheckpoint(), is(nullValue()));
    assertThat(adds.get(0).newCheckpoint(), equalTo(new Checkpoint(a, STATE_A.length)));
    // kamu's CheckpointMismatch rule: the next AddData must name the previous checkpoint.
    assertThat(adds.get(1).prevCheckpoint(), equalTo(a));
    assertThat(adds.get(1).newCheckpoint(), is(nullValue()));
    OdfWriteTest.assertVerifies(dataset);
  }

  @Test
  void theCheckpointChainRunsBlockToBlockWithinACommitAndTheLastBlockCarriesTheNewCheckpoint() {
    String dataset = tmp.resolve("ds").toString();
    runWithCheckpoint(dataset, cities("a", 2, 1000), OdfIO.write().withSystemTime(T0), STATE_A);
    runWithCheckpoint(dataset, cities("b", 5, 5000), OdfIO.write().withSystemTime(T0.plusSeconds(1))
        .withMaxRecordsPerSlice(2), STATE_B);

    List<AddData> adds = addData(dataset);
    assertThat(adds, hasSize(4)); // 1 + 3 slices
    Multihash a = Multihash.sha3_256(STATE_A);
    Multihash b = Multihash.sha3_256(STATE_B);
    assertThat(adds.get(1).prevCheckpoint(), equalTo(a));
    assertThat(adds.get(1).newCheckpoint(), is(nullValue()));
    assertThat(adds.get(2).prevCheckpoint(), is(nullValue()));
    assertThat(adds.get(2).newCheckpoint(), is(nullValue()));
    assertThat(adds.get(3).prevCheckpoint(), is(nullValue()));
    assertThat(adds.get(3).newCheckpoint(), equalTo(new Checkpoint(b, STATE_B.length)));
    OdfWriteTest.assertVerifies(dataset);
  }

  // ---- withCheckpoint -------------------------------------------------------------------------------------------

  @Test
  void theCheckpointIsStoredUnderItsHashAndVerifies() throws IOException {
    String dataset = tmp.resolve("ds").toString();
    runWithCheckpoint(dataset, cities("a", 3, 1000), OdfIO.write().withSystemTime(T0), STATE_A);

    LocalFsDatasetStorage storage = LocalFsDatasetStorage.open(dataset);
    Multihash hash = Multihash.sha3_256(STATE_A);
    Path file = storage.root().resolve("checkpoints").resolve(hash.toString());
    assertThat(Files.readAllBytes(file), equalTo(STATE_A));
    assertThat(new DatasetVerifier(storage).verify().checkpointFiles(), is(1L));
    OdfWriteTest.assertVerifies(dataset);
    try (Stream<Path> staged = Files.list(storage.root().resolve("checkpoints"))) {
      assertThat(staged.map(f -> f.getFileName().toString()).toList(), contains(hash.toString()));
    }
  }

  @Test
  void verificationNoticesATamperedCheckpoint() throws IOException {
    String dataset = tmp.resolve("ds").toString();
    runWithCheckpoint(dataset, cities("a", 3, 1000), OdfIO.write().withSystemTime(T0), STATE_A);
    LocalFsDatasetStorage storage = LocalFsDatasetStorage.open(dataset);
    Files.write(storage.objectPath(ObjectKind.CHECKPOINT, Multihash.sha3_256(STATE_A)), STATE_B);

    Multihash hash = Multihash.sha3_256(STATE_A);
    List<String> problems = new DatasetVerifier(storage).verify().problems().stream().map(Problem::message).toList();
    assertThat(problems, contains("checkpoint " + hash + " has size " + STATE_B.length + " (expected "
        + STATE_A.length + ")", "checkpoint " + hash + " content hashes to " + Multihash.sha3_256(STATE_B)
        + " (expected " + hash + ")"));
  }

  @Test
  void anEmptyInputWithANewCheckpointCommitsOneAddDataCarryingOffsetAndWatermark() {
    String dataset = tmp.resolve("ds").toString();
    runWithCheckpoint(dataset, cities("a", 3, 1000), OdfIO.write().withSystemTime(T0), STATE_A);
    AddData first = addData(dataset).get(0);

    runWithCheckpoint(dataset, List.of(), OdfIO.write().withSystemTime(T0.plusSeconds(1)), STATE_B);

    List<AddData> adds = addData(dataset);
    assertThat(adds, hasSize(2));
    AddData only = adds.get(1);
    assertThat(only, equalTo(new AddData(Multihash.sha3_256(STATE_A), 2L, null,
        new Checkpoint(Multihash.sha3_256(STATE_B), STATE_B.length), first.newWatermark(), null, null)));
    OdfWriteTest.assertVerifies(dataset);
  }

  @Test
  void anEmptyInputWithTheLastCheckpointOrNoneCommitsNothing() {
    String dataset = tmp.resolve("ds").toString();
    runWithCheckpoint(dataset, cities("a", 3, 1000), OdfIO.write().withSystemTime(T0), STATE_A);
    Multihash head = head(dataset);

    runWithCheckpoint(dataset, List.of(), OdfIO.write().withSystemTime(T0.plusSeconds(1)), STATE_A);
    runWithCheckpoint(dataset, List.of(), OdfIO.write().withSystemTime(T0.plusSeconds(2)));
    OdfWriteTest.run(dataset, List.of(), OdfIO.write().withSystemTime(T0.plusSeconds(3)));

    assertThat(head(dataset), equalTo(head));
  }

  @Test
  void aNewDatasetIsNotCreatedByACheckpointAlone() {
    String dataset = tmp.resolve("ds").toString();
    runWithCheckpoint(dataset, List.of(), OdfIO.write().withSystemTime(T0), STATE_A);
    assertThat(LocalFsDatasetStorage.open(dataset).readHead(), equalTo(Optional.empty()));
  }

  @Test
  void twoCheckpointsFailTheCommitAndLeaveTheHead() {
    String dataset = tmp.resolve("ds").toString();
    OdfWriteTest.run(dataset, cities("a", 3, 1000), OdfIO.write().withSystemTime(T0));
    Multihash head = head(dataset);

    RuntimeException e = assertThrows(RuntimeException.class, () -> runWithCheckpoint(dataset, cities("b", 1, 9000),
        OdfIO.write().withSystemTime(T0.plusSeconds(1)), STATE_A, STATE_B));
    assertThat(OdfWriteTest.messages(e), containsString(
        "withCheckpoint() requires at most one checkpoint, but its PCollection holds 2 elements"));
    assertThat(head(dataset), equalTo(head));
  }

  @Test
  void aCheckpointOfAnotherPipelineIsRejected() {
    Pipeline p = pipeline();
    PCollection<byte[]> other = pipeline().apply(Create.of(List.of(STATE_A)).withCoder(ByteArrayCoder.of()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> input(p, cities("a", 1, 0))
        .apply(OdfIO.write().to(tmp.resolve("ds").toString()).withCheckpoint(other)));
    assertThat(e.getMessage(), containsString("the PCollection given to withCheckpoint() belongs to another"
        + " pipeline than the input"));
  }

  @Test
  void aRetriedCommitWithACheckpointIsRecognisedAndADifferentCheckpointIsAConflict() {
    String dataset = tmp.resolve("ds").toString();
    WriteSettings settings = OdfIO.write().to(dataset).withSystemTime(T0).settings(OdfWriteTest.INPUT);
    WritePlan plan = PlanCommit.plan(settings, Instant.now());
    WrittenSlice slice = CommitBlocksTest.slice(settings, plan, tmp, "a", "b");
    CommitBlocks step = CommitBlocksTest.step(settings);

    List<CommittedBlock> first = step.commit(plan, List.of(slice), STATE_A);
    Multihash head = head(dataset);
    assertThat(step.commit(plan, List.of(slice), STATE_A), equalTo(first));
    assertThat(head(dataset), equalTo(head));

    ConcurrentWriteException e = assertThrows(ConcurrentWriteException.class,
        () -> step.commit(plan, List.of(slice), STATE_B));
    assertThat(e.getMessage(), containsString("another writer moved refs/head from <none> to " + head));
    assertThat(head(dataset), equalTo(head));
    OdfWriteTest.assertVerifies(dataset);
  }

  @Test
  void aRetriedCheckpointOnlyCommitIsRecognised() {
    String dataset = tmp.resolve("ds").toString();
    OdfWriteTest.run(dataset, cities("a", 3, 1000), OdfIO.write().withSystemTime(T0));
    WriteSettings settings = OdfIO.write().to(dataset).withSystemTime(T0.plusSeconds(1))
        .settings(OdfWriteTest.INPUT);
    WritePlan plan = PlanCommit.plan(settings, Instant.now());
    CommitBlocks step = CommitBlocksTest.step(settings);

    List<CommittedBlock> first = step.commit(plan, List.of(), STATE_A);
    assertThat(first, hasSize(1));
    assertThat(first.get(0).offsetInterval(), is(nullValue()));
    assertThat(step.commit(plan, List.of(), STATE_A), equalTo(first));
    assertThat(addData(dataset), hasSize(2));
    OdfWriteTest.assertVerifies(dataset);
  }

  // ---- withCheckpointOfWrittenRecords ---------------------------------------------------------------------------

  /** A "state": the stored records' offsets, ops, system times and cities, one line each, sorted. */
  private static final class DescribeRecords extends PTransform<PCollection<Row>, PCollection<byte[]>> {
    @Override
    public PCollection<byte[]> expand(PCollection<Row> records) {
      return records
          .apply(MapElements.into(TypeDescriptor.of(String.class)).via((Row r) -> r.getInt64("offset") + " "
              + r.getInt32("op") + " " + r.getDateTime("system_time").getMillis() + " " + r.getString("city")))
          .apply(Combine.globally(new Lines()))
          .apply(MapElements.into(TypeDescriptor.of(byte[].class))
              .via((String s) -> s.getBytes(StandardCharsets.UTF_8)))
          .setCoder(ByteArrayCoder.of());
    }
  }

  /** Sorted lines joined by newlines ("" when there are none). */
  private static final class Lines implements SerializableFunction<Iterable<String>, String> {
    @Override
    public String apply(Iterable<String> lines) {
      List<String> all = new ArrayList<>();
      lines.forEach(l -> all.addAll(l.isEmpty() ? List.of() : List.of(l.split("\n"))));
      all.sort(null);
      return String.join("\n", all);
    }
  }

  private static byte[] checkpointOfHead(String dataset) {
    AddData last = addData(dataset).get(addData(dataset).size() - 1);
    return LocalFsDatasetStorage.open(dataset).readObject(ObjectKind.CHECKPOINT,
        last.newCheckpoint().physicalHash());
  }

  @Test
  void theCheckpointOfWrittenRecordsSeesTheRecordsAsStored() {
    String dataset = tmp.resolve("ds").toString();
    OdfWriteTest.run(dataset, cities("a", 2, 1000), OdfIO.write().withSystemTime(T0));
    OdfWriteTest.run(dataset, cities("b", 3, 9000), OdfIO.write().withSystemTime(T0.plusSeconds(1))
        .withMaxRecordsPerSlice(2).withCheckpointOfWrittenRecords(new DescribeRecords()));

    long t1 = T0.plusSeconds(1).toEpochMilli();
    assertThat(new String(checkpointOfHead(dataset), StandardCharsets.UTF_8),
        equalTo("2 0 " + t1 + " b0\n3 0 " + t1 + " b1\n4 0 " + t1 + " b2"));
    assertThat(addData(dataset), hasSize(3));
    assertThat(addData(dataset).get(1).newCheckpoint(), is(nullValue())); // only the last slice names it
    OdfWriteTest.assertVerifies(dataset);
  }

  @Test
  void theCheckpointOfNoRecordsIsComputedFromAnEmptyCollection() {
    String dataset = tmp.resolve("ds").toString();
    OdfWriteTest.run(dataset, cities("a", 2, 1000), OdfIO.write().withSystemTime(T0));
    Pipeline p = pipeline();
    input(p, List.of()).apply(OdfIO.write().to(dataset).withSystemTime(T0.plusSeconds(1))
        .withCheckpointOfWrittenRecords(new DescribeRecords()));
    p.run().waitUntilFinish();

    List<AddData> adds = addData(dataset);
    assertThat(adds, hasSize(2));
    assertThat(adds.get(1).newData(), is(nullValue()));
    assertThat(adds.get(1).newCheckpoint().size(), is(0L));
    OdfWriteTest.assertVerifies(dataset);
  }

  @Test
  void checkpointOptionsExcludeEachOther() {
    PCollection<byte[]> none = pipeline().apply(Create.empty(ByteArrayCoder.of()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OdfIO.write()
        .withCheckpoint(none).withCheckpointOfWrittenRecords(new DescribeRecords()));
    assertThat(e.getMessage(), equalTo("withCheckpointOfWrittenRecords() and withCheckpoint() exclude each other:"
        + " a commit has one checkpoint"));
  }

  // ---- withSourceState ------------------------------------------------------------------------------------------

  @Test
  void theSourceStateIsRecordedOnTheLastAddDataOnly() {
    String dataset = tmp.resolve("ds").toString();
    OdfWriteTest.run(dataset, cities("a", 5, 1000), OdfIO.write().withSystemTime(T0).withMaxRecordsPerSlice(2)
        .withSourceState(OdfWrite.DEFAULT_SOURCE_NAME, OdfWrite.SOURCE_STATE_ETAG, "\"abc\""));

    List<AddData> adds = addData(dataset);
    assertThat(adds, hasSize(3));
    assertThat(adds.get(0).newSourceState(), is(nullValue()));
    assertThat(adds.get(1).newSourceState(), is(nullValue()));
    assertThat(adds.get(2).newSourceState(), equalTo(new SourceState("default", "odf/etag", "\"abc\"")));
    OdfWriteTest.assertVerifies(dataset);
  }

  @Test
  void anEmptyInputWithANewSourceStateCommitsOnlyTheSourceStateAndTheSameStateCommitsNothing() {
    String dataset = tmp.resolve("ds").toString();
    OdfWrite write = OdfIO.write().withSourceState("default", "odf/last-modified", "2024-01-01T00:00:00Z");
    OdfWriteTest.run(dataset, cities("a", 3, 1000), write.withSystemTime(T0));
    AddData first = addData(dataset).get(0);
    Multihash head = head(dataset);

    OdfWriteTest.run(dataset, List.of(), write.withSystemTime(T0.plusSeconds(1)));
    assertThat(head(dataset), equalTo(head));

    OdfWrite newer = OdfIO.write().withSourceState("default", "odf/last-modified", "2024-02-01T00:00:00Z");
    OdfWriteTest.run(dataset, List.of(), newer.withSystemTime(T0.plusSeconds(2)));
    List<AddData> adds = addData(dataset);
    assertThat(adds, hasSize(2));
    // kamu-data/kamu-cli:src/infra/ingest-datafusion/src/writer.rs, "Empty result - carry watermark and propagate
    // source state": prevOffset and newWatermark carried, no data.
    assertThat(adds.get(1), equalTo(new AddData(null, 2L, null, null, first.newWatermark(),
        new SourceState("default", "odf/last-modified", "2024-02-01T00:00:00Z"), null)));
    OdfWriteTest.assertVerifies(dataset);
  }

  @Test
  void withSourceStateChecksItsArguments() {
    IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
        () -> OdfIO.write().withSourceState(" ", "odf/etag", "x"));
    assertThat(name.getMessage(), equalTo("withSourceState() requires a source name (kamu's is 'default'), but was"
        + " ' '"));
    IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
        () -> OdfIO.write().withSourceState("default", "", "x"));
    assertThat(kind.getMessage(), equalTo("withSourceState() requires a kind such as 'odf/etag' or"
        + " 'odf/last-modified', but was ''"));
    IllegalArgumentException time = assertThrows(IllegalArgumentException.class,
        () -> OdfIO.write().withSourceState("default", "odf/last-modified", "yesterday"));
    assertThat(time.getMessage(), equalTo("withSourceState() kind 'odf/last-modified' requires an RFC 3339"
        + " date-time such as 2024-01-01T12:00:00Z, but was 'yesterday'"));
  }

  @Test
  void sourceStateAndCheckpointsAreForRootDatasetsOnly() {
    String root = tmp.resolve("root").toString();
    String out = tmp.resolve("out").toString();
    OdfWriteTest.run(root, cities("a", 2, 1000), OdfIO.write().withSystemTime(T0));
    Pipeline p = pipeline();
    OdfInputs in = OdfInputs.of(p, out).add("cities", root);
    PCollection<Row> rows = in.get("cities").apply(org.apache.beam.sdk.schemas.transforms.Select
        .fieldNames("event_time", "city", "population"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rows.apply(OdfIO.write()
        .to(out).derivedFrom(in).withSourceState("default", "odf/etag", "x")));
    assertThat(e.getMessage(), equalTo("Cannot write to " + out + ": withSourceState() applies to root datasets"
        + " (AddData), but this write is derivedFrom() its inputs (ExecuteTransform)"));
    PCollection<byte[]> none = p.apply(Create.empty(ByteArrayCoder.of()));
    IllegalArgumentException c = assertThrows(IllegalArgumentException.class, () -> rows.apply("Again",
        OdfIO.write().to(out).derivedFrom(in).withCheckpoint(none)));
    assertThat(c.getMessage(), containsString("withCheckpoint() applies to root datasets"));
  }

  // ---- withExpectedHead -----------------------------------------------------------------------------------------

  @Test
  void aWriteExpectingAnotherHeadFailsBeforeWritingAnything() throws IOException {
    String dataset = tmp.resolve("ds").toString();
    OdfWriteTest.run(dataset, cities("a", 2, 1000), OdfIO.write().withSystemTime(T0));
    Multihash expected = head(dataset);
    OdfWriteTest.run(dataset, cities("b", 2, 5000), OdfIO.write().withSystemTime(T0.plusSeconds(1)));
    Multihash moved = head(dataset);
    long dataFiles;
    try (Stream<Path> s = Files.list(LocalFsDatasetStorage.open(dataset).root().resolve("data"))) {
      dataFiles = s.count();
    }

    RuntimeException e = assertThrows(RuntimeException.class, () -> OdfWriteTest.run(dataset, cities("c", 2, 9000),
        OdfIO.write().withSystemTime(T0.plusSeconds(2)).withExpectedHead(expected.toString())));
    assertThat(ConcurrentWriteException.isCauseOf(e), is(true));
    assertThat(OdfWriteTest.messages(e), containsString("another writer moved refs/head from " + expected
        + " (given to withExpectedHead()) to " + moved + " after the pipeline was built; nothing was committed"));
    assertThat(head(dataset), equalTo(moved));
    try (Stream<Path> s = Files.list(LocalFsDatasetStorage.open(dataset).root().resolve("data"))) {
      assertThat(s.count(), is(dataFiles));
    }

    OdfWriteTest.run(dataset, cities("c", 2, 9000), OdfIO.write().withSystemTime(T0.plusSeconds(2))
        .withExpectedHead(moved.toString()));
    assertThat(addData(dataset), hasSize(3));
  }

  @Test
  void aWriteExpectingNoHeadCreatesTheDatasetOnlyIfItHasNoBlocks() {
    String dataset = tmp.resolve("ds").toString();
    OdfWriteTest.run(dataset, cities("a", 2, 1000), OdfIO.write().withSystemTime(T0).withExpectedHead(null));
    assertThat(addData(dataset), hasSize(1));
    RuntimeException e = assertThrows(RuntimeException.class, () -> OdfWriteTest.run(dataset, cities("b", 2, 5000),
        OdfIO.write().withSystemTime(T0.plusSeconds(1)).withExpectedHead(null)));
    assertThat(OdfWriteTest.messages(e), containsString("another writer moved refs/head from <none> (given to"
        + " withExpectedHead()) to " + head(dataset)));
  }

  @Test
  void withExpectedHeadChecksTheHash() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OdfIO.write().withExpectedHead("head"));
    assertThat(e.getMessage(), containsString("withExpectedHead() requires a multibase block hash like f1620… (or"
        + " null for a dataset without blocks), but was 'head'"));
  }

  @Test
  void theChainOfAWriteWithEverythingValidatesAsKamuWould() {
    String dataset = tmp.resolve("ds").toString();
    runWithCheckpoint(dataset, cities("a", 3, 1000), OdfIO.write().withSystemTime(T0)
        .withSourceState("default", "odf/etag", "1"), STATE_A);
    runWithCheckpoint(dataset, cities("b", 3, 5000), OdfIO.write().withSystemTime(T0.plusSeconds(1))
        .withMaxRecordsPerSlice(1).withSourceState("default", "odf/etag", "2"), STATE_B);
    runWithCheckpoint(dataset, List.of(), OdfIO.write().withSystemTime(T0.plusSeconds(2))
        .withSourceState("default", "odf/etag", "3"), STATE_B);
    OdfWriteTest.run(dataset, cities("c", 1, 9000), OdfIO.write().withSystemTime(T0.plusSeconds(3)));

    List<MetadataEvent> events = OdfWriteTest.forward(dataset).stream().map(b -> b.block().event()).toList();
    assertThat(events.get(events.size() - 1), instanceOf(AddData.class));
    List<AddData> adds = addData(dataset);
    assertThat(adds, hasSize(6)); // 1 + 3 + source-state-only + 1
    assertThat(adds.get(4).newCheckpoint().physicalHash(), equalTo(Multihash.sha3_256(STATE_B))); // carried
    assertThat(adds.get(4).prevCheckpoint(), equalTo(Multihash.sha3_256(STATE_B)));
    assertThat(adds.get(5).prevCheckpoint(), equalTo(Multihash.sha3_256(STATE_B)));
    OdfWriteTest.assertVerifies(dataset);
  }
}
