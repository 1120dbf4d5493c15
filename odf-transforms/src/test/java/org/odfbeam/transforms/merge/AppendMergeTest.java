package org.odfbeam.transforms.merge;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.odfbeam.transforms.testing.KamuFixtures.ORDER;
import static org.odfbeam.transforms.testing.KamuFixtures.VOCAB;
import static org.odfbeam.transforms.testing.KamuFixtures.assertInOrder;
import static org.odfbeam.transforms.testing.KamuFixtures.input;
import static org.odfbeam.transforms.testing.KamuFixtures.ledger;
import static org.odfbeam.transforms.testing.KamuFixtures.opInput;
import static org.odfbeam.transforms.testing.KamuFixtures.rows;

import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Cases of {@code kamu-data/kamu-cli:src/infra/ingest-datafusion/tests/tests/test_merge_strategy_append.rs}. */
@ExtendWith(TestPipelineExtension.class)
class AppendMergeTest {

  private static AppendMerge merge() {
    return Merge.append().withVocabulary(VOCAB).withOrderColumn(ORDER);
  }

  // kamu: test_append_merge_to_empty
  @Test
  void appendsEveryRowToAnEmptyDataset(TestPipeline p) {
    MergeResult out = PCollectionTuple
        .of(Merge.NEW, rows(p, "new", input(false), "2020 vancouver 1", "2021 seattle 2", "2022 kyiv 3"))
        .apply(merge());
    assertInOrder(out.rows(), "+A 2020 vancouver 1", "+A 2021 seattle 2", "+A 2022 kyiv 3");
    p.run();
  }

  // kamu: test_append_merge_to_some
  @Test
  void appendsEveryRowWhateverTheDatasetHolds(TestPipeline p) {
    MergeResult out = PCollectionTuple
        .of(Merge.NEW, rows(p, "new", input(false), "2023 vancouver 1", "2024 odessa 4"))
        .and(Merge.CHANGELOG, rows(p, "ledger", ledger(false),
            "+A 2020 vancouver 1", "+A 2021 seattle 2", "+A 2022 kyiv 3"))
        .apply(merge());
    assertInOrder(out.rows(), "+A 2023 vancouver 1", "+A 2024 odessa 4");
    p.run();
  }

  @Test
  void rejectsAnOpColumnInTheNewRows(TestPipeline p) {
    PCollectionTuple in = PCollectionTuple.of(Merge.NEW, rows(p, "new", opInput(false), "+A 2020 kyiv 1"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> in.apply(merge()));
    assertThat(e.getMessage(), containsString("Cannot merge append: the new rows have an 'op' column"));
    p.enableAbandonedNodeEnforcement(false);
  }
}
