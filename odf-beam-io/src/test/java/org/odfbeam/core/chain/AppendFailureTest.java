package org.odfbeam.core.chain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.odfbeam.core.testing.OdfMatchers.hasHead;
import static org.odfbeam.core.testing.OdfMatchers.hasHeadAt;
import static org.odfbeam.core.testing.OdfMatchers.isValidChain;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.model.DataSlice;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.model.OffsetInterval;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.core.storage.RefCasException;
import org.odfbeam.core.testing.FaultyStorage;
import org.odfbeam.core.testing.TestDataset;
import org.odfbeam.core.testing.TestDatasets;

/** Compare-and-swap, racing writers, and what a failed append leaves behind. */
class AppendFailureTest {
  @TempDir Path dir;

  @Test
  void racingAppendersFromTheSameHeadExactlyOneWins() throws Exception {
    TestDataset ds = TestDatasets.root(dir).build();
    Multihash base = ds.chain().headHash().orElseThrow();
    MetadataBlock a = ds.next(ds.nextAddData(5));
    MetadataBlock b = ds.next(ds.nextAddData(7));
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<BlockRef>> results = new ArrayList<>();
      for (MetadataBlock block : List.of(a, b)) {
        MetadataChain own = new MetadataChain(new LocalFsDatasetStorage(dir));
        results.add(pool.submit(() -> {
          start.await();
          return own.append(block);
        }));
      }
      start.countDown();
      int wins = 0;
      List<Throwable> losses = new ArrayList<>();
      for (Future<BlockRef> f : results) {
        try {
          f.get();
          wins++;
        } catch (java.util.concurrent.ExecutionException e) {
          losses.add(e.getCause());
        }
      }
      assertThat(wins, equalTo(1));
      assertThat(losses.get(0), instanceOf(RefCasException.class));
      assertThat(losses.get(0).getMessage(), containsString("expected " + base));
    } finally {
      pool.shutdownNow();
    }
    assertThat(ds.chain(), allOf(hasHeadAt(4), isValidChain()));
  }

  @Test
  void blockBuiltOnAnOlderHeadFailsWithRefCas() {
    TestDataset ds = TestDatasets.root(dir).build();
    MetadataBlock stale = ds.next(ds.nextAddData(5));
    Multihash winner = ds.appendData(3).hash();

    RefCasException e = assertThrows(RefCasException.class, () -> ds.chain().append(stale));

    assertThat(e.getMessage(), containsString("head is " + winner));
    assertThat(ds.chain(), allOf(hasHead(winner), isValidChain()));
  }

  @Test
  void invalidBlockWritesNothing() throws Exception {
    TestDataset ds = TestDatasets.root(dir).build();
    Multihash head = ds.chain().headHash().orElseThrow();
    long blockFiles = countBlockFiles();
    MetadataBlock next = ds.next(ds.nextAddData(5));
    MetadataBlock wrongSeq = new MetadataBlock(next.systemTime(), next.prevBlockHash(), 9,
        next.event());

    assertThrows(SequenceIntegrityException.class, () -> ds.chain().append(wrongSeq));

    assertThat(ds.chain(), hasHead(head));
    assertThat(countBlockFiles(), equalTo(blockFiles));
  }

  @Test
  void blockWhoseDataFileIsMissingIsRejectedBeforeAnythingIsWritten() throws Exception {
    TestDataset ds = TestDatasets.root(dir).build();
    Multihash head = ds.chain().headHash().orElseThrow();
    long blockFiles = countBlockFiles();
    Multihash neverStored = Multihash.sha3_256("not stored".getBytes());
    AddData add = new AddData(null, 19L, new DataSlice(neverStored, neverStored,
        new OffsetInterval(20, 29), 10), null, TestDatasets.T0.plusSeconds(100), null, null);

    MissingObjectException e = assertThrows(MissingObjectException.class,
        () -> ds.chain().append(ds.next(add)));

    assertThat(e.getMessage(), allOf(containsString("Cannot append block 4 "),
        containsString("newData declares data file " + neverStored + " which is not in storage")));
    assertThat(ds.chain(), hasHead(head));
    assertThat(countBlockFiles(), equalTo(blockFiles));
  }

  @Test
  void casFailureBeforeTheRefMovesLeavesHeadUnchangedAndIsUnknownToTheCaller() {
    FaultyStorage[] faulty = new FaultyStorage[1];
    TestDataset ds = TestDatasets.root(dir)
        .storage(p -> faulty[0] = new FaultyStorage(new LocalFsDatasetStorage(p))).build();
    Multihash head = ds.chain().headHash().orElseThrow();
    faulty[0].failNextCasBeforeMove(1);
    MetadataBlock next = ds.next(ds.nextAddData(5));

    CommitStateUnknownException e = assertThrows(CommitStateUnknownException.class,
        () -> ds.chain().append(next));

    assertThat(e.getMessage(), containsString("unknown whether refs/head moved"));
    assertThat(e.getCause(), instanceOf(UncheckedIOException.class));
    assertThat(ds.chain(), allOf(hasHead(head), isValidChain()));
    // resolving: the head is not the block, so the same block can be appended again
    assertThat(ds.chain().append(next).hash(), equalTo(e.blockHash()));
    assertThat(ds.chain(), allOf(hasHead(e.blockHash()), isValidChain()));
  }

  @Test
  void casFailureAfterTheRefMovedIsResolvedByReadingTheHead() {
    FaultyStorage[] faulty = new FaultyStorage[1];
    TestDataset ds = TestDatasets.root(dir)
        .storage(p -> faulty[0] = new FaultyStorage(new LocalFsDatasetStorage(p))).build();
    faulty[0].failNextCasAfterMove(1);

    CommitStateUnknownException e = assertThrows(CommitStateUnknownException.class,
        () -> ds.appendData(5));

    assertThat(ds.chain(), allOf(hasHead(e.blockHash()), hasHeadAt(4), isValidChain()));
  }

  @Test
  void blockWriteFailureLeavesHeadUnchanged() {
    FaultyStorage[] faulty = new FaultyStorage[1];
    TestDataset ds = TestDatasets.root(dir)
        .storage(p -> faulty[0] = new FaultyStorage(new LocalFsDatasetStorage(p))).build();
    Multihash head = ds.chain().headHash().orElseThrow();
    faulty[0].failNextBlockWrites(1);

    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ds.appendData(5));

    assertThat(e.getMessage(), containsString("injected failure: block write"));
    assertThat(ds.chain(), allOf(hasHead(head), isValidChain()));
  }

  private long countBlockFiles() throws Exception {
    try (Stream<Path> files = Files.list(dir.resolve("blocks"))) {
      return files.filter(p -> !p.getFileName().toString().startsWith(".")).count();
    }
  }
}
