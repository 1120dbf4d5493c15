package org.odfbeam.transforms.merge;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.odfbeam.transforms.testing.KamuFixtures.ORDER;
import static org.odfbeam.transforms.testing.KamuFixtures.VOCAB;
import static org.odfbeam.transforms.testing.KamuFixtures.assertAnyOrder;
import static org.odfbeam.transforms.testing.KamuFixtures.input;
import static org.odfbeam.transforms.testing.KamuFixtures.ledger;
import static org.odfbeam.transforms.testing.KamuFixtures.rows;

import org.apache.beam.sdk.Pipeline.PipelineExecutionException;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odfbeam.data.Vocabulary;
import org.odfbeam.transforms.InvalidDataException;

/**
 * Cases of {@code kamu-data/kamu-cli:src/infra/ingest-datafusion/tests/tests/test_merge_strategy_ledger.rs}
 * (primary key {@code [year, city]}, event time {@code year}), then this library's improvements. kamu's expected
 * order is by event time with ties in input order; a {@code PCollection} has no input order and every row of these
 * cases has the same year, so the rows are compared in any order.
 */
@ExtendWith(TestPipelineExtension.class)
class LedgerMergeTest {

  private static LedgerMerge merge() {
    return Merge.ledger("year", "city").withVocabulary(VOCAB).withOrderColumn(ORDER);
  }

  private static final String[] LEDGER = {"+A 2020 vancouver 1", "+A 2020 seattle 2", "+A 2020 kyiv 3"};

  // kamu: test_ledger_merge_to_empty
  @Test
  void appendsEveryRowToAnEmptyDataset(TestPipeline p) {
    MergeResult out = PCollectionTuple
        .of(Merge.NEW, rows(p, "new", input(false), "2020 vancouver 1", "2020 seattle 2", "2020 kyiv 3"))
        .apply(merge());
    assertAnyOrder(out.rows(), "+A 2020 vancouver 1", "+A 2020 seattle 2", "+A 2020 kyiv 3");
    p.run();
  }

  // kamu: test_ledger_merge_unseen
  @Test
  void appendsRowsOfUnseenKeys(TestPipeline p) {
    MergeResult out = PCollectionTuple
        .of(Merge.NEW, rows(p, "new", input(false), "2020 odessa 4"))
        .and(Merge.CHANGELOG, rows(p, "ledger", ledger(false), LEDGER))
        .apply(merge());
    assertAnyOrder(out.rows(), "+A 2020 odessa 4");
    p.run();
  }

  // kamu: test_ledger_merge_seen_tail_ordered, test_ledger_merge_seen_tail_unordered, test_ledger_merge_seen_middle
  // (one pipeline, three merges)
  @Test
  void dropsRowsOfSeenKeysWhereverTheyAre(TestPipeline p) {
    String[][] inputs = {
        {"2020 seattle 2", "2020 kyiv 3"},   // seen_tail_ordered
        {"2020 kyiv 3", "2020 seattle 2"},   // seen_tail_unordered
        {"2020 seattle 2"},                  // seen_middle
    };
    for (int i = 0; i < inputs.length; i++) {
      MergeResult out = PCollectionTuple
          .of(Merge.NEW, rows(p, "new " + i, input(false), inputs[i]))
          .and(Merge.CHANGELOG, rows(p, "ledger " + i, ledger(false), LEDGER))
          .apply("merge " + i, merge());
      assertAnyOrder(out.rows());
    }
    p.run();
  }

  // kamu: test_ledger_merge_respects_pk (four merges; prev is plain input rows: only key columns are read)
  @Test
  void comparesOnlyThePrimaryKeyColumns(TestPipeline p) {
    Object[][] cases = {
        {new String[] {"year"}, "2020 kiev 3", new String[0]},
        {new String[] {"year", "city"}, "2020 seattle 3", new String[0]},
        {new String[] {"year", "city", "population"}, "2020 seattle 3", new String[] {"+A 2020 seattle 3"}},
        {new String[] {"year", "city"}, "2021 seattle 3", new String[] {"+A 2021 seattle 3"}},
    };
    for (int i = 0; i < cases.length; i++) {
      MergeResult out = PCollectionTuple
          .of(Merge.NEW, rows(p, "new " + i, input(false), (String) cases[i][1]))
          .and(Merge.CHANGELOG, rows(p, "prev " + i, input(false), "2020 vancouver 1", "2020 seattle 2"))
          .apply("merge " + i, Merge.ledger((String[]) cases[i][0]).withVocabulary(Vocabulary.DEFAULT));
      assertAnyOrder(out.rows(), (String[]) cases[i][2]);
    }
    p.run();
  }

  // kamu: test_ledger_merge_invalid_pk (kamu fails at merge time with an internal error; here when applied)
  @Test
  void rejectsAPrimaryKeyColumnTheRowsLack(TestPipeline p) {
    PCollectionTuple in = PCollectionTuple.of(Merge.NEW,
        rows(p, "new", input(false), "2020 vancouver 1", "2020 seattle 2", "2020 kyiv 3"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> in.apply(Merge.ledger("year", "city", "foo")));
    assertThat(e.getMessage(), containsString(
        "Cannot merge ledger: the new rows have no primary key column 'foo'; their columns are [year, city,"
            + " population]"));
    p.enableAbandonedNodeEnforcement(false);
  }

  // Improvement: copies of a row within one input count once (kamu appends each copy).
  @Test
  void appendsCopiesOfARowOnce(TestPipeline p) {
    MergeResult out = PCollectionTuple
        .of(Merge.NEW, rows(p, "new", input(false), "2020 odessa 4", "2020 odessa 4", "2020 lviv 5"))
        .apply(merge());
    assertAnyOrder(out.rows(), "+A 2020 odessa 4", "+A 2020 lviv 5");
    p.run();
  }

  // Improvement: different rows with one key within one input fail, naming the key (kamu appends both).
  @Test
  void failsOnDifferentRowsWithOneKey(TestPipeline p) {
    PCollectionTuple.of(Merge.NEW, rows(p, "new", input(false), "2020 odessa 4", "2020 odessa 5"))
        .apply(merge());
    PipelineExecutionException e = assertThrows(PipelineExecutionException.class, p::run);
    assertThat(e.getCause(), instanceOf(InvalidDataException.class));
    assertThat(e.getCause().getMessage(), containsString(
        "Cannot merge ledger: key year=2020, city=odessa appears 2 times with different values in the new rows"));
  }
}
