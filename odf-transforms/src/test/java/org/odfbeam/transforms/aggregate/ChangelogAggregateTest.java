package org.odfbeam.transforms.aggregate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odfbeam.data.Vocabulary;
import org.odfbeam.transforms.InvalidDataException;

/** Bounded input: replay per key in event time order. Expected outputs are derived by hand in the comments. */
@ExtendWith(TestPipelineExtension.class)
class ChangelogAggregateTest {
  static final Schema CITIES = Schema.builder()
      .addInt64Field("offset")
      .addInt32Field("op")
      .addDateTimeField("event_time")
      .addStringField("country")
      .addStringField("city")
      .addNullableField("population", FieldType.INT64)
      .build();

  static final int A = 0;
  static final int R = 1;
  static final int CF = 2;
  static final int CT = 3;

  static Row city(long offset, int op, int second, String country, String city, Long population) {
    return Row.withSchema(CITIES)
        .addValues(offset, op, new Instant(second * 1000L), country, city, population).build();
  }

  /** A compact, order-free form of an output row: {@code +A t=1 UA n=1 sum=50}. */
  static String describe(Row r) {
    String op = switch (r.getInt32("op")) {
      case 0 -> "+A";
      case 1 -> "-R";
      case 2 -> "-C";
      default -> "+C";
    };
    return op + " t=" + r.getDateTime("event_time").getMillis() / 1000 + " " + r.getString("country")
        + " n=" + r.getInt64("count") + " sum=" + r.getInt64("sum_population");
  }

  static PCollection<String> described(PCollection<Row> rows) {
    return rows.apply("Describe", MapElements.into(TypeDescriptors.strings()).via(ChangelogAggregateTest::describe));
  }

  /** The changelog of the class Javadoc example; offsets in changelog order. */
  static List<Row> changelog() {
    return List.of(
        city(0, A, 1, "UA", "kyiv", 100L),
        city(1, A, 1, "UA", "lviv", 50L),
        city(2, A, 2, "PL", "krakow", 70L),
        city(3, A, 2, "DE", "berlin", null),
        city(4, CF, 1, "UA", "kyiv", 100L),   // kyiv was published in error at t=1 ...
        city(5, CT, 3, "UA", "kyiv", 120L),   // ... it is 120 from t=3
        city(6, R, 2, "PL", "krakow", 70L),   // krakow never existed
        city(7, A, 5, "DE", "hamburg", 20L));
  }

  /*
   * By hand, per key, steps in event time order:
   *   UA  t=1: +kyiv 100, +lviv 50, -kyiv 100 -> 1 row, 50            => +A t=1 n=1 sum=50
   *       t=3: +kyiv 120                     -> 2 rows, 170           => -C t=1 n=1 sum=50, +C t=3 n=2 sum=170
   *   PL  t=2: +krakow 70, -krakow 70        -> 0 rows                => nothing
   *   DE  t=2: +berlin null                  -> 1 row, no value       => +A t=2 n=1 sum=null
   *       t=5: +hamburg 20                   -> 2 rows, 20            => -C t=2 n=1 sum=null, +C t=5 n=2 sum=20
   */
  static final String[] EXPECTED = {
      "+A t=1 UA n=1 sum=50", "-C t=1 UA n=1 sum=50", "+C t=3 UA n=2 sum=170",
      "+A t=2 DE n=1 sum=null", "-C t=2 DE n=1 sum=null", "+C t=5 DE n=2 sum=20"};

  @Test
  void replaysEachKeyInEventTimeOrderSoRetractedRowsNeverShow(TestPipeline p) {
    PCollection<Row> out = p.apply(Create.of(changelog()).withRowSchema(CITIES))
        .apply(ChangelogAggregate.perKey("country").count().sum("population"));

    assertThat(out.getSchema(), equalTo(Schema.builder()
        .addInt32Field("op")
        .addDateTimeField("event_time")
        .addStringField("country")
        .addInt64Field("count")
        .addNullableField("sum_population", FieldType.INT64)
        .build()));
    PAssert.that(described(out)).containsInAnyOrder(EXPECTED);
    p.run();
  }

  @Test
  void givesTheSameOutputForAnyInputOrderAndOnTheStatefulStage(TestPipeline p) {
    List<Row> reversed = new ArrayList<>(changelog());
    Collections.reverse(reversed);
    PCollection<Row> batch = p.apply("Reversed", Create.of(reversed).withRowSchema(CITIES))
        .apply("Batch", ChangelogAggregate.perKey("country").count().sum("population"));
    PCollection<Row> stateful = p.apply("Forward", Create.of(changelog()).withRowSchema(CITIES))
        .apply("Stateful", ChangelogAggregate.perKey("country").count().sum("population").withStatefulStage());

    PAssert.that("batch", described(batch)).containsInAnyOrder(EXPECTED);
    PAssert.that("stateful", stateful.apply("Describe stateful",
        MapElements.into(TypeDescriptors.strings()).via(ChangelogAggregateTest::describe)))
        .containsInAnyOrder(EXPECTED);
    p.run();
  }

  @Test
  void groupsByMultipleColumnsAndNamesOutputs(TestPipeline p) {
    List<Row> rows = List.of(
        city(0, A, 1, "UA", "kyiv", 100L),
        city(1, A, 1, "UA", "kyiv", 5L),      // a second row of the same (country, city)
        city(2, A, 1, "UA", "lviv", 50L),
        city(3, CF, 1, "UA", "kyiv", 5L),     // corrected to 7 at the same time
        city(4, CT, 1, "UA", "kyiv", 7L));
    PCollection<Row> out = p.apply(Create.of(rows).withRowSchema(CITIES))
        .apply(ChangelogAggregate.perKey("country", "city").countAs("rows").sum("population", "people"));

    // By hand: (UA, kyiv) t=1: 100 + 5 - 5 + 7 = 107 over 2 rows; (UA, lviv) t=1: 50 over 1 row.
    PAssert.that(out.apply(MapElements.into(TypeDescriptors.strings()).via(r -> r.getInt32("op") + " "
        + r.getString("country") + "/" + r.getString("city") + " " + r.getInt64("rows") + " "
        + r.getInt64("people"))))
        .containsInAnyOrder("0 UA/kyiv 2 107", "0 UA/lviv 1 50");
    p.run();
  }

  static final Schema READINGS = Schema.builder()
      .addInt32Field("op")
      .addField("event_time", FieldType.logicalType(SqlTypes.DATE))
      .addStringField("sensor")
      .addDoubleField("celsius")
      .addField("cost", FieldType.logicalType(FixedPrecisionNumeric.of(10, 2)))
      .build();

  static Row reading(int op, int day, double celsius, String cost) {
    return Row.withSchema(READINGS).addValues(op, LocalDate.ofEpochDay(day), "s1", celsius, new BigDecimal(cost))
        .build();
  }

  @Test
  void sumsDoublesExactlySoARetractionRestoresTheSumBitForBit(TestPipeline p) {
    // Naive double arithmetic: ((0.1 + 0.2) + 0.3) - 0.2 = 0.4000000000000001; exact arithmetic gives the double
    // nearest to 0.1d + 0.3d, which is 0.4 (0.1d + 0.3d = 0.40000000000000000444...; 0.4d = 0.40000000000000002220...).
    List<Row> rows = List.of(
        reading(A, 1, 0.1, "1.10"),
        reading(A, 2, 0.2, "2.25"),
        reading(A, 2, 0.3, "0.05"),
        reading(R, 2, 0.2, "2.25"));
    PCollection<Row> out = p.apply(Create.of(rows).withRowSchema(READINGS))
        .apply(ChangelogAggregate.perKey("sensor").sum("celsius").sum("cost"));

    assertThat(out.getSchema().getField("event_time").getType(), equalTo(FieldType.logicalType(SqlTypes.DATE)));
    assertThat(out.getSchema().getField("sum_cost").getType(),
        equalTo(FieldType.logicalType(FixedPrecisionNumeric.of(38, 2)).withNullable(true)));
    // By hand: day 1: 0.1, 1.10; day 2: + 0.2 + 0.3 - 0.2 = 0.1 + 0.3 -> 0.4, 1.10 + 2.25 + 0.05 - 2.25 = 1.15.
    PAssert.that(out.apply(MapElements.into(TypeDescriptors.strings()).via(r -> r.getInt32("op") + " "
        + r.getValue("event_time") + " " + r.getDouble("sum_celsius") + " " + r.getDecimal("sum_cost"))))
        .containsInAnyOrder("0 1970-01-02 0.1 1.10", "2 1970-01-02 0.1 1.10", "3 1970-01-03 0.4 1.15");
    p.run();
  }

  @Test
  void usesTheVocabularyNamesForInputAndOutput(TestPipeline p) {
    Schema schema = Schema.builder().addInt32Field("kind").addDateTimeField("at").addStringField("k")
        .addInt32Field("v").build();
    List<Row> rows = List.of(
        Row.withSchema(schema).addValues(0, new Instant(1000), "x", 3).build(),
        Row.withSchema(schema).addValues(0, new Instant(2000), "x", 4).build());
    PCollection<Row> out = p.apply(Create.of(rows).withRowSchema(schema))
        .apply(ChangelogAggregate.perKey("k").sum("v")
            .withVocabulary(new Vocabulary("offset", "kind", "system_time", "at")));

    assertThat(out.getSchema().getFieldNames(), equalTo(List.of("kind", "at", "k", "sum_v")));
    PAssert.that(out.apply(MapElements.into(TypeDescriptors.strings()).via(r -> r.getInt32("kind") + " "
        + r.getDateTime("at").getMillis() + " " + r.getInt64("sum_v"))))
        .containsInAnyOrder("0 1000 3", "2 1000 3", "3 2000 7");
    p.run();
  }

  @Test
  void failsOnARetractionOfARowNeverAppended(TestPipeline p) {
    p.apply(Create.of(List.of(city(0, R, 1, "UA", "kyiv", 100L))).withRowSchema(CITIES))
        .apply(ChangelogAggregate.perKey("country").count());

    Pipeline.PipelineExecutionException e = assertThrows(Pipeline.PipelineExecutionException.class, p::run);
    assertThat(e.getCause(), instanceOf(InvalidDataException.class));
    assertThat(e.getCause().getMessage(), containsString(
        "Cannot aggregate changelog: key country=UA has -1 live rows at event time 1970-01-01T00:00:01.000Z"));
  }

  @Test
  void failsOnAnUnknownOperationType(TestPipeline p) {
    p.apply(Create.of(List.of(city(0, 7, 1, "UA", "kyiv", 100L))).withRowSchema(CITIES))
        .apply(ChangelogAggregate.perKey("country").count());

    Pipeline.PipelineExecutionException e = assertThrows(Pipeline.PipelineExecutionException.class, p::run);
    assertThat(e.getCause().getMessage(), containsString(
        "Cannot aggregate changelog: operation type column 'op' is 7 for key country=UA"));
  }

  private static PCollection<Row> cities() {
    return Pipeline.create().apply(Create.of(changelog()).withRowSchema(CITIES));
  }

  @Test
  void failsWhenAppliedToInputItCannotAggregate() {
    IllegalArgumentException noAggregate = assertThrows(IllegalArgumentException.class,
        () -> cities().apply(ChangelogAggregate.perKey("country")));
    assertThat(noAggregate.getMessage(),
        equalTo("Cannot aggregate changelog: no aggregates; add count() or sum(column)"));

    IllegalArgumentException noKey = assertThrows(IllegalArgumentException.class,
        () -> cities().apply(ChangelogAggregate.perKey("region").count()));
    assertThat(noKey.getMessage(), containsString(
        "Cannot aggregate changelog: the input has no key column 'region'; its columns are [offset, op,"));

    IllegalArgumentException notNumeric = assertThrows(IllegalArgumentException.class,
        () -> cities().apply(ChangelogAggregate.perKey("country").sum("city")));
    assertThat(notNumeric.getMessage(), equalTo(
        "Cannot aggregate changelog: sum(city) as sum_city needs a numeric column, but 'city' is STRING"));

    IllegalArgumentException clash = assertThrows(IllegalArgumentException.class,
        () -> cities().apply(ChangelogAggregate.perKey("country").countAs("country")));
    assertThat(clash.getMessage(), containsString("output column 'country' of count() as country is already used"));

    IllegalArgumentException noOp = assertThrows(IllegalArgumentException.class,
        () -> cities().apply(ChangelogAggregate.perKey("country").count()
            .withVocabulary(new Vocabulary("offset", "operation", "system_time", "event_time"))));
    assertThat(noOp.getMessage(), containsString("the input has no operation type column 'operation'"));

    IllegalArgumentException windowed = assertThrows(IllegalArgumentException.class,
        () -> cities().apply(Window.into(FixedWindows.of(Duration.standardMinutes(1))))
            .apply(ChangelogAggregate.perKey("country").count()));
    assertThat(windowed.getMessage(), containsString("the input must be in the global window"));
  }

  @Test
  void validatesBuilderArguments() {
    assertThat(assertThrows(IllegalArgumentException.class, ChangelogAggregate::perKey).getMessage(),
        equalTo("perKey() needs at least one key column"));
    assertThat(assertThrows(IllegalArgumentException.class, () -> ChangelogAggregate.perKey("a", "a"))
        .getMessage(), equalTo("perKey() names each key column once, but was [a, a]"));
    assertThat(assertThrows(IllegalArgumentException.class, () -> ChangelogAggregate.perKey("a").sum(""))
        .getMessage(), equalTo("sum() needs a non-empty column, but was \"\""));
    assertThat(assertThrows(IllegalArgumentException.class, () -> ChangelogAggregate.perKey("a").countAs(null))
        .getMessage(), equalTo("countAs() needs a non-empty outputColumn, but was null"));
    assertThat(assertThrows(IllegalArgumentException.class, () -> ChangelogAggregate.perKey("a").withVocabulary(null))
        .getMessage(), equalTo("withVocabulary() needs a vocabulary, but was null"));
  }
}
