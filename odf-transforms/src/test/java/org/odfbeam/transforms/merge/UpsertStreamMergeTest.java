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
 * Cases of {@code kamu-data/kamu-cli:src/infra/ingest-datafusion/tests/tests/test_merge_strategy_upsert_stream.rs}
 * (primary key {@code [year, city]}, event time {@code year}), checked in kamu's order (key, then op). Where a case
 * has several rows of one key, kamu takes the input order; here the rows carry it in a {@code seq} column
 * ({@link UpsertStreamMerge#withSequenceColumn}), numbered as kamu's {@code row_number() over ()} would. Then this
 * library's improvements.
 */
@ExtendWith(TestPipelineExtension.class)
class UpsertStreamMergeTest {

  private static UpsertStreamMerge merge() {
    return Merge.upsertStream("year", "city").withVocabulary(VOCAB).withOrderColumn(ORDER);
  }

  private static final String[] LEDGER = {"+A 2020 vancouver 1", "+A 2020 seattle 2", "+A 2020 kyiv 3"};

  /** {@code seq, op, year, city, population}. */
  private static Schema sequenced() {
    return Schema.builder().addInt64Field("seq").addFields(opInput(true).getFields()).build();
  }

  private static MergeResult upsert(TestPipeline p, String name, boolean withLedger, Schema schema,
      String... input) {
    PCollectionTuple in = PCollectionTuple.of(Merge.NEW, rows(p, name + " new", schema, input));
    if (withLedger) {
      in = in.and(Merge.CHANGELOG, rows(p, name + " ledger", ledger(true), LEDGER));
    }
    UpsertStreamMerge m = schema.hasField("seq") ? merge().withSequenceColumn("seq") : merge();
    return in.apply(name, m);
  }

  // kamu: test_upsert_merge_to_empty_as_is
  @Test
  void appendsUpsertsToAnEmptyDataset(TestPipeline p) {
    MergeResult out = upsert(p, "merge", false, opInput(true),
        "+A 2020 vancouver 1", "+A 2020 seattle 2", "+A 2020 kyiv 3");
    assertInOrder(out.rows(), "+A 2020 kyiv 3", "+A 2020 seattle 2", "+A 2020 vancouver 1");
    p.run();
  }

  // kamu: test_upsert_merge_to_empty_inter_batch_upserts
  @Test
  void keepsOnlyEachKeysLastUpsert(TestPipeline p) {
    MergeResult out = upsert(p, "merge", false, sequenced(),
        "1 +A 2020 vancouver 1", "2 +A 2020 vancouver 2", "3 +C 2020 vancouver 3", "4 +A 2020 seattle 2",
        "5 +A 2020 kyiv 3", "6 -R 2020 seattle 2");
    assertInOrder(out.rows(), "+A 2020 kyiv 3", "+A 2020 vancouver 3");
    p.run();
  }

  // kamu: test_upsert_merge_unseen, test_upsert_merge_noop_upsert_ordered, test_upsert_merge_noop_upsert_unordered
  // (one pipeline)
  @Test
  void appendsNewKeysAndIgnoresUnchangedOnes(TestPipeline p) {
    assertInOrder(upsert(p, "unseen", true, opInput(true), "+A 2020 odessa 4").rows(), "+A 2020 odessa 4");
    assertInOrder(upsert(p, "noop ordered", true, opInput(true), "+A 2020 seattle 2", "+A 2020 kyiv 3").rows());
    assertInOrder(upsert(p, "noop unordered", true, opInput(true), "+A 2020 kyiv 3", "+A 2020 seattle 2").rows());
    p.run();
  }

  // kamu: test_upsert_merge_update_in_separate_batch
  @Test
  void correctsChangedKeys(TestPipeline p) {
    MergeResult out = upsert(p, "merge", true, opInput(true), "+A 2020 vancouver 2", "+C 2020 kyiv 4");
    assertInOrder(out.rows(), "-C 2020 kyiv 3", "+C 2020 kyiv 4", "-C 2020 vancouver 1", "+C 2020 vancouver 2");
    p.run();
  }

  // kamu: test_upsert_merge_update_in_same_batch
  @Test
  void correctsToTheLastUpsertOfAKey(TestPipeline p) {
    MergeResult out = upsert(p, "merge", true, sequenced(), "1 +A 2020 vancouver 2", "2 +A 2020 vancouver 3");
    assertInOrder(out.rows(), "-C 2020 vancouver 1", "+C 2020 vancouver 3");
    p.run();
  }

  // kamu: test_upsert_merge_delete_in_separate_batch
  @Test
  void retractsDeletedKeysWithTheirStoredValues(TestPipeline p) {
    MergeResult out = upsert(p, "merge", true, opInput(true), "-R 2020 seattle 0");
    assertInOrder(out.rows(), "-R 2020 seattle 2");
    p.run();
  }

  // kamu: test_upsert_merge_delete_in_same_batch
  @Test
  void retractsAKeyWhoseLastEventIsADelete(TestPipeline p) {
    MergeResult out = upsert(p, "merge", true, sequenced(), "1 +C 2020 seattle 3", "2 -R 2020 seattle 0");
    assertInOrder(out.rows(), "-R 2020 seattle 2");
    p.run();
  }

  // Without an op column every row is an upsert.
  @Test
  void treatsRowsWithoutAnOpColumnAsUpserts(TestPipeline p) {
    MergeResult out = upsert(p, "merge", true, input(true), "2020 kyiv 4", "2020 odessa 5");
    assertInOrder(out.rows(), "-C 2020 kyiv 3", "+C 2020 kyiv 4", "+A 2020 odessa 5");
    p.run();
  }

  // Improvement: several different rows of a key need a sequence column to pick the last.
  @Test
  void failsOnSeveralRowsOfAKeyWithoutASequence(TestPipeline p) {
    upsert(p, "merge", true, opInput(true), "+A 2020 vancouver 2", "+A 2020 vancouver 3");
    PipelineExecutionException e = assertThrows(PipelineExecutionException.class, p::run);
    assertThat(e.getCause(), instanceOf(InvalidDataException.class));
    assertThat(e.getCause().getMessage(), containsString(
        "Cannot merge upsert stream: key year=2020, city=vancouver has 2 different records in the new rows and no"
            + " sequence column orders them"));
  }

  // Deletes of unknown keys: dropped by default (kamu), or failed, or sent to the side output.
  @Test
  void dropsDeletesOfUnknownKeysByDefault(TestPipeline p) {
    assertInOrder(upsert(p, "merge", true, opInput(true), "-R 2020 odessa 4", "+A 2020 lviv 1").rows(),
        "+A 2020 lviv 1");
    p.run();
  }

  @Test
  void failsOnDeletesOfUnknownKeysOnRequest(TestPipeline p) {
    PCollectionTuple.of(Merge.NEW, rows(p, "new", opInput(true), "-R 2020 odessa 4"))
        .apply(merge().withUnknownKeyRetractions(UnknownKeyRetractions.FAIL));
    PipelineExecutionException e = assertThrows(PipelineExecutionException.class, p::run);
    assertThat(e.getCause().getMessage(), containsString(
        "Cannot merge upsert stream: -R record for key year=2020, city=odessa deletes a key the dataset does not"
            + " hold"));
  }

  @Test
  void sendsDeletesOfUnknownKeysToASideOutputOnRequest(TestPipeline p) {
    MergeResult out = PCollectionTuple
        .of(Merge.NEW, rows(p, "new", opInput(true), "-R 2020 odessa 4", "-R 2020 kyiv 0"))
        .and(Merge.CHANGELOG, rows(p, "ledger", ledger(true), LEDGER))
        .apply(merge().withUnknownKeyRetractions(UnknownKeyRetractions.SIDE_OUTPUT));
    assertInOrder(out.rows(), "-R 2020 kyiv 3");
    assertAnyOrder(out.rejected(), "-R 2020 odessa 4");
    p.run();
  }
}
