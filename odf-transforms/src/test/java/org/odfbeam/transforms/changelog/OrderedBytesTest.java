package org.odfbeam.transforms.changelog;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/** The order-preserving key encoding: unsigned byte order equals value order, tuples included. */
class OrderedBytesTest {

  private static <T> void assertOrdered(FieldType type, List<T> ascending) {
    for (int i = 0; i + 1 < ascending.size(); i++) {
      byte[] a = OrderedBytes.encode(type, ascending.get(i));
      byte[] b = OrderedBytes.encode(type, ascending.get(i + 1));
      assertThat(ascending.get(i) + " < " + ascending.get(i + 1), OrderedBytes.compare(a, b), lessThan(0));
    }
  }

  @Test
  void ordersIntegersSignedWithNullFirst() {
    assertOrdered(FieldType.INT32, Arrays.asList(null, Integer.MIN_VALUE, -2, -1, 0, 1, 255, 256,
        Integer.MAX_VALUE));
    assertOrdered(FieldType.INT64, Arrays.asList(null, Long.MIN_VALUE, -1L, 0L, 1L, Long.MAX_VALUE));
    assertOrdered(FieldType.INT16, Arrays.asList((short) -32768, (short) -1, (short) 0, (short) 32767));
    assertOrdered(FieldType.BYTE, Arrays.asList((byte) -128, (byte) -1, (byte) 0, (byte) 127));
  }

  @Test
  void ordersDoublesByTheIeeeTotalOrder() {
    assertOrdered(FieldType.DOUBLE, Arrays.asList(Double.NEGATIVE_INFINITY, -1.5, -0.0, 0.0, Double.MIN_VALUE,
        1.5, Double.POSITIVE_INFINITY, Double.NaN));
    assertOrdered(FieldType.FLOAT, Arrays.asList(-1f, 0f, 1f));
  }

  @Test
  void ordersStringsByUtf8BytesAndKeepsPrefixesFirst() {
    // a prefix sorts first, a zero byte sorts below every other character; UTF-8 order is code point order
    assertOrdered(FieldType.STRING, Arrays.asList("", "a", "a\0", "a\0b", "aa", "ab", "b", "é", "\uFFFF",
        "\uD83D\uDE00"));
    assertOrdered(FieldType.BYTES, Arrays.asList(new byte[0], new byte[] {0}, new byte[] {0, 0}, new byte[] {1},
        new byte[] {(byte) 0xff}));
  }

  @Test
  void ordersTuplesColumnByColumn() {
    Schema s = Schema.builder().addStringField("city").addInt32Field("year").build();
    List<Row> ascending = List.of(
        Row.withSchema(s).addValues("a", 2021).build(),
        Row.withSchema(s).addValues("a", 2022).build(),
        Row.withSchema(s).addValues("a\0", 1).build(),
        Row.withSchema(s).addValues("ab", 0).build());
    List<byte[]> keys = new ArrayList<>();
    ascending.forEach(r -> keys.add(OrderedBytes.encode(r, List.of("city", "year"))));
    for (int i = 0; i + 1 < keys.size(); i++) {
      assertThat(OrderedBytes.compare(keys.get(i), keys.get(i + 1)), lessThan(0));
    }
    // a position suffix orders within a key and never across keys
    byte[] last = OrderedBytes.withPosition(keys.get(0), Integer.MAX_VALUE);
    assertThat(OrderedBytes.compare(last, OrderedBytes.withPosition(keys.get(1), 0)), lessThan(0));
    assertThat(OrderedBytes.compare(last, OrderedBytes.withPosition(keys.get(0), 1)), greaterThan(0));
  }

  @Test
  void encodesEqualValuesEqually() {
    assertThat(OrderedBytes.encode(FieldType.DATETIME, new Instant(5)),
        equalTo(OrderedBytes.encode(FieldType.DATETIME, new Instant(5))));
    assertOrdered(FieldType.DATETIME, List.of(new Instant(-1), new Instant(0), new Instant(1)));
  }

  @Test
  void rejectsUnorderableTypesNamingTheColumn() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OrderedBytes.checkOrderable(FieldType.array(FieldType.INT32), "tags", "merge snapshot"));
    assertThat(e.getMessage(), containsString("Cannot merge snapshot: column 'tags' has type ARRAY, which cannot"
        + " be ordered"));
  }
}
