package org.odfbeam.transforms.changelog;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.odfbeam.transforms.testing.KamuFixtures.VOCAB;
import static org.odfbeam.transforms.testing.KamuFixtures.assertAnyOrder;
import static org.odfbeam.transforms.testing.KamuFixtures.input;
import static org.odfbeam.transforms.testing.KamuFixtures.ledger;
import static org.odfbeam.transforms.testing.KamuFixtures.rows;

import org.apache.beam.sdk.Pipeline.PipelineExecutionException;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code project} cases of {@code kamu-data/kamu-cli:src/infra/ingest-datafusion/tests/tests/
 * test_merge_strategy_snapshot.rs} (primary key {@code [city]}; kamu compares without {@code offset} and ignores
 * order, as {@code describe} and {@code assertAnyOrder} do), all in one pipeline, then error cases.
 */
@ExtendWith(TestPipelineExtension.class)
class CurrentStateTest {

  private static void project(TestPipeline p, String name, String[] ledger, String... expected) {
    PCollection<Row> state = rows(p, name, ledger(false), ledger)
        .apply("project " + name, Changelog.currentState("city").withVocabulary(VOCAB));
    assertAnyOrder(state, expected);
  }

  // kamu: test_snapshot_project_empty, test_snapshot_project_append, test_snapshot_project_append_retract,
  // test_snapshot_project_correct, test_snapshot_project_mixed
  @Test
  void keepsTheLatestLiveRecordOfEachKey(TestPipeline p) {
    project(p, "empty", new String[0]);
    project(p, "append", new String[] {"+A 2020 vancouver 1", "+A 2020 seattle 2"},
        "+A 2020 vancouver 1", "+A 2020 seattle 2");
    project(p, "append_retract", new String[] {"+A 2020 vancouver 1", "-R 2020 vancouver 0"});
    project(p, "correct", new String[] {"+A 2020 vancouver 1", "-C 2020 vancouver 1", "+C 2020 vancouver 2"},
        "+C 2020 vancouver 2");
    project(p, "mixed", new String[] {
        "+A 2020 vancouver 1", "+A 2020 seattle 2", "-C 2020 vancouver 1", "+C 2020 vancouver 3",
        "+A 2020 kyiv 4", "-R 2020 seattle 0", "-C 2020 kyiv 4", "+C 2020 kyiv 1"},
        "+C 2020 vancouver 3", "+C 2020 kyiv 1");
    // a key re-added after its retraction is present again
    project(p, "re-added", new String[] {"+A 2020 lviv 1", "-R 2020 lviv 1", "+A 2021 lviv 2"}, "+A 2021 lviv 2");
    p.run();
  }

  @Test
  void requiresTheOffsetAndOpColumns(TestPipeline p) {
    PCollection<Row> plain = rows(p, "plain", input(false), "2020 kyiv 1");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> plain.apply(Changelog.currentState("city")));
    assertThat(e.getMessage(), containsString(
        "Cannot project changelog: the changelog rows have no column 'offset'; their columns are [year, city,"
            + " population]"));
    p.enableAbandonedNodeEnforcement(false);
  }

  @Test
  void failsOnTwoRecordsWithOneOffset(TestPipeline p) {
    PCollection<Row> a = rows(p, "a", ledger(false), "+A 2020 kyiv 1");
    PCollection<Row> b = rows(p, "b", ledger(false), "+A 2020 kyiv 2");
    org.apache.beam.sdk.values.PCollectionList.of(a).and(b)
        .apply(org.apache.beam.sdk.transforms.Flatten.pCollections())
        .apply(Changelog.currentState("city"));
    PipelineExecutionException e = assertThrows(PipelineExecutionException.class, p::run);
    assertThat(e.getCause().getMessage(), containsString(
        "Cannot project changelog: offset 0 holds two different records for key city=kyiv"));
  }
}
