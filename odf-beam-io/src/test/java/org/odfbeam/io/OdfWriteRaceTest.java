package org.odfbeam.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.odfbeam.core.testing.OdfMatchers.blockWithEvent;
import static org.odfbeam.core.testing.OdfMatchers.hasBlocks;
import static org.odfbeam.core.testing.OdfMatchers.hasHead;
import static org.odfbeam.core.testing.OdfMatchers.hasHeadAt;
import static org.odfbeam.core.testing.OdfMatchers.hasOffsets;
import static org.odfbeam.core.testing.OdfMatchers.isValidChain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.Pipeline.PipelineExecutionException;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.storage.LocalFsDatasetStorage;

/**
 * Two running pipelines write to the same dataset and race: both plan on the same head, then both commit. The
 * commit's compare-and-swap lets exactly one win; the other fails with {@link ConcurrentWriteException}.
 *
 * <p>To make the race certain rather than likely, the test sets {@link CommitBlocks#beforeCommitHook} to a barrier
 * of two: each pipeline's commit step waits there until the other's has arrived too, that is until both runs have
 * made their plan (read {@code refs/head}) and written their slices. Then both commit at once and the compare-and-swap
 * decides the winner, which the test does not fix.
 */
class OdfWriteRaceTest {
  /** The blocks each named pipeline emitted, collected on the Direct runner's worker threads. */
  private static final Map<String, List<CommittedBlock>> COMMITTED = new ConcurrentHashMap<>();

  @TempDir
  Path tmp;

  @AfterEach
  void removeHook() {
    CommitBlocks.beforeCommitHook = null;
    COMMITTED.clear();
  }

  /** Records a pipeline's output blocks under its name. */
  private static final class Collect extends DoFn<CommittedBlock, Void> {
    private static final long serialVersionUID = 1L;
    private final String name;

    Collect(String name) {
      this.name = name;
    }

    @ProcessElement
    public void processElement(@Element CommittedBlock block) {
      COMMITTED.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(block);
    }
  }

  /** Runs writer {@code name}'s pipeline to completion; null on success, else its failure. */
  private static Throwable attempt(String name, String dataset, List<Row> rows) {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    p.apply("Rows of " + name, Create.of(rows).withRowSchema(OdfWriteTest.INPUT))
        .apply("Write " + name, OdfIO.write().to(dataset).withSystemTime(OdfWriteTest.SYSTEM_TIME.plusSeconds(60)))
        .apply("Collect " + name, ParDo.of(new Collect(name)));
    try {
      p.run().waitUntilFinish();
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }

  private static String lastBlockHash(String name) {
    return COMMITTED.get(name).stream().max(Comparator.comparingLong(CommittedBlock::sequenceNumber))
        .orElseThrow().blockHash();
  }

  private static List<String> cities(List<Row> rows) {
    return rows.stream().map(r -> r.getString("city")).toList();
  }

  @Test
  void ofTwoPipelinesRacingOnTheSameHeadExactlyOneCommitsAndTheLoserCanReRun() throws Exception {
    String dataset = tmp.resolve("cities").toString();
    OdfWriteTest.run(dataset, OdfWriteTest.tenCities(), OdfIO.write().withSystemTime(OdfWriteTest.SYSTEM_TIME));
    LocalFsDatasetStorage storage = LocalFsDatasetStorage.open(dataset);
    MetadataChain chain = new MetadataChain(storage);
    Multihash base = storage.readHead().orElseThrow(); // offsets 0-9, sequence number 2

    List<Row> rowsA = List.of(OdfWriteTest.city(7_000_000L, "a1", 1), OdfWriteTest.city(8_000_000L, "a2", 2));
    List<Row> rowsB = List.of(OdfWriteTest.city(7_500_000L, "b1", 3), OdfWriteTest.city(8_500_000L, "b2", 4));
    CyclicBarrier bothPlanned = new CyclicBarrier(2);
    CommitBlocks.beforeCommitHook = location -> {
      if (location.equals(dataset)) {
        try {
          bothPlanned.await(120, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException("The other pipeline did not reach its commit step", e);
        }
      }
    };
    ExecutorService threads = Executors.newFixedThreadPool(2);
    Throwable failureA;
    Throwable failureB;
    try {
      Future<Throwable> a = threads.submit(() -> attempt("A", dataset, rowsA));
      Future<Throwable> b = threads.submit(() -> attempt("B", dataset, rowsB));
      failureA = a.get(300, TimeUnit.SECONDS);
      failureB = b.get(300, TimeUnit.SECONDS);
    } finally {
      threads.shutdownNow();
      CommitBlocks.beforeCommitHook = null;
    }

    // Exactly one pipeline succeeded.
    assertThat("exactly one writer fails; A: " + failureA + ", B: " + failureB,
        (failureA == null) != (failureB == null), is(true));
    String winner = failureA == null ? "A" : "B";
    String loser = failureA == null ? "B" : "A";
    List<Row> winnerRows = failureA == null ? rowsA : rowsB;
    List<Row> loserRows = failureA == null ? rowsB : rowsA;
    Throwable failure = failureA == null ? failureB : failureA;

    // The loser fails with the conflict, after planning on the same head as the winner.
    assertThat(failure, instanceOf(PipelineExecutionException.class));
    assertThat(failure.getCause(), instanceOf(ConcurrentWriteException.class));
    assertThat(ConcurrentWriteException.isCauseOf(failure), is(true));
    assertThat(failure.getCause().getMessage(), containsString("another writer moved refs/head from " + base));
    assertThat(COMMITTED.get(loser), is(nullValue()));

    // The chain holds the winner's commit only, and refs/head is its last block.
    assertThat(COMMITTED.get(winner), hasSize(1));
    assertThat(chain, allOf(hasHead(Multihash.parse(lastBlockHash(winner))), hasHeadAt(3), hasBlocks(4),
        isValidChain()));
    assertThat(chain.head().orElseThrow(), allOf(blockWithEvent(AddData.class), hasOffsets(10, 11)));
    List<Row> rows = OdfWriteTest.readAll(dataset);
    assertThat(cities(rows.subList(10, 12)), equalTo(cities(winnerRows)));

    // Re-running the loser writes on top of the winner, continuing the offsets.
    Throwable rerun = attempt(loser + " again", dataset, loserRows);
    assertThat(String.valueOf(rerun), rerun, is(nullValue()));
    assertThat(chain, allOf(hasHead(Multihash.parse(lastBlockHash(loser + " again"))), hasHeadAt(4),
        hasBlocks(5), isValidChain()));
    assertThat(chain.head().orElseThrow(), allOf(blockWithEvent(AddData.class), hasOffsets(12, 13)));
    AddData last = (AddData) chain.head().orElseThrow().block().event();
    assertThat(last.prevOffset(), is(11L));
    List<Row> all = OdfWriteTest.readAll(dataset);
    assertThat(all, hasSize(14));
    List<String> expected = new ArrayList<>(cities(winnerRows));
    expected.addAll(cities(loserRows));
    assertThat(cities(all.subList(10, 14)), equalTo(expected));
    assertThat(all.stream().map(r -> r.getInt64("offset")).toList().subList(10, 14),
        contains(10L, 11L, 12L, 13L));
    assertThat(COMMITTED.get(loser + " again"), notNullValue());
  }
}
