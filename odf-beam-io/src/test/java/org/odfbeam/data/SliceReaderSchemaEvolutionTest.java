package org.odfbeam.data;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written before the dataset gained a nullable column read with the wider, current schema. */
class SliceReaderSchemaEvolutionTest {
  static final Schema OLD = OdfSchemas.withSystemColumns(Vocabulary.DEFAULT, FieldType.DATETIME.withNullable(true),
      Schema.builder().addStringField("city").addInt64Field("population").build());
  /** OLD plus a nullable column in the middle and a nullable struct at the end. */
  static final Schema WIDER = OdfSchemas.withSystemColumns(Vocabulary.DEFAULT, FieldType.DATETIME.withNullable(true),
      Schema.builder()
          .addStringField("city")
          .addNullableField("country", FieldType.STRING)
          .addInt64Field("population")
          .addNullableField("address", FieldType.row(TestRows.ADDRESS))
          .build());

  @TempDir Path dir;

  private Path writeOld(int n, int rowGroupRows) {
    try (SliceWriter.Session s = SliceWriter.of(OLD).withRowGroupRows(rowGroupRows).open(dir.resolve("old.parquet"), 0)) {
      for (long i = 0; i < n; i++) {
        s.write(Row.withSchema(OLD).attachValues(i, 0, TestRows.SYSTEM_TIME, new Instant(1_000L * i), "c" + i, 10 * i));
      }
      return s.finish().orElseThrow().file();
    }
  }

  private static Row wide(long i) {
    return Row.withSchema(WIDER).attachValues(i, 0, TestRows.SYSTEM_TIME, new Instant(1_000L * i), "c" + i, null,
        10 * i, null);
  }

  @Test
  void columnsAddedLaterReadAsNullFromOlderFiles() {
    Path file = writeOld(12, 5);
    List<Row> rows = new ArrayList<>();
    SliceReader.of(WIDER).read(file, rows::add);
    List<Row> expected = new ArrayList<>();
    for (long i = 0; i < 12; i++) {
      expected.add(wide(i));
    }
    assertThat(rows, equalTo(expected));
  }

  @Test
  void projectionAndOffsetFilterWorkWithAbsentColumns() {
    Path file = writeOld(12, 5);
    List<Row> rows = new ArrayList<>();
    SliceReader.of(WIDER).withColumns("country", "city").withOffsetRange(3, 6).read(file, rows::add);
    Schema out = SliceReader.of(WIDER).withColumns("country", "city").outputSchema();
    assertThat(rows, contains(Row.withSchema(out).attachValues(null, "c3"), Row.withSchema(out).attachValues(null, "c4"),
        Row.withSchema(out).attachValues(null, "c5"), Row.withSchema(out).attachValues(null, "c6")));
  }

  @Test
  void onlyAbsentColumnsProjectedStillGivesOneRowPerRecord() {
    Path file = writeOld(7, 3);
    List<Row> rows = new ArrayList<>();
    long n = SliceReader.of(WIDER).withColumns("country").read(file, rows::add);
    assertThat(n, equalTo(7L));
    Schema out = SliceReader.of(WIDER).withColumns("country").outputSchema();
    assertThat(rows, equalTo(java.util.Collections.nCopies(7, Row.withSchema(out).attachValues((Object) null))));
  }

  @Test
  void absentNonNullableColumnFailsNamingFileAndColumn() {
    Path file = writeOld(3, 5);
    Schema required = OdfSchemas.withSystemColumns(Vocabulary.DEFAULT, FieldType.DATETIME.withNullable(true),
        Schema.builder().addStringField("city").addInt64Field("population").addStringField("country").build());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SliceReader.of(required).open(file));
    assertThat(e.getMessage(), containsString("Cannot read data file " + file + ": column 'country' is missing and"
        + " not nullable"));
  }
}
