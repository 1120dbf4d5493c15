package org.odfbeam.transforms.merge;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.odfbeam.transforms.testing.KamuFixtures.ORDER;
import static org.odfbeam.transforms.testing.KamuFixtures.VOCAB;
import static org.odfbeam.transforms.testing.KamuFixtures.assertAnyOrder;
import static org.odfbeam.transforms.testing.KamuFixtures.assertInOrder;
import static org.odfbeam.transforms.testing.KamuFixtures.input;
import static org.odfbeam.transforms.testing.KamuFixtures.ledger;
import static org.odfbeam.transforms.testing.KamuFixtures.opInput;
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
 * Cases of {@code kamu-data/kamu-cli:src/infra/ingest-datafusion/tests/tests/test_merge_strategy_changelog_stream.rs}
 * (primary key {@code [year, city]}, event time {@code year}), checked in kamu's order (key, then op), then this
 * library's improvements: validation of {@code -C}/{@code +C} pairs and op codes, unknown-key retraction policies,
 * and source order within a key from a sequence column.
 */
@ExtendWith(TestPipelineExtension.class)
class ChangelogStreamMergeTest {

  private static ChangelogStreamMerge merge() {
    return Merge.changelogStream("year", "city").withVocabulary(VOCAB).withOrderColumn(ORDER);
  }

  private static final String[] LEDGER = {"+A 2020 vancouver 1", "+A 2020 seattle 2", "+A 2020 kyiv 3"};

  /** {@code seq, op, year, city, population}. */
  private static Schema sequenced() {
    return Schema.builder().addInt64Field("seq").addFields(opInput(false).getFields()).build();
  }

  // kamu: test_changelog_merge_to_empty
  @Test
  void passesAValidChangelogThroughInKeyOrder(TestPipeline p) {
    MergeResult out = PCollectionTuple
        .of(Merge.NEW, rows(p, "new", opInput(false), "+A 2020 vancouver 1", "+A 2020 seattle 2",
            "+A 2020 kyiv 3", "-C 2020 vancouver 1", "+C 2020 vancouver 2"))
        .apply(merge());
    assertInOrder(out.rows(), "+A 2020 kyiv 3", "+A 2020 seattle 2", "+A 2020 vancouver 1",
        "-C 2020 vancouver 1", "+C 2020 vancouver 2");
    p.run();
  }

  // kamu: test_changelog_merge_unseen
  @Test
  void passesAppendsAndCorrectionsOfKnownKeysThrough(TestPipeline p) {
    MergeResult out = PCollectionTuple
        .of(Merge.NEW, rows(p, "new", opInput(false), "+A 2020 odessa 4", "-C 2020 vancouver 1",
            "+C 2020 vancouver 2"))
        .and(Merge.CHANGELOG, rows(p, "ledger", ledger(false), LEDGER))
        .apply(merge());
    assertInOrder(out.rows(), "+A 2020 odessa 4", "-C 2020 vancouver 1", "+C 2020 vancouver 2");
    p.run();
  }

  @Test
  void requiresAnOpColumn(TestPipeline p) {
    PCollectionTuple in = PCollectionTuple.of(Merge.NEW, rows(p, "new", input(false), "2020 kyiv 1"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> in.apply(merge()));
    assertThat(e.getMessage(), containsString(
        "Cannot merge changelog stream: the new rows have no 'op' column; their columns are [year, city,"
            + " population]"));
    p.enableAbandonedNodeEnforcement(false);
  }

  // Improvement: a -C must be immediately followed by its +C (kamu: "TODO: Validate op codes and ordering").
  @Test
  void failsOnACorrectFromWithoutItsCorrectTo(TestPipeline p) {
    PCollectionTuple
        .of(Merge.NEW, rows(p, "new", opInput(false), "-C 2020 vancouver 1", "+A 2020 odessa 4"))
        .and(Merge.CHANGELOG, rows(p, "ledger", ledger(false), LEDGER))
        .apply(merge());
    PipelineExecutionException e = assertThrows(PipelineExecutionException.class, p::run);
    assertThat(e.getCause(), instanceOf(InvalidDataException.class));
    assertThat(e.getCause().getMessage(), containsString(
        "Cannot merge changelog stream: the -C record for key year=2020, city=vancouver is not immediately"
            + " followed by a +C record of the same key (it is the key's last record)"));
  }

  // Improvement: without a sequence column, a second correction of a key cannot be ordered and fails.
  @Test
  void failsOnTwoCorrectionsOfAKeyWithoutASequence(TestPipeline p) {
    PCollectionTuple
        .of(Merge.NEW, rows(p, "new", opInput(false), "-C 2020 kyiv 3", "+C 2020 kyiv 4", "-C 2020 kyiv 4",
            "+C 2020 kyiv 5"))
        .and(Merge.CHANGELOG, rows(p, "ledger", ledger(false), LEDGER))
        .apply(merge());
    PipelineExecutionException e = assertThrows(PipelineExecutionException.class, p::run);
    assertThat(e.getCause().getMessage(), containsString(
        "the -C record for key year=2020, city=kyiv is not immediately followed by a +C record of the same key"));
    assertThat(e.getCause().getMessage(), containsString("without withSequenceColumn()"));
  }

  @Test
  void failsOnACorrectToWithoutACorrectFrom(TestPipeline p) {
    PCollectionTuple
        .of(Merge.NEW, rows(p, "new", opInput(false), "+C 2020 kyiv 4"))
        .and(Merge.CHANGELOG, rows(p, "ledger", ledger(false), LEDGER))
        .apply(merge());
    PipelineExecutionException e = assertThrows(PipelineExecutionException.class, p::run);
    assertThat(e.getCause().getMessage(), containsString(
        "Cannot merge changelog stream: the +C record for key year=2020, city=kyiv does not immediately follow a"
            + " -C record of the same key"));
  }

  @Test
  void failsOnAnUnknownOperationType(TestPipeline p) {
    Schema s = opInput(false);
    PCollectionTuple.of(Merge.NEW, p.apply(org.apache.beam.sdk.transforms.Create.of(
            org.apache.beam.sdk.values.Row.withSchema(s).addValues(7, 2020, "kyiv", 1L).build())
        .withRowSchema(s)))
        .apply(merge());
    PipelineExecutionException e = assertThrows(PipelineExecutionException.class, p::run);
    assertThat(e.getCause().getMessage(), containsString(
        "Cannot merge changelog stream: column 'op' is 7 for key year=2020, city=kyiv; ODF operation types are"
            + " 0 (+A), 1 (-R), 2 (-C) and 3 (+C)"));
  }

  // Improvement: source order within a key, from a sequence column. kamu sorts a key's records by op, which would
  // turn "-R then +A" (a re-added city) into "+A then -R" and lose the city.
  @Test
  void keepsSourceOrderWithinAKeyBySequence(TestPipeline p) {
    MergeResult out = PCollectionTuple
        .of(Merge.NEW, rows(p, "new", sequenced(), "1 -R 2020 kyiv 3", "2 +A 2020 kyiv 5", "3 -C 2020 seattle 2",
            "4 +C 2020 seattle 3", "5 -C 2020 seattle 3", "6 +C 2020 seattle 4"))
        .and(Merge.CHANGELOG, rows(p, "ledger", ledger(false), LEDGER))
        .apply(merge().withSequenceColumn("seq"));
    assertInOrder(out.rows(), "-R 2020 kyiv 3", "+A 2020 kyiv 5", "-C 2020 seattle 2", "+C 2020 seattle 3",
        "-C 2020 seattle 3", "+C 2020 seattle 4");
    p.run();
  }

  // Improvement: retraction of an unknown key fails by default (kamu passes it through)...
  @Test
  void failsOnARetractionOfAnUnknownKeyByDefault(TestPipeline p) {
    PCollectionTuple
        .of(Merge.NEW, rows(p, "new", opInput(false), "-R 2020 odessa 4"))
        .and(Merge.CHANGELOG, rows(p, "ledger", ledger(false), LEDGER))
        .apply(merge());
    PipelineExecutionException e = assertThrows(PipelineExecutionException.class, p::run);
    assertThat(e.getCause().getMessage(), containsString(
        "Cannot merge changelog stream: -R record for key year=2020, city=odessa retracts a key the dataset does"
            + " not hold"));
  }

  // ...or drops it (a -C/+C pair becomes a +A)...
  @Test
  void dropsRetractionsOfUnknownKeysOnRequest(TestPipeline p) {
    MergeResult out = PCollectionTuple
        .of(Merge.NEW, rows(p, "new", opInput(false), "-R 2020 odessa 4", "-C 2020 lviv 1", "+C 2020 lviv 2",
            "+A 2020 rivne 5", "-R 2020 rivne 5", "-R 2020 kyiv 3"))
        .and(Merge.CHANGELOG, rows(p, "ledger", ledger(false), LEDGER))
        .apply(merge().withUnknownKeyRetractions(UnknownKeyRetractions.DROP));
    assertInOrder(out.rows(), "-R 2020 kyiv 3", "+A 2020 lviv 2", "+A 2020 rivne 5", "-R 2020 rivne 5");
    p.run();
  }

  // ...or sends the offending records to a side output.
  @Test
  void sendsRetractionsOfUnknownKeysToASideOutput(TestPipeline p) {
    MergeResult out = PCollectionTuple
        .of(Merge.NEW, rows(p, "new", opInput(false), "-R 2020 odessa 4", "-C 2020 lviv 1", "+C 2020 lviv 2",
            "-R 2020 kyiv 3"))
        .and(Merge.CHANGELOG, rows(p, "ledger", ledger(false), LEDGER))
        .apply(merge().withUnknownKeyRetractions(UnknownKeyRetractions.SIDE_OUTPUT));
    assertInOrder(out.rows(), "-R 2020 kyiv 3");
    assertAnyOrder(out.rejected(), "-R 2020 odessa 4", "-C 2020 lviv 1", "+C 2020 lviv 2");
    p.run();
  }

  @Test
  void hasNoRejectedOutputUnlessRequested(TestPipeline p) {
    MergeResult out = PCollectionTuple.of(Merge.NEW, rows(p, "new", opInput(false), "+A 2020 kyiv 1"))
        .apply(merge());
    IllegalStateException e = assertThrows(IllegalStateException.class, out::rejected);
    assertThat(e.getMessage(), containsString("rejected() requires withUnknownKeyRetractions(SIDE_OUTPUT)"));
    p.run();
  }
}
