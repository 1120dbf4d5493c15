package org.odfbeam.transforms.testing;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.data.Vocabulary;
import org.odfbeam.transforms.changelog.Operation;

/**
 * The tables of kamu-cli's merge strategy tests ({@code kamu-data/kamu-cli:src/infra/ingest-datafusion/tests/tests/
 * test_merge_strategy_*.rs}): {@code year} INT32 (the event time column), {@code city} STRING, {@code population}
 * INT64; ledgers add {@code offset} (the row's position) and {@code op}. Rows are written as strings such as
 * {@code "+A 2020 vancouver 1"}, {@code "null kyiv 4"} (no op) or {@code "-C 2020 kyiv 3"}.
 */
public final class KamuFixtures {
  /** kamu's tests set {@code event_time_column: Some("year")}. */
  public static final Vocabulary VOCAB = new Vocabulary("offset", "op", "system_time", "year");
  /** Name of the order column the tests request. */
  public static final String ORDER = "__order";

  private KamuFixtures() {}

  /** {@code year, city, population}; {@code year} nullable as in the Snapshot and UpsertStream tests. */
  public static Schema input(boolean nullableYear) {
    return Schema.builder()
        .addField("year", nullableYear ? FieldType.INT32.withNullable(true) : FieldType.INT32)
        .addStringField("city").addInt64Field("population").build();
  }

  /** {@code op, year, city, population}: a changelog or upsert input. */
  public static Schema opInput(boolean nullableYear) {
    return Schema.builder().addInt32Field("op").addFields(input(nullableYear).getFields()).build();
  }

  /** {@code offset, op, year, city, population}: a ledger as read from a dataset. */
  public static Schema ledger(boolean nullableYear) {
    return Schema.builder().addInt64Field("offset").addFields(opInput(nullableYear).getFields()).build();
  }

  /** Rows of {@code schema} from strings; a leading op code fills {@code op}, offsets count from 0. */
  public static PCollection<Row> rows(TestPipeline p, String name, Schema schema, String... rows) {
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      out.add(row(schema, i, rows[i]));
    }
    return p.apply(name, Create.of(out).withRowSchema(schema));
  }

  /** One row of {@code schema} from its string. */
  public static Row row(Schema schema, long offset, String text) {
    List<String> parts = new ArrayList<>(Arrays.asList(text.trim().split(" +")));
    Row.Builder b = Row.withSchema(schema);
    for (Schema.Field f : schema.getFields()) {
      if (f.getName().equals("offset")) {
        b.addValue(offset);
        continue;
      }
      String v = parts.remove(0);
      if (f.getName().equals("op")) {
        b.addValue(opCode(v));
      } else if (v.equals("null")) {
        b.addValue(null);
      } else {
        b.addValue(switch (f.getType().getTypeName()) {
          case INT32 -> Integer.parseInt(v);
          case INT64 -> Long.parseLong(v);
          default -> v;
        });
      }
    }
    return b.build();
  }

  private static int opCode(String shortCode) {
    for (Operation op : Operation.values()) {
      if (op.shortCode().equals(shortCode)) {
        return op.code();
      }
    }
    throw new IllegalArgumentException("not an op: " + shortCode);
  }

  /** A row as a string: the op's short code (if any), then the other values but offset and the order column. */
  public static String describe(Row row) {
    StringBuilder b = new StringBuilder();
    for (Schema.Field f : row.getSchema().getFields()) {
      String name = f.getName();
      if (name.equals("offset") || name.equals(ORDER) || name.equals("system_time")) {
        continue;
      }
      Object v = row.getValue(name);
      String s = name.equals("op") ? Operation.ofCode((Integer) v).shortCode() : String.valueOf(v);
      b.append(b.length() == 0 ? "" : " ").append(s);
    }
    return b.toString();
  }

  /**
   * Asserts the rows in kamu's order: sorted by the order column (unsigned bytes), then by event time ({@code year},
   * nulls first), as the write should assign offsets.
   */
  public static void assertInOrder(PCollection<Row> rows, String... expected) {
    PAssert.that(rows).satisfies(actual -> {
      List<Row> sorted = new ArrayList<>();
      actual.forEach(sorted::add);
      sorted.sort(Comparator.<Row, byte[]>comparing(r -> r.getBytes(ORDER), Arrays::compareUnsigned)
          .thenComparing(r -> r.getSchema().hasField("year") ? r.getInt32("year") : null,
              Comparator.nullsFirst(Comparator.<Integer>naturalOrder())));
      List<String> got = sorted.stream().map(KamuFixtures::describe).toList();
      if (expected.length == 0) {
        assertThat(got, empty());
      } else {
        assertThat(got, contains(expected));
      }
      return null;
    });
  }

  /** Asserts the rows in any order. */
  public static void assertAnyOrder(PCollection<Row> rows, String... expected) {
    PAssert.that(rows).satisfies(actual -> {
      List<String> got = new ArrayList<>();
      actual.forEach(r -> got.add(describe(r)));
      if (expected.length == 0) {
        assertThat(got, empty());
      } else {
        assertThat(got, containsInAnyOrder(expected));
      }
      return null;
    });
  }
}
