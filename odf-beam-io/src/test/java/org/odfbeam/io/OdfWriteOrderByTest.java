package org.odfbeam.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link OdfWrite#withOrderBy}: kamu's merge-strategy offset order, and the order-preserving encoding under it. */
class OdfWriteOrderByTest {
  /** A Snapshot merge's output: op, the primary key and the data, as kamu-cli's merge strategies emit it. */
  static final Schema CHANGES = Schema.builder()
      .addInt32Field("op")
      .addDateTimeField("event_time")
      .addStringField("city")
      .addInt64Field("population")
      .build();

  @TempDir
  Path tmp;

  private static Row change(int op, long eventMillis, String city, long population) {
    return Row.withSchema(CHANGES)
        .addValues(op, new org.joda.time.Instant(eventMillis), city, population).build();
  }

  /**
   * kamu-cli orders a Snapshot merge's output by primary key, then op
   * (kamu-data/kamu-cli:src/infra/ingest-datafusion/src/merge_strategies/snapshot.rs, {@code sort_order}), which
   * puts each -C right before its +C although the -C carries the older event time. The records are the expected
   * merge output of kamu-data/kamu-cli:src/infra/ingest-datafusion/tests/tests/test_merge_strategy_snapshot.rs
   * {@code test_snapshot_merge_mix_of_changes} (event times 2020 for the old versions, 2025 for the new ones),
   * numbered in that sort order.
   */
  @Test
  void ordersByTheGivenColumnsBeforeEventTime() {
    String dataset = tmp.resolve("cities").toString();
    long y2020 = 1_577_836_800_000L;
    long y2025 = 1_735_689_600_000L;
    List<Row> rows = new ArrayList<>(List.of(
        change(2, y2020, "kyiv", 3),
        change(3, y2025, "kyiv", 4),
        change(0, y2025, "odessa", 5),
        change(1, y2020, "vancouver", 1)));
    Collections.reverse(rows);
    OdfWriteTest.run(dataset, rows, CHANGES, OdfIO.write().withOrderBy("city", "op")
        .withSystemTime(OdfWriteTest.SYSTEM_TIME));
    List<String> ordered = OdfWriteTest.readAll(dataset).stream()
        .map(r -> r.getInt64("offset") + " " + r.getInt32("op") + " " + r.getString("city")).toList();
    assertThat(ordered, equalTo(List.of("0 2 kyiv", "1 3 kyiv", "2 0 odessa", "3 1 vancouver")));
  }

  private static org.apache.beam.sdk.values.PCollection<Row> emptyInput(Schema schema) {
    org.apache.beam.sdk.Pipeline p = org.apache.beam.sdk.Pipeline.create(
        org.apache.beam.sdk.options.PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    return p.apply(org.apache.beam.sdk.transforms.Create.empty(org.apache.beam.sdk.coders.RowCoder.of(schema)))
        .setRowSchema(schema);
  }

  @Test
  void rejectsUnknownAndUnorderableColumns() {
    Schema withMap = Schema.builder().addStringField("city")
        .addArrayField("tags", FieldType.STRING).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OdfIO.write().to(tmp.toString()).withOrderBy("country").expand(
            emptyInput(withMap)));
    assertThat(e.getMessage(), containsString("ordered by column 'country'"));
    e = assertThrows(IllegalArgumentException.class,
        () -> OdfIO.write().to(tmp.toString()).withOrderBy("tags").expand(emptyInput(withMap)));
    assertThat(e.getMessage(), containsString("cannot be ordered by column 'tags'"));
    e = assertThrows(IllegalArgumentException.class, () -> OdfIO.write().withOrderBy());
    assertThat(e.getMessage(), containsString("at least one column"));
    e = assertThrows(IllegalArgumentException.class, () -> OdfIO.write().withOrderBy("a", "a"));
    assertThat(e.getMessage(), containsString("names column 'a' twice"));
  }

  /** A hidden order column (as a merge strategy emits) orders the offsets and is not stored. */
  @Test
  void aHiddenOrderColumnOrdersAndIsDropped() {
    Schema withOrder = Schema.builder().addFields(CHANGES.getFields()).addByteArrayField("__order").build();
    long t = 1_577_836_800_000L;
    List<Row> rows = new ArrayList<>();
    String[] cities = {"d", "a", "c", "b"};
    for (int i = 0; i < cities.length; i++) {
      // the order column says: reverse alphabetical
      byte[] order = {(byte) (10 - cities[i].charAt(0) + 'a')};
      rows.add(Row.withSchema(withOrder).addValues(0, new org.joda.time.Instant(t - i), cities[i], (long) i, order)
          .build());
    }
    String dataset = tmp.resolve("hidden").toString();
    OdfWriteTest.run(dataset, rows, withOrder, OdfIO.write().withOrderColumn("__order")
        .withSystemTime(OdfWriteTest.SYSTEM_TIME));
    List<Row> read = OdfWriteTest.readAll(dataset);
    assertThat(read.get(0).getSchema().hasField("__order"), equalTo(false));
    assertThat(read.stream().map(r -> r.getString("city")).toList(), equalTo(List.of("d", "c", "b", "a")));
  }

  /** Records without an event time get the system time (kamu's fallback); the column is stored non-null. */
  @Test
  void nullEventTimesBecomeTheSystemTime() {
    Schema nullable = Schema.builder().addInt32Field("op").addNullableField("event_time", FieldType.DATETIME)
        .addStringField("city").addInt64Field("population").build();
    List<Row> rows = List.of(
        Row.withSchema(nullable).addValues(0, null, "a", 1L).build(),
        Row.withSchema(nullable).addValues(0, new org.joda.time.Instant(5L), "b", 2L).build());
    String dataset = tmp.resolve("nulls").toString();
    OdfWriteTest.run(dataset, rows, nullable, OdfIO.write().withSystemTime(OdfWriteTest.SYSTEM_TIME));
    List<Row> read = OdfWriteTest.readAll(dataset);
    assertThat(read.get(0).getSchema().getField("event_time").getType().getNullable(), equalTo(false));
    assertThat(read.stream().map(r -> r.getString("city") + " " + r.getDateTime("event_time").getMillis()).toList(),
        equalTo(List.of("a " + OdfWriteTest.SYSTEM_TIME.toEpochMilli(), "b 5")));
  }

  /** Unsigned order of the encodings equals the values' natural order (nulls first), for every orderable type. */
  @Test
  void encodingPreservesOrderForEveryType() {
    Random random = new Random(42);
    List<Object[]> cases = new ArrayList<>();
    cases.add(new Object[] {FieldType.INT64, (java.util.function.Supplier<Object>) random::nextLong});
    cases.add(new Object[] {FieldType.INT32, (java.util.function.Supplier<Object>) () -> random.nextInt(200) - 100});
    cases.add(new Object[] {FieldType.INT16, (java.util.function.Supplier<Object>) () -> (short) random.nextInt()});
    cases.add(new Object[] {FieldType.BYTE, (java.util.function.Supplier<Object>) () -> (byte) random.nextInt()});
    cases.add(new Object[] {FieldType.BOOLEAN, (java.util.function.Supplier<Object>) random::nextBoolean});
    cases.add(new Object[] {FieldType.DOUBLE, (java.util.function.Supplier<Object>) () ->
        List.of(0.0, -0.0, 1.5, -1.5, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE,
            Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY).get(random.nextInt(9)) * random.nextInt(3)});
    cases.add(new Object[] {FieldType.FLOAT, (java.util.function.Supplier<Object>) () ->
        (float) random.nextGaussian() * 1e6f});
    cases.add(new Object[] {FieldType.STRING, (java.util.function.Supplier<Object>) () ->
        List.of("", "a", "a\u0000", "a\u0000b", "ab", "b", "é", "\uD83D\uDE00", "Z").get(random.nextInt(9))});
    cases.add(new Object[] {FieldType.BYTES, (java.util.function.Supplier<Object>) () -> {
      byte[] b = new byte[random.nextInt(4)];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) List.of(0, 1, 255, 128).get(random.nextInt(4)).intValue();
      }
      return b;
    }});
    cases.add(new Object[] {FieldType.DECIMAL, (java.util.function.Supplier<Object>) () ->
        BigDecimal.valueOf(random.nextInt(20001) - 10000, random.nextInt(6) - 2)});
    cases.add(new Object[] {FieldType.DATETIME, (java.util.function.Supplier<Object>) () ->
        new org.joda.time.Instant(random.nextLong() / 1000)});
    cases.add(new Object[] {FieldType.logicalType(SqlTypes.DATE), (java.util.function.Supplier<Object>) () ->
        LocalDate.ofEpochDay(random.nextInt(200_000) - 100_000)});
    for (Object[] c : cases) {
      FieldType type = (FieldType) c[0];
      @SuppressWarnings("unchecked")
      java.util.function.Supplier<Object> values = (java.util.function.Supplier<Object>) c[1];
      Schema schema = Schema.builder().addNullableField("v", type).build();
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        rows.add(Row.withSchema(schema).addValue(random.nextInt(20) == 0 ? null : values.get()).build());
      }
      Comparator<Row> natural = Comparator.comparing((Row r) -> r.getValue(0), Comparator.nullsFirst(
          (a, b) -> compareNatural(a, b)));
      for (Row a : rows) {
        for (int j = 0; j < 20; j++) {
          Row b = rows.get(random.nextInt(rows.size()));
          int expected = Integer.signum(natural.compare(a, b));
          int actual = Integer.signum(java.util.Arrays.compareUnsigned(
              OrderedEncoding.encode(a, List.of("v")), OrderedEncoding.encode(b, List.of("v"))));
          assertThat(type + ": " + a.getValue(0) + " vs " + b.getValue(0), actual, equalTo(expected));
        }
      }
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareNatural(Object a, Object b) {
    if (a instanceof Double x) {
      return Double.compare(x, (Double) b);
    }
    if (a instanceof Float x) {
      return Float.compare(x, (Float) b);
    }
    if (a instanceof String x) {
      return java.util.Arrays.compareUnsigned(x.getBytes(java.nio.charset.StandardCharsets.UTF_8),
          ((String) b).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    if (a instanceof byte[] x) {
      return java.util.Arrays.compareUnsigned(x, (byte[]) b);
    }
    if (a instanceof org.joda.time.Instant x) {
      return Long.compare(x.getMillis(), ((org.joda.time.Instant) b).getMillis());
    }
    return ((Comparable) a).compareTo(b);
  }
}
