package org.odfbeam.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.model.DataSlice;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.data.SliceFile;
import org.odfbeam.data.SliceWriter;

/** The commit step on its own: retries recognise their landed commit, racing writers get a conflict. */
class CommitBlocksTest {
  @TempDir
  Path tmp;

  private WriteSettings settings(String dataset) {
    return OdfIO.write().to(dataset).withSystemTime(OdfWriteTest.SYSTEM_TIME).settings(OdfWriteTest.INPUT);
  }

  static CommitBlocks step(WriteSettings settings) {
    return new CommitBlocks(settings, new TupleTag<WritePlan>(), new TupleTag<WrittenSlice>());
  }

  /** Stores one slice of {@code cities} at the plan's first offset, as WriteSlices would. */
  static WrittenSlice slice(WriteSettings settings, WritePlan plan, Path tmp, String... cities) {
    LocalFsDatasetStorage storage = LocalFsDatasetStorage.open(settings.dataset());
    storage.init();
    try (SliceWriter.Session s = SliceWriter.of(plan.targetSchema()).open(tmp.resolve(cities[0] + ".parquet"),
        plan.firstOffset(), new org.joda.time.Instant(plan.systemTime().toEpochMilli()))) {
      for (String c : cities) {
        s.append(Row.withSchema(s.appendSchema()).addValues(new org.joda.time.Instant(1000), c, 1L).build());
      }
      SliceFile f = s.finish().orElseThrow();
      storage.moveDataIn(f.slice().physicalHash(), f.file());
      return new WrittenSlice(0, f.slice(), 1000L);
    }
  }

  @Test
  void retriedCommitReturnsTheLandedBlocksInsteadOfCommittingTwice() {
    String dataset = tmp.resolve("ds").toString();
    WriteSettings settings = settings(dataset);
    WritePlan plan = PlanCommit.plan(settings, Instant.now());
    WrittenSlice slice = slice(settings, plan, tmp, "a", "b");

    List<CommittedBlock> first = step(settings).commit(plan, List.of(slice));
    Optional<Multihash> head = LocalFsDatasetStorage.open(dataset).readHead();
    List<CommittedBlock> retry = step(settings).commit(plan, List.of(slice));

    assertThat(first, hasSize(3)); // Seed, SetDataSchema, AddData
    assertThat(retry, equalTo(first));
    assertThat(LocalFsDatasetStorage.open(dataset).readHead(), equalTo(head));
    assertThat(OdfWriteTest.slices(dataset), hasSize(1));
    OdfWriteTest.assertVerifies(dataset);
  }

  /**
   * A retry that re-ran the slice writers in another JVM has the same records but possibly other file bytes
   * (parquet-mr may list a column chunk's encodings in another order): it is recognised by logical hash and offsets.
   */
  @Test
  void retryWithRewrittenFilesIsRecognisedByLogicalHash() {
    String dataset = tmp.resolve("ds").toString();
    WriteSettings settings = settings(dataset);
    WritePlan plan = PlanCommit.plan(settings, Instant.now());
    WrittenSlice slice = slice(settings, plan, tmp, "a", "b");
    List<CommittedBlock> first = step(settings).commit(plan, List.of(slice));
    Optional<Multihash> head = LocalFsDatasetStorage.open(dataset).readHead();

    DataSlice s = slice.slice();
    WrittenSlice rewritten = new WrittenSlice(slice.index(), new DataSlice(s.logicalHash(),
        Multihash.sha3_256("other bytes, same records".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        s.offsetInterval(), s.size()), slice.maxEventTimeMillis());
    assertThat(step(settings).commit(plan, List.of(rewritten)), equalTo(first));
    assertThat(LocalFsDatasetStorage.open(dataset).readHead(), equalTo(head));

    // Other records at the same offsets are another writer's commit, not ours.
    WrittenSlice other = new WrittenSlice(slice.index(), new DataSlice(
        Multihash.sha3_256("other records".getBytes(java.nio.charset.StandardCharsets.UTF_8)), s.physicalHash(),
        s.offsetInterval(), s.size()), slice.maxEventTimeMillis());
    assertThrows(ConcurrentWriteException.class, () -> step(settings).commit(plan, List.of(other)));
    assertThat(LocalFsDatasetStorage.open(dataset).readHead(), equalTo(head));
  }

  @Test
  void retryRecognisesItsCommitAfterLaterCommitsOfOthers() {
    String dataset = tmp.resolve("ds").toString();
    WriteSettings settings = settings(dataset);
    WritePlan plan = PlanCommit.plan(settings, Instant.now());
    WrittenSlice slice = slice(settings, plan, tmp, "a");
    List<CommittedBlock> first = step(settings).commit(plan, List.of(slice));

    WritePlan next = PlanCommit.plan(settings, Instant.now());
    step(settings).commit(next, List.of(slice(settings, next, tmp, "later")));

    assertThat(step(settings).commit(plan, List.of(slice)), equalTo(first));
    assertThat(OdfWriteTest.slices(dataset), hasSize(2));
  }

  @Test
  void racingWriterFailsWithAConflictAndLeavesTheChainValid() {
    String dataset = tmp.resolve("ds").toString();
    WriteSettings settings = settings(dataset);
    step(settings).commit(PlanCommit.plan(settings, Instant.now()),
        List.of(slice(settings, PlanCommit.plan(settings, Instant.now()), tmp, "first")));

    WritePlan ours = PlanCommit.plan(settings, Instant.now());
    WrittenSlice ourSlice = slice(settings, ours, tmp, "ours");
    WritePlan theirs = PlanCommit.plan(settings, Instant.now());
    step(settings).commit(theirs, List.of(slice(settings, theirs, tmp, "theirs"))); // lands between plan and commit
    Optional<Multihash> head = LocalFsDatasetStorage.open(dataset).readHead();

    ConcurrentWriteException e = assertThrows(ConcurrentWriteException.class,
        () -> step(settings).commit(ours, List.of(ourSlice)));
    assertThat(e.getMessage(), containsString("Cannot commit to dataset did:odf:"));
    assertThat(e.getMessage(), containsString("another writer moved refs/head from " + ours.headHash()));
    assertThat(LocalFsDatasetStorage.open(dataset).readHead(), equalTo(head));
    assertThat(OdfWriteTest.slices(dataset), hasSize(2));
    AddData last = (AddData) OdfWriteTest.forward(dataset).get(3).block().event();
    assertThat(last.newData().offsetInterval().start(), is(1L));
    OdfWriteTest.assertVerifies(dataset);
  }

  @Test
  void emptyInputCommitsNothing() {
    String dataset = tmp.resolve("ds").toString();
    WriteSettings settings = settings(dataset);
    assertThat(step(settings).commit(PlanCommit.plan(settings, Instant.now()), List.of()), hasSize(0));
    assertThat(LocalFsDatasetStorage.open(dataset).readHead(), equalTo(Optional.empty()));
  }
}
