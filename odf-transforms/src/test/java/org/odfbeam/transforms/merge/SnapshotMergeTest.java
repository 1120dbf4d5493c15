package org.odfbeam.transforms.merge;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.odfbeam.transforms.testing.KamuFixtures.ORDER;
import static org.odfbeam.transforms.testing.KamuFixtures.VOCAB;
import static org.odfbeam.transforms.testing.KamuFixtures.assertInOrder;
import static org.odfbeam.transforms.testing.KamuFixtures.input;
import static org.odfbeam.transforms.testing.KamuFixtures.ledger;
import static org.odfbeam.transforms.testing.KamuFixtures.rows;

import org.apache.beam.sdk.Pipeline.PipelineExecutionException;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odfbeam.transforms.InvalidDataException;

/**
 * Merge cases of {@code kamu-data/kamu-cli:src/infra/ingest-datafusion/tests/tests/test_merge_strategy_snapshot.rs}
 * (primary key {@code [city]}, event time {@code year}; the new rows' {@code year} is null unless said otherwise),
 * checked in kamu's order (by city, then op); its {@code project} cases are in {@code CurrentStateTest}. Then this
 * library's improvements.
 */
@ExtendWith(TestPipelineExtension.class)
class SnapshotMergeTest {

  private static SnapshotMerge merge() {
    return Merge.snapshot("city").withVocabulary(VOCAB).withOrderColumn(ORDER);
  }

  private static final String[] LEDGER = {"+A 2020 vancouver 1", "+A 2020 seattle 2", "+A 2020 kyiv 3"};

  // kamu: test_snapshot_merge_to_empty
  @Test
  void appendsEveryRowToAnEmptyDataset(TestPipeline p) {
    MergeResult out = PCollectionTuple
        .of(Merge.NEW, rows(p, "new", input(true), "null vancouver 1", "null seattle 2"))
        .apply(merge());
    assertInOrder(out.rows(), "+A null seattle 2", "+A null vancouver 1");
    p.run();
  }

  // kamu: test_snapshot_merge_no_changes_ordered, test_snapshot_merge_no_changes_unordered (one pipeline)
  @Test
  void emitsNothingForAnUnchangedSnapshotInAnyOrder(TestPipeline p) {
    String[][] inputs = {{"null vancouver 1", "null seattle 2"}, {"null seattle 2", "null vancouver 1"}};
    for (int i = 0; i < inputs.length; i++) {
      MergeResult out = PCollectionTuple
          .of(Merge.NEW, rows(p, "new " + i, input(true), inputs[i]))
          .and(Merge.CHANGELOG, rows(p, "ledger " + i, ledger(false), "+A 2020 vancouver 1", "+A 2020 seattle 2"))
          .apply("merge " + i, merge());
      assertInOrder(out.rows());
    }
    p.run();
  }

  // kamu: test_snapshot_merge_mix_of_changes
  @Test
  void emitsCorrectionsAppendsAndRetractions(TestPipeline p) {
    MergeResult out = PCollectionTuple
        .of(Merge.NEW, rows(p, "new", input(true), "null seattle 2", "null kyiv 4", "null odessa 5"))
        .and(Merge.CHANGELOG, rows(p, "ledger", ledger(false), LEDGER))
        .apply(merge());
    assertInOrder(out.rows(),
        "-C 2020 kyiv 3", "+C null kyiv 4", "+A null odessa 5", "-R 2020 vancouver 1");
    p.run();
  }

  // kamu: test_snapshot_merge_invalid_pk (kamu fails at merge time with an internal error; here when applied)
  @Test
  void rejectsAPrimaryKeyColumnTheRowsLack(TestPipeline p) {
    PCollectionTuple in = PCollectionTuple.of(Merge.NEW,
        rows(p, "new", input(true), "null vancouver 1", "null seattle 2"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> in.apply(Merge.snapshot("city", "foo")));
    assertThat(e.getMessage(), containsString(
        "Cannot merge snapshot: the new rows have no primary key column 'foo'"));
    p.enableAbandonedNodeEnforcement(false);
  }

  // kamu: test_snapshot_merge_input_carries_event_time
  @Test
  void treatsADifferentNonNullEventTimeAsAChange(TestPipeline p) {
    MergeResult out = PCollectionTuple
        .of(Merge.NEW, rows(p, "new", input(true), "2020 seattle 2", "2021 kyiv 3", "2021 odessa 5"))
        .and(Merge.CHANGELOG, rows(p, "ledger", ledger(false), LEDGER))
        .apply(merge());
    assertInOrder(out.rows(),
        "-C 2020 kyiv 3", "+C 2021 kyiv 3", "+A 2021 odessa 5", "-R 2020 vancouver 1");
    p.run();
  }

  // Improvement: a key twice with different values is an error naming the key (kamu emits inconsistent events).
  @Test
  void failsOnADuplicateKeyInTheSnapshot(TestPipeline p) {
    PCollectionTuple
        .of(Merge.NEW, rows(p, "new", input(true), "null kyiv 4", "null kyiv 5", "null odessa 5"))
        .and(Merge.CHANGELOG, rows(p, "ledger", ledger(false), LEDGER))
        .apply(merge());
    PipelineExecutionException e = assertThrows(PipelineExecutionException.class, p::run);
    assertThat(e.getCause(), instanceOf(InvalidDataException.class));
    assertThat(e.getCause().getMessage(), containsString(
        "Cannot merge snapshot: key city=kyiv appears 2 times with different values in the new rows"));
  }

  // Improvement (documented policy): exact copies of a row count once; a null key value is an error.
  @Test
  void countsCopiesOfARowOnce(TestPipeline p) {
    MergeResult out = PCollectionTuple
        .of(Merge.NEW, rows(p, "new", input(true), "null kyiv 4", "null kyiv 4", "null seattle 2",
            "null vancouver 1"))
        .and(Merge.CHANGELOG, rows(p, "ledger", ledger(false), LEDGER))
        .apply(merge());
    assertInOrder(out.rows(), "-C 2020 kyiv 3", "+C null kyiv 4");
    p.run();
  }

  @Test
  void failsOnANullKey(TestPipeline p) {
    Schema nullableCity = Schema.builder().addNullableField("year", Schema.FieldType.INT32)
        .addNullableField("city", Schema.FieldType.STRING).addInt64Field("population").build();
    PCollectionTuple.of(Merge.NEW, rows(p, "new", nullableCity, "null null 4")).apply(merge());
    PipelineExecutionException e = assertThrows(PipelineExecutionException.class, p::run);
    assertThat(e.getCause().getMessage(), containsString(
        "Cannot merge snapshot: primary key column 'city' is null in"));
  }

  // compareColumns: only they decide whether a row changed.
  @Test
  void comparesOnlyTheCompareColumns(TestPipeline p) {
    MergeResult out = PCollectionTuple
        .of(Merge.NEW, rows(p, "new", input(true), "2021 seattle 2", "null kyiv 4", "null vancouver 1"))
        .and(Merge.CHANGELOG, rows(p, "ledger", ledger(false), LEDGER))
        .apply(Merge.snapshot("city").withCompareColumns("year").withVocabulary(VOCAB).withOrderColumn(ORDER));
    // kyiv's population changed but is not compared; a null year is no change; seattle's year is
    assertInOrder(out.rows(), "-C 2020 seattle 2", "+C 2021 seattle 2");
    p.run();
  }

  // Merge.STATE: the current state, e.g. from a checkpoint, instead of the changelog; same result.
  @Test
  void diffsAgainstAGivenState(TestPipeline p) {
    MergeResult out = PCollectionTuple
        .of(Merge.NEW, rows(p, "new", input(true), "null seattle 2", "null kyiv 4", "null odessa 5"))
        .and(Merge.STATE, rows(p, "state", ledger(false), LEDGER))
        .apply(merge());
    assertInOrder(out.rows(),
        "-C 2020 kyiv 3", "+C null kyiv 4", "+A null odessa 5", "-R 2020 vancouver 1");
    p.run();
  }

  @Test
  void rejectsAColumnWhoseTypeDiffersFromTheDataset(TestPipeline p) {
    Schema longYear = Schema.builder().addNullableField("year", Schema.FieldType.INT64).addStringField("city")
        .addInt64Field("population").build();
    PCollectionTuple in = PCollectionTuple.of(Merge.NEW, rows(p, "new", longYear, "2020 kyiv 1"))
        .and(Merge.CHANGELOG, rows(p, "ledger", ledger(false), LEDGER));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> in.apply(merge()));
    assertThat(e.getMessage(), containsString(
        "Cannot merge snapshot: column 'year' is INT64 in the new rows but INT32 NOT NULL in the dataset"));
    p.enableAbandonedNodeEnforcement(false);
  }
}
