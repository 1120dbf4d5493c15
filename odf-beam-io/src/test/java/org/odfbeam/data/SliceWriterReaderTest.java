package org.odfbeam.data;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.core.multiformats.Multicodec;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.model.DataSlice;

class SliceWriterReaderTest {
  @TempDir Path dir;

  private SliceFile write(SliceWriter writer, String name, long start, List<Row> rows) {
    try (SliceWriter.Session s = writer.open(dir.resolve(name), start)) {
      rows.forEach(s::write);
      return s.finish().orElseThrow();
    }
  }

  private static List<Row> readAll(SliceReader reader, Path file) {
    List<Row> out = new ArrayList<>();
    reader.read(file, out::add);
    return out;
  }

  @Test
  void fileReadBackEqualsInputForAllTypes() {
    List<Row> rows = TestRows.allTypesRows(0, 40);
    SliceFile f = write(SliceWriter.of(TestRows.ALL_TYPES).withRowGroupRows(7), "a.parquet", 0, rows);
    assertThat(readAll(SliceReader.of(TestRows.ALL_TYPES), f.file()), equalTo(rows));
  }

  @Test
  void sliceDescribesTheFile() throws Exception {
    SliceFile f = write(SliceWriter.of(TestRows.ALL_TYPES), "a.parquet", 100, TestRows.allTypesRows(100, 25));
    DataSlice slice = f.slice();
    byte[] bytes = Files.readAllBytes(f.file());
    assertThat(slice.size(), is((long) bytes.length));
    assertThat(slice.physicalHash(), equalTo(Multihash.ofDigest(Multicodec.SHA3_256,
        MessageDigest.getInstance("SHA3-256").digest(bytes))));
    assertThat(slice.offsetInterval().start(), is(100L));
    assertThat(slice.offsetInterval().end(), is(124L));
    assertThat(slice.logicalHash().codec(), is(Multicodec.ARROW0_SHA3_256));
  }

  @Test
  void streamingLogicalHashEqualsFileLogicalHash() {
    SliceFile f = write(SliceWriter.of(TestRows.ALL_TYPES).withRowGroupRows(1000), "a.parquet", 0,
        TestRows.allTypesRows(0, 20_123));
    assertThat(ParquetLogicalHash.of(f.file()), equalTo(f.slice().logicalHash()));
  }

  @Test
  void rowGroupSizeDoesNotChangeLogicalHash() {
    List<Row> rows = TestRows.allTypesRows(0, 21_000); // spans three 10,000-row hash batches
    SliceFile small = write(SliceWriter.of(TestRows.ALL_TYPES).withRowGroupRows(7), "small.parquet", 0, rows);
    SliceFile big = write(SliceWriter.of(TestRows.ALL_TYPES), "big.parquet", 0, rows);
    assertThat(small.slice().logicalHash(), equalTo(big.slice().logicalHash()));
    assertThat(ParquetLogicalHash.of(small.file()), equalTo(ParquetLogicalHash.of(big.file())));
    assertThat(readAll(SliceReader.of(TestRows.ALL_TYPES), small.file()), equalTo(rows));
  }

  @Test
  void differentValuesGiveDifferentLogicalHash() {
    List<Row> rows = TestRows.allTypesRows(0, 10);
    List<Row> changed = new ArrayList<>(rows);
    Row r = rows.get(4);
    List<Object> values = new ArrayList<>(r.getValues());
    values.set(5, 4001L); // population 4000 -> 4001
    changed.set(4, Row.withSchema(r.getSchema()).attachValues(values));
    SliceFile a = write(SliceWriter.of(TestRows.ALL_TYPES), "a.parquet", 0, rows);
    SliceFile b = write(SliceWriter.of(TestRows.ALL_TYPES), "b.parquet", 0, changed);
    assertThat(a.slice().logicalHash().equals(b.slice().logicalHash()), is(false));
  }

  @Test
  void offsetFilterSkipsRowGroupsAndReturnsExactlyTheRange() {
    List<Row> rows = TestRows.allTypesRows(0, 100);
    SliceFile f = write(SliceWriter.of(TestRows.ALL_TYPES).withRowGroupRows(10), "a.parquet", 0, rows);
    SliceReader reader = SliceReader.of(TestRows.ALL_TYPES).withOffsetRange(35, 52);
    List<Row> out = new ArrayList<>();
    try (SliceReader.Rows it = reader.open(f.file())) {
      it.forEachRemaining(out::add);
      assertThat(it.rowGroupsRead(), is(3L)); // groups 30-39, 40-49, 50-59
      assertThat(it.rowGroupsSkipped(), is(7L));
    }
    assertThat(out, equalTo(rows.subList(35, 53)));
  }

  @Test
  void projectionWithFilterOnUnprojectedOffset() {
    List<Row> rows = TestRows.allTypesRows(0, 30);
    SliceFile f = write(SliceWriter.of(TestRows.ALL_TYPES).withRowGroupRows(10), "a.parquet", 0, rows);
    SliceReader reader = SliceReader.of(TestRows.ALL_TYPES).withColumns("city", "tags").withOffsetRange(28, 40);
    List<Row> out = readAll(reader, f.file());
    assertThat(out.size(), is(2));
    assertThat(out.get(0).getSchema().getFieldNames(), equalTo(List.of("city", "tags")));
    assertThat(out.get(0).getString("city"), equalTo(rows.get(28).getString("city")));
    assertThat(out.get(1).getArray("tags"), equalTo(rows.get(29).getArray("tags")));
  }

  @Test
  void appendFillsSystemColumns() {
    SliceWriter writer = SliceWriter.of(TestRows.ALL_TYPES);
    List<Row> rows = TestRows.allTypesRows(5, 3);
    SliceFile f;
    try (SliceWriter.Session s = writer.open(dir.resolve("a.parquet"), 5, TestRows.SYSTEM_TIME)) {
      for (Row r : rows) {
        s.append(Row.withSchema(s.appendSchema()).attachValues(r.getValues().subList(3, r.getFieldCount())));
      }
      f = s.finish().orElseThrow();
    }
    List<Row> expected = new ArrayList<>();
    for (Row r : rows) {
      List<Object> v = new ArrayList<>(r.getValues());
      v.set(1, 0); // op = append
      expected.add(Row.withSchema(TestRows.ALL_TYPES).attachValues(v));
    }
    assertThat(readAll(SliceReader.of(TestRows.ALL_TYPES), f.file()), equalTo(expected));
  }

  @Test
  void emptySliceWritesNoFile() {
    Path file = dir.resolve("empty.parquet");
    try (SliceWriter.Session s = SliceWriter.of(TestRows.ALL_TYPES).open(file, 0)) {
      assertThat(s.finish(), is(Optional.empty()));
    }
    assertThat(Files.exists(file), is(false));
  }

  @Test
  void nonContiguousOffsetIsRejected() {
    Path file = dir.resolve("a.parquet");
    try (SliceWriter.Session s = SliceWriter.of(TestRows.ALL_TYPES).open(file, 10)) {
      s.write(TestRows.allTypesRow(10));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> s.write(TestRows.allTypesRow(12)));
      assertThat(e.getMessage(), containsString("offsets must be contiguous, expected offset = 11 but was 12"));
      IllegalStateException again = assertThrows(IllegalStateException.class, s::finish);
      assertThat(again.getMessage(), containsString("an earlier write failed"));
    }
    assertThat(Files.exists(file), is(false));
  }

  @Test
  void nullInRequiredColumnIsRejected() {
    Row r = TestRows.allTypesRow(0);
    List<Object> v = new ArrayList<>(r.getValues());
    v.set(5, null); // population is INT64 NOT NULL
    try (SliceWriter.Session s = SliceWriter.of(TestRows.ALL_TYPES).open(dir.resolve("a.parquet"), 0)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> s.write(Row.withSchema(TestRows.ALL_TYPES).attachValues(v)));
      assertThat(e.getMessage(), containsString("column 'population' is not nullable, but its value is null"));
    }
  }

  @Test
  void nullInRequiredNestedColumnIsRejected() {
    Row r = TestRows.allTypesRow(0);
    List<Object> v = new ArrayList<>(r.getValues());
    v.set(v.size() - 1, Row.withSchema(TestRows.ADDRESS).attachValues(null, 1));
    try (SliceWriter.Session s = SliceWriter.of(TestRows.ALL_TYPES).open(dir.resolve("a.parquet"), 0)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> s.write(Row.withSchema(TestRows.ALL_TYPES).attachValues(v)));
      assertThat(e.getMessage(), containsString("column 'address.street' is not nullable"));
    }
  }

  @Test
  void rowOfAnotherSchemaIsRejected() {
    Schema other = OdfSchemas.withSystemColumns(Vocabulary.DEFAULT, FieldType.DATETIME,
        Schema.builder().addStringField("x").build());
    try (SliceWriter.Session s = SliceWriter.of(TestRows.ALL_TYPES).open(dir.resolve("a.parquet"), 0)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> s.write(Row.withSchema(other).attachValues(0L, 0, TestRows.SYSTEM_TIME, TestRows.SYSTEM_TIME, "a")));
      assertThat(e.getMessage(), containsString("its schema differs from the writer's"));
    }
  }

  @Test
  void decimalOutOfPrecisionIsRejected() {
    Schema schema = OdfSchemas.withSystemColumns(Vocabulary.DEFAULT, FieldType.DATETIME, Schema.builder()
        .addLogicalTypeField("d", org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric.of(4, 2)).build());
    try (SliceWriter.Session s = SliceWriter.of(schema).open(dir.resolve("a.parquet"), 0)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.write(
          Row.withSchema(schema).attachValues(0L, 0, TestRows.SYSTEM_TIME, TestRows.SYSTEM_TIME,
              new java.math.BigDecimal("123.45"))));
      assertThat(e.getMessage(), containsString("column 'd' has precision 4, but 123.45 does not fit"));
    }
  }

  @Test
  void schemaWithoutSystemColumnsIsRejected() {
    Schema s = Schema.builder().addInt64Field("id").build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SliceWriter.of(s));
    assertThat(e.getMessage(), containsString("column 0 must be 'offset' INT64 NOT NULL, but was 'id' INT64"));
  }

  @Test
  void readerRejectsIncompatibleDatasetSchema() {
    SliceFile f = write(SliceWriter.of(TestRows.ALL_TYPES), "a.parquet", 0, TestRows.allTypesRows(0, 3));
    Schema wrong = OdfSchemas.withSystemColumns(Vocabulary.DEFAULT, FieldType.DATETIME.withNullable(true),
        Schema.builder().addNullableField("city", FieldType.INT64).build());
    UnsupportedSchemaException e = assertThrows(UnsupportedSchemaException.class,
        () -> SliceReader.of(wrong).open(f.file()));
    assertThat(e.getMessage(), containsString("Cannot read column 'city' as Beam type INT64"));
    Schema missing = OdfSchemas.withSystemColumns(Vocabulary.DEFAULT, FieldType.DATETIME.withNullable(true),
        Schema.builder().addInt64Field("nope").build());
    IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
        () -> SliceReader.of(missing).open(f.file()));
    assertThat(e2.getMessage(), containsString("column 'nope' is missing"));
  }

  @Test
  void customVocabulary() {
    Vocabulary v = new Vocabulary("o", "operation", "st", "et");
    Schema schema = OdfSchemas.withSystemColumns(v, FieldType.logicalType(
        org.apache.beam.sdk.schemas.logicaltypes.SqlTypes.DATE), Schema.builder().addStringField("x").build());
    List<Row> rows = new ArrayList<>();
    for (long i = 0; i < 20; i++) {
      rows.add(Row.withSchema(schema).attachValues(i, 0, TestRows.SYSTEM_TIME,
          java.time.LocalDate.ofEpochDay(i), "x" + i));
    }
    SliceFile f = write(SliceWriter.of(schema, v).withRowGroupRows(5), "a.parquet", 0, rows);
    try (SliceReader.Rows it = SliceReader.of(schema).withVocabulary(v).withOffsetRange(0, 3).open(f.file())) {
      List<Row> out = new ArrayList<>();
      it.forEachRemaining(out::add);
      assertThat(out, equalTo(rows.subList(0, 4)));
      assertThat(it.rowGroupsRead(), is(1L));
    }
  }
}
