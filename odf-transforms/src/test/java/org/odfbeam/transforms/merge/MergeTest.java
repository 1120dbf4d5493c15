package org.odfbeam.transforms.merge;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.odfbeam.core.model.MergeStrategy;
import org.odfbeam.core.model.MergeStrategyAppend;
import org.odfbeam.core.model.MergeStrategyChangelogStream;
import org.odfbeam.core.model.MergeStrategyLedger;
import org.odfbeam.core.model.MergeStrategySnapshot;
import org.odfbeam.core.model.MergeStrategyUpsertStream;

/** The factory from ODF merge strategy events and the validation of the builder methods (no pipelines). */
class MergeTest {

  @Test
  void makesTheTransformOfEachMergeStrategyEvent() {
    List<MergeStrategy> events = List.of(
        new MergeStrategyAppend(),
        new MergeStrategyLedger(List.of("year", "city")),
        new MergeStrategySnapshot(List.of("city"), null),
        new MergeStrategySnapshot(List.of("city"), List.of("updated_at")),
        new MergeStrategyChangelogStream(List.of("id")),
        new MergeStrategyUpsertStream(List.of("id", "day")));
    List<Class<?>> types = List.of(AppendMerge.class, LedgerMerge.class, SnapshotMerge.class, SnapshotMerge.class,
        ChangelogStreamMerge.class, UpsertStreamMerge.class);
    for (int i = 0; i < events.size(); i++) {
      MergeTransform t = Merge.of(events.get(i));
      assertThat(t, instanceOf(types.get(i)));
      assertThat(t.strategy(), equalTo(events.get(i)));
    }
  }

  @Test
  void rejectsAnEmptyPrimaryKey() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Merge.of(new MergeStrategyLedger(List.of())));
    assertThat(e.getMessage(), containsString("A primary key needs at least one column"));
    e = assertThrows(IllegalArgumentException.class, () -> Merge.snapshot("city", "city"));
    assertThat(e.getMessage(), containsString("A primary key names each column once, but was [city, city]"));
  }

  @Test
  void builderMethodsNameThemselvesWhenRejectingAnArgument() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Merge.snapshot("city").withCompareColumns());
    assertThat(e.getMessage(), containsString("withCompareColumns() requires at least one column, but was []"));
    e = assertThrows(IllegalArgumentException.class, () -> Merge.append().withOrderColumn(""));
    assertThat(e.getMessage(), containsString("withOrderColumn() requires a column name, but was ''"));
    e = assertThrows(IllegalArgumentException.class, () -> Merge.upsertStream("id").withSequenceColumn(null));
    assertThat(e.getMessage(), containsString("withSequenceColumn() requires a column name, but was 'null'"));
    NullPointerException n = assertThrows(NullPointerException.class,
        () -> Merge.changelogStream("id").withUnknownKeyRetractions(null));
    assertThat(n.getMessage(), containsString("withUnknownKeyRetractions() requires a policy"));
  }

  @Test
  void defaultsToFailingOnUnknownRetractionsInChangelogsAndDroppingThemInUpserts() {
    assertThat(ChangelogStreamMerge.DEFAULT_UNKNOWN_KEY_RETRACTIONS, equalTo(UnknownKeyRetractions.FAIL));
    assertThat(UpsertStreamMerge.DEFAULT_UNKNOWN_KEY_RETRACTIONS, equalTo(UnknownKeyRetractions.DROP));
  }
}
