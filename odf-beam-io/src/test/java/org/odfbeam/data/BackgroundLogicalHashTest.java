package org.odfbeam.data;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.NanosInstant;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The logical hash {@link SliceWriter} computes from rows ({@link BackgroundLogicalHash}, {@link RowAssembler}) must
 * equal the reader-side, independent computation {@link ParquetLogicalHash#of} over the written file, for every
 * schema the tests use, across batch boundaries, with nulls, lists and (nested) structs.
 */
class BackgroundLogicalHashTest {
  @TempDir Path dir;

  private static final Schema INNER = Schema.builder()
      .addNullableField("n", FieldType.INT64)
      .addNullableField("s", FieldType.STRING)
      .build();
  private static final Schema OUTER = Schema.builder()
      .addNullableField("inner", FieldType.row(INNER))
      .addField("k", FieldType.INT32)
      .addNullableField("l", FieldType.array(FieldType.INT64.withNullable(true)))
      .build();
  /** Nested structs whose nulls appear in some 10,000-row batches only (arrow-digest's struct-null quirk). */
  private static final Schema NESTED = OdfSchemas.withSystemColumns(Vocabulary.DEFAULT, FieldType.DATETIME,
      Schema.builder()
          .addNullableField("outer", FieldType.row(OUTER))
          .addField("req", FieldType.row(INNER))
          .addNullableField("nanos", FieldType.logicalType(new NanosInstant()))
          .addNullableField("deep", FieldType.array(FieldType.array(FieldType.STRING.withNullable(true))
              .withNullable(true)))
          .build());

  private static Row nestedRow(long o) {
    int i = (int) o;
    boolean structNulls = i < 10_000 || i >= 20_000; // batch 2 (rows 10,000..19,999) has no struct nulls
    Row inner = Row.withSchema(INNER).attachValues(i % 4 == 1 ? null : (long) i * 3, i % 6 == 2 ? null : "s" + i);
    Row outer = Row.withSchema(OUTER).attachValues(structNulls && i % 5 == 0 ? null : inner, i,
        i % 9 == 4 ? null : Arrays.asList((long) i, null));
    return Row.withSchema(NESTED).attachValues(o, 0, TestRows.SYSTEM_TIME, new Instant(1_000L * i),
        structNulls && i % 3 == 0 ? null : outer, inner,
        i % 8 == 0 ? null : java.time.Instant.ofEpochSecond(1_700_000_000L + i, i),
        i % 10 == 0 ? null : Arrays.asList(Arrays.asList("a", null), null, List.of()));
  }

  private SliceFile write(SliceWriter writer, long rows, LongFunction<Row> row) {
    try (SliceWriter.Session s = writer.open(dir.resolve("f-" + rows + ".parquet"), 0)) {
      for (long o = 0; o < rows; o++) {
        s.write(row.apply(o));
      }
      return s.finish().orElseThrow();
    }
  }

  private void assertSameAsReader(SliceFile f) {
    assertThat(f.slice().logicalHash(), equalTo(ParquetLogicalHash.of(f.file())));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 9_999, 10_000, 10_001, 25_003})
  void allTypesMatchReader(int rows) {
    assertSameAsReader(write(SliceWriter.of(TestRows.ALL_TYPES).withRowGroupRows(3_000), rows,
        TestRows::allTypesRow));
  }

  @ParameterizedTest
  @ValueSource(ints = {7, 10_000, 30_001})
  void nestedStructsAndListsMatchReader(int rows) {
    assertSameAsReader(write(SliceWriter.of(NESTED), rows, BackgroundLogicalHashTest::nestedRow));
  }

  @Test
  void datasetRowsMatchReader() {
    List<Row> data = ParquetDatasets.rows(0, 12_345);
    try (SliceWriter.Session s = SliceWriter.of(ParquetDatasets.ROWS).open(dir.resolve("d.parquet"), 0,
        TestRows.SYSTEM_TIME)) {
      data.forEach(s::append);
      assertSameAsReader(s.finish().orElseThrow());
    }
  }

  @Test
  void customVocabularyMatchesReader() {
    Vocabulary v = new Vocabulary("o", "operation", "st", "et");
    Schema schema = OdfSchemas.withSystemColumns(v, FieldType.logicalType(
        org.apache.beam.sdk.schemas.logicaltypes.SqlTypes.DATE), Schema.builder().addStringField("x").build());
    assertSameAsReader(write(SliceWriter.of(schema, v), 10_500, i -> Row.withSchema(schema).attachValues(i, 0,
        TestRows.SYSTEM_TIME, java.time.LocalDate.ofEpochDay(i), "x" + i)));
  }

  @Test
  void backgroundFailureReachesFinishAndDeletesTheFile() {
    Schema schema = OdfSchemas.withSystemColumns(Vocabulary.DEFAULT, FieldType.DATETIME,
        Schema.builder().addField("xs", FieldType.array(FieldType.INT64)).build());
    Path file = dir.resolve("bad.parquet");
    List<Object> mutable = new ArrayList<>(List.of(1L));
    try (SliceWriter.Session s = SliceWriter.of(schema).open(file, 0)) {
      s.write(Row.withSchema(schema).attachValues(0L, 0, TestRows.SYSTEM_TIME, new Instant(0), mutable));
      mutable.set(0, "not a long"); // breaks the contract: rows must not change after being written
      RuntimeException e = assertThrows(RuntimeException.class, s::finish);
      assertThat(e instanceof ClassCastException, is(true));
    }
    assertThat(Files.exists(file), is(false));
  }

  @Test
  void closeStopsTheBackgroundThread() throws Exception {
    for (int k = 0; k < 5; k++) {
      try (SliceWriter.Session s = SliceWriter.of(TestRows.ALL_TYPES).open(dir.resolve("c" + k + ".parquet"), 0)) {
        for (long o = 0; o < 10_001; o++) {
          s.write(TestRows.allTypesRow(o));
        }
      } // closed unfinished
    }
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (hashThreads() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(hashThreads(), is(0L));
  }

  private static long hashThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().equals("odf-logical-hash")).count();
  }
}
