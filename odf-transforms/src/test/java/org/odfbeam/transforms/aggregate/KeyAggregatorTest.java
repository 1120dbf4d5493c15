package org.odfbeam.transforms.aggregate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.odfbeam.transforms.aggregate.ChangelogAggregateTest.A;
import static org.odfbeam.transforms.aggregate.ChangelogAggregateTest.CF;
import static org.odfbeam.transforms.aggregate.ChangelogAggregateTest.CITIES;
import static org.odfbeam.transforms.aggregate.ChangelogAggregateTest.CT;
import static org.odfbeam.transforms.aggregate.ChangelogAggregateTest.city;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.odfbeam.data.Vocabulary;

/** The fold alone: order independence, and one key's state surviving its coder. */
class KeyAggregatorTest {
  static final KeyAggregator COUNT_AND_SUM = KeyAggregator.of(CITIES, List.of("country"), List.of(
      new Aggregation(Aggregation.Kind.COUNT, null, "count"),
      new Aggregation(Aggregation.Kind.SUM, "population", "sum_population")), Vocabulary.DEFAULT);

  static List<Row> ukraine() {
    return ChangelogAggregateTest.changelog().stream().filter(r -> r.getString("country").equals("UA")).toList();
  }

  static List<String> describe(List<Row> rows) {
    return rows.stream().map(ChangelogAggregateTest::describe).toList();
  }

  @Test
  void theOutputDoesNotDependOnTheOrderOfTheRows() {
    Random random = new Random(7);
    for (int i = 0; i < 100; i++) {
      List<Row> shuffled = new ArrayList<>(ukraine());
      Collections.shuffle(shuffled, random);
      KeyAggregator.Step step = COUNT_AND_SUM.apply(null, shuffled);
      // As derived by hand in ChangelogAggregateTest.
      assertThat(describe(step.output()), contains("+A t=1 UA n=1 sum=50", "-C t=1 UA n=1 sum=50",
          "+C t=3 UA n=2 sum=170"));
      assertThat(step.totals(), equalTo(new Totals(2, List.of(BigDecimal.valueOf(170)), List.of(2L), 3000L)));
    }
  }

  @Test
  void aLateCorrectionCorrectsTheCurrentVersionAtItsEventTime() throws Exception {
    KeyAggregator.Step first = COUNT_AND_SUM.apply(null, List.of(city(0, A, 1, "UA", "kyiv", 100L),
        city(1, A, 4, "UA", "lviv", 50L)));
    Totals restored = roundTrip(first.totals());
    assertThat(restored, equalTo(first.totals()));

    KeyAggregator.Step late = COUNT_AND_SUM.apply(restored, List.of(city(2, CF, 1, "UA", "kyiv", 100L),
        city(3, CT, 1, "UA", "kyiv", 90L)));
    // By hand: the key's output is at t=4 (150 over 2 rows); the correction at t=1 is applied at step time 4.
    assertThat(describe(late.output()), contains("-C t=4 UA n=2 sum=150", "+C t=4 UA n=2 sum=140"));
  }

  private static Totals roundTrip(Totals t) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Totals.Coder.of().encode(t, out);
    return Totals.Coder.of().decode(new ByteArrayInputStream(out.toByteArray()));
  }
}
