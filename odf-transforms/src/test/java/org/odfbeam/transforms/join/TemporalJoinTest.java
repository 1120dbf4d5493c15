package org.odfbeam.transforms.join;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
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

/** Bounded inputs: CoGroupByKey, and the stateful stage forced on the same inputs for equality. */
@ExtendWith(TestPipelineExtension.class)
class TemporalJoinTest {
  static final int A = 0;
  static final int R = 1;
  static final int CF = 2;
  static final int CT = 3;

  /** kamu-data/kamu-engine-flink:src/test/scala/dev/kamu/engine/flink/test/EngineJoinStreamToTemporalTableTest.scala. */
  static final Schema TICKERS = Schema.builder()
      .addInt32Field("op")
      .addDateTimeField("event_time")
      .addStringField("symbol")
      .addInt32Field("price")
      .build();

  static final Schema OWNED = Schema.builder()
      .addInt64Field("offset")
      .addInt32Field("op")
      .addDateTimeField("system_time")
      .addDateTimeField("event_time")
      .addStringField("symbol")
      .addInt32Field("volume")
      .build();

  static Instant ts(int seconds) {
    return new Instant(seconds * 1000L);
  }

  static Row ticker(int t, String symbol, int price) {
    return Row.withSchema(TICKERS).addValues(A, ts(t), symbol, price).build();
  }

  static Row owned(long offset, int op, int t, String symbol, int volume) {
    return Row.withSchema(OWNED).addValues(offset, op, ts(100), ts(t), symbol, volume).build();
  }

  /** {@code t=2 A price=10 volume=100}. */
  static String describe(Row r) {
    return "t=" + r.getDateTime("event_time").getMillis() / 1000 + " " + r.getString("symbol") + " price="
        + r.getInt32("price") + " volume=" + r.getValue("volume");
  }

  static PCollection<String> described(String name, PCollection<Row> rows) {
    return rows.apply(name, MapElements.into(TypeDescriptors.strings()).via(TemporalJoinTest::describe));
  }

  /** Both runs of kamu's "Temporal table join" test, inputs concatenated (tickers at t=5 included). */
  static List<Row> tickers() {
    return List.of(ticker(1, "A", 10), ticker(1, "B", 20), ticker(2, "A", 10), ticker(2, "B", 20),
        ticker(3, "A", 12), ticker(3, "B", 22), ticker(4, "A", 14), ticker(4, "B", 24),
        ticker(5, "A", 15), ticker(5, "B", 25));
  }

  static List<Row> stocksOwned() {
    return List.of(owned(0, A, 2, "A", 100), owned(1, A, 3, "B", 200), owned(2, A, 4, "B", 250));
  }

  /*
   * kamu's expected output (EngineJoinStreamToTemporalTableTest, "Temporal table join"): first run
   * (t=2 A 100 10), (t=3 A 100 12), (t=3 B 200 22); second run (t=4 A 100 14), (t=4 B 250 24). The t=5 rows are
   * not in kamu's output (its watermark stops at 4); by hand they join the latest versions, A 100 and B 250.
   */
  static final String[] KAMU_EXPECTED = {
      "t=2 A price=10 volume=100", "t=3 A price=12 volume=100", "t=3 B price=22 volume=200",
      "t=4 A price=14 volume=100", "t=4 B price=24 volume=250",
      "t=5 A price=15 volume=100", "t=5 B price=25 volume=250"};

  @Test
  void joinsEachTickerWithTheHoldingValidAtItsEventTimeAsKamuDoes(TestPipeline p) {
    PCollection<Row> owned = p.apply("Owned", Create.of(stocksOwned()).withRowSchema(OWNED));
    PCollection<Row> out = p.apply("Tickers", Create.of(tickers()).withRowSchema(TICKERS))
        .apply(TemporalJoin.asOf(owned).by("symbol"));

    assertThat(out.getSchema(), equalTo(Schema.builder()
        .addInt32Field("op")
        .addDateTimeField("event_time")
        .addStringField("symbol")
        .addInt32Field("price")
        .addInt32Field("volume")
        .build()));
    PAssert.that(described("Describe", out)).containsInAnyOrder(KAMU_EXPECTED);
    p.run();
  }

  @Test
  void theStatefulStageGivesTheSameOutputOnBoundedInput(TestPipeline p) {
    List<Row> shuffled = new ArrayList<>(stocksOwned());
    Collections.reverse(shuffled);
    PCollection<Row> owned = p.apply("Owned", Create.of(shuffled).withRowSchema(OWNED));
    PCollection<Row> out = p.apply("Tickers", Create.of(tickers()).withRowSchema(TICKERS))
        .apply(TemporalJoin.asOf(owned).by("symbol").withStatefulStage());

    PAssert.that(described("Describe", out)).containsInAnyOrder(KAMU_EXPECTED);
    p.run();
  }

  static final Schema TRADES = Schema.builder()
      .addDateTimeField("event_time")
      .addNullableField("exchange", FieldType.STRING)
      .addStringField("ticker")
      .addInt32Field("qty")
      .build();

  static final Schema LISTINGS = Schema.builder()
      .addInt64Field("offset")
      .addInt32Field("op")
      .addDateTimeField("event_time")
      .addStringField("exchange")
      .addStringField("symbol")
      .addInt32Field("lot")
      .build();

  static Row trade(int t, String exchange, String ticker, int qty) {
    return Row.withSchema(TRADES).addValues(ts(t), exchange, ticker, qty).build();
  }

  static Row listing(long offset, int op, int t, String exchange, String symbol, int lot) {
    return Row.withSchema(LISTINGS).addValues(offset, op, ts(t), exchange, symbol, lot).build();
  }

  /** A changelog keyed by (exchange, symbol) with corrections and retractions; see the entries below. */
  static List<Row> listings() {
    return List.of(
        listing(0, A, 1, "X", "A", 10),
        listing(1, A, 1, "Y", "A", 20),
        listing(2, A, 3, "X", "A", 30),
        listing(3, CF, 3, "X", "A", 30),   // corrected at the same event time: 35 replaces 30
        listing(4, CT, 3, "X", "A", 35),
        listing(5, R, 1, "Y", "A", 20),    // retracted: (Y, A) has no value from t=1 ...
        listing(6, A, 5, "Y", "A", 25),    // ... until t=5
        listing(7, CF, 1, "X", "A", 10),   // corrected to another event time: no value in [1, 2) ...
        listing(8, CT, 2, "X", "A", 12));  // ... and 12 in [2, 3)
  }

  static List<Row> trades() {
    List<Row> rows = new ArrayList<>(List.of(
        trade(0, "X", "A", 1),     // before any version
        trade(1, "X", "A", 2),     // t=1: the -C (offset 7) is the latest entry: no value
        trade(2, "X", "A", 3),     // t=2: +C 12
        trade(4, "X", "A", 4),     // t=3 entry: +C 35 (offset 4 beats 2 and 3)
        trade(2, "Y", "A", 5),     // t=1 entry: -R (offset 5 beats 1): no value
        trade(6, "Y", "A", 6),     // t=5: 25
        trade(6, "Z", "A", 7)));   // no such key
    rows.add(trade(6, null, "A", 8)); // null key: never matches
    return rows;
  }

  static String describeTrade(Row r) {
    return "qty=" + r.getInt32("qty") + " lot=" + r.getValue("listing_lot");
  }

  @Test
  void honoursRetractionsAndCorrectionsWithMultiColumnKeys(TestPipeline p) {
    PCollection<Row> listings = p.apply("Listings", Create.of(listings()).withRowSchema(LISTINGS));
    PCollection<Row> trades = p.apply("Trades", Create.of(trades()).withRowSchema(TRADES));
    TemporalJoin join = TemporalJoin.asOf(listings)
        .by(List.of("exchange", "ticker"), List.of("exchange", "symbol"))
        .withTablePrefix("listing_");

    PCollection<Row> inner = trades.apply("Inner", join);
    PCollection<Row> left = trades.apply("Left", join.leftOuterJoin());
    PCollection<Row> leftStateful = trades.apply("Left stateful", join.leftOuterJoin().withStatefulStage());

    assertThat(inner.getSchema().getFieldNames(), equalTo(List.of("event_time", "exchange", "ticker", "qty",
        "listing_lot")));
    assertThat(inner.getSchema().getField("listing_lot").getType(), equalTo(FieldType.INT32));
    assertThat(left.getSchema().getField("listing_lot").getType(), equalTo(FieldType.INT32.withNullable(true)));
    PAssert.that("inner", inner.apply("Describe inner", MapElements.into(TypeDescriptors.strings())
        .via(TemporalJoinTest::describeTrade))).containsInAnyOrder("qty=3 lot=12", "qty=4 lot=35", "qty=6 lot=25");
    String[] leftExpected = {"qty=1 lot=null", "qty=2 lot=null", "qty=3 lot=12", "qty=4 lot=35",
        "qty=5 lot=null", "qty=6 lot=25", "qty=7 lot=null", "qty=8 lot=null"};
    PAssert.that("left", left.apply("Describe left", MapElements.into(TypeDescriptors.strings())
        .via(TemporalJoinTest::describeTrade))).containsInAnyOrder(leftExpected);
    PAssert.that("left stateful", leftStateful.apply("Describe left stateful", MapElements
        .into(TypeDescriptors.strings()).via(TemporalJoinTest::describeTrade))).containsInAnyOrder(leftExpected);
    p.run();
  }

  @Test
  void usesEachSidesVocabulary(TestPipeline p) {
    Schema stream = Schema.builder().addDateTimeField("at").addStringField("symbol").addInt32Field("price")
        .build();
    Schema table = Schema.builder().addInt64Field("pos").addInt32Field("kind").addDateTimeField("valid_from")
        .addStringField("symbol").addInt32Field("volume").build();
    PCollection<Row> owned = p.apply("Owned", Create.of(List.of(
        Row.withSchema(table).addValues(0L, A, ts(2), "A", 100).build())).withRowSchema(table));
    PCollection<Row> out = p.apply("Tickers", Create.of(List.of(
            Row.withSchema(stream).addValues(ts(1), "A", 9).build(),
            Row.withSchema(stream).addValues(ts(2), "A", 10).build()))
        .withRowSchema(stream))
        .apply(TemporalJoin.asOf(owned).by("symbol")
            .withVocabulary(new Vocabulary("offset", "op", "system_time", "at"))
            .withTableVocabulary(new Vocabulary("pos", "kind", "system_time", "valid_from")));

    assertThat(out.getSchema().getFieldNames(), equalTo(List.of("at", "symbol", "price", "volume")));
    PAssert.that(out.apply(MapElements.into(TypeDescriptors.strings())
        .via(r -> r.getInt32("price") + "x" + r.getInt32("volume")))).containsInAnyOrder("10x100");
    p.run();
  }

  @Test
  void failsOnTwoDifferentTableRowsWithTheSameOffset(TestPipeline p) {
    PCollection<Row> owned = p.apply("Owned", Create.of(List.of(owned(0, A, 2, "A", 100), owned(0, A, 2, "A", 101)))
        .withRowSchema(OWNED));
    p.apply("Tickers", Create.of(tickers()).withRowSchema(TICKERS)).apply(TemporalJoin.asOf(owned).by("symbol"));

    Pipeline.PipelineExecutionException e = assertThrows(Pipeline.PipelineExecutionException.class, p::run);
    assertThat(e.getCause(), instanceOf(InvalidDataException.class));
    assertThat(e.getCause().getMessage(), containsString(
        "Cannot join temporal table: table key symbol=A has two different rows with offset 0"));
  }

  @Test
  void failsWhenAppliedToInputsItCannotJoin() {
    Pipeline p = Pipeline.create();
    PCollection<Row> tickers = p.apply("Tickers", Create.of(tickers()).withRowSchema(TICKERS));
    PCollection<Row> owned = p.apply("Owned", Create.of(stocksOwned()).withRowSchema(OWNED));

    IllegalArgumentException noBy = assertThrows(IllegalArgumentException.class,
        () -> tickers.apply("No by", TemporalJoin.asOf(owned)));
    assertThat(noBy.getMessage(), equalTo("Cannot join temporal table: by() is required"));

    IllegalArgumentException noOffset = assertThrows(IllegalArgumentException.class,
        () -> owned.apply("Self", TemporalJoin.asOf(tickers).by("symbol")));
    assertThat(noOffset.getMessage(), containsString(
        "Cannot join temporal table: the table has no offset column 'offset' (a temporal table is a changelog"));

    Schema numericSymbols = Schema.builder().addInt64Field("offset").addInt32Field("op")
        .addDateTimeField("event_time").addInt64Field("symbol").addInt32Field("price").build();
    PCollection<Row> badTable = p.apply("Bad table", Create.empty(numericSymbols));
    IllegalArgumentException keyType = assertThrows(IllegalArgumentException.class,
        () -> tickers.apply("Key type", TemporalJoin.asOf(badTable).by("symbol")));
    assertThat(keyType.getMessage(), equalTo(
        "Cannot join temporal table: stream key column 'symbol' is STRING but table key column 'symbol' is INT64"));

    Schema prices = Schema.builder().addInt64Field("offset").addInt32Field("op").addDateTimeField("event_time")
        .addStringField("ticker").addInt32Field("price").build();
    PCollection<Row> priced = p.apply("Priced", Create.empty(prices));
    IllegalArgumentException clash = assertThrows(IllegalArgumentException.class,
        () -> tickers.apply("Clash", TemporalJoin.asOf(priced).by(List.of("symbol"), List.of("ticker"))));
    assertThat(clash.getMessage(), equalTo("Cannot join temporal table: table column 'price' would be output as"
        + " 'price', which is a stream column; choose a prefix with withTablePrefix()"));

    IllegalArgumentException windowed = assertThrows(IllegalArgumentException.class,
        () -> tickers.apply("Window", Window.into(FixedWindows.of(Duration.standardMinutes(1))))
            .apply("Windowed", TemporalJoin.asOf(owned).by("symbol")));
    assertThat(windowed.getMessage(), containsString(
        "Cannot join temporal table: the stream must be in the global window, but is windowed by"));
  }

  @Test
  void validatesBuilderArguments() {
    PCollection<Row> owned = Pipeline.create().apply(Create.of(stocksOwned()).withRowSchema(OWNED));
    assertThat(assertThrows(IllegalArgumentException.class, () -> TemporalJoin.asOf(null)).getMessage(),
        equalTo("asOf() needs a table PCollection, but was null"));
    assertThat(assertThrows(IllegalArgumentException.class, () -> TemporalJoin.asOf(owned).by()).getMessage(),
        equalTo("by() needs at least one key column"));
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> TemporalJoin.asOf(owned).by(List.of("a"), List.of("b", "c"))).getMessage(),
        equalTo("by() needs as many stream columns as table columns, but got [a] and [b, c]"));
    assertThat(assertThrows(IllegalArgumentException.class, () -> TemporalJoin.asOf(owned).by("a", "a"))
        .getMessage(), equalTo("by() names each key column once, but was [a, a]"));
    assertThat(assertThrows(IllegalArgumentException.class, () -> TemporalJoin.asOf(owned).withTablePrefix(null))
        .getMessage(), equalTo("withTablePrefix() needs a prefix (\"\" for none), but was null"));
  }
}
