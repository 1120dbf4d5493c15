package org.odfbeam.data;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.FixedBytes;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.schemas.logicaltypes.MicrosInstant;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/** Seeded test data: a schema with every supported type and deterministic rows. */
final class TestRows {
  static final Instant SYSTEM_TIME = new Instant(1_577_880_000_000L); // 2020-01-01T12:00:00Z

  private TestRows() {}

  static final Schema ADDRESS = Schema.builder()
      .addStringField("street")
      .addNullableField("zip", FieldType.INT32)
      .build();

  /** Every supported type; nullable variants included. */
  static final Schema ALL_TYPES = OdfSchemas.withSystemColumns(Vocabulary.DEFAULT, FieldType.DATETIME.withNullable(true),
      Schema.builder()
          .addNullableField("city", FieldType.STRING)
          .addInt64Field("population")
          .addNullableField("ratio", FieldType.DOUBLE)
          .addNullableField("f32", FieldType.FLOAT)
          .addNullableField("flag", FieldType.BOOLEAN)
          .addNullableField("tiny", FieldType.BYTE)
          .addNullableField("small", FieldType.INT16)
          .addNullableField("int", FieldType.INT32)
          .addNullableField("blob", FieldType.BYTES)
          .addNullableField("fixed", FieldType.logicalType(FixedBytes.of(4)))
          .addNullableField("dec9", FieldType.logicalType(FixedPrecisionNumeric.of(9, 2)))
          .addNullableField("dec18", FieldType.logicalType(FixedPrecisionNumeric.of(18, 4)))
          .addNullableField("dec38", FieldType.logicalType(FixedPrecisionNumeric.of(38, 10)))
          .addNullableField("day", FieldType.logicalType(SqlTypes.DATE))
          .addNullableField("tod", FieldType.logicalType(SqlTypes.TIME))
          .addNullableField("micros", FieldType.logicalType(new MicrosInstant()))
          .addNullableField("tags", FieldType.array(FieldType.STRING.withNullable(true)))
          .addField("scores", FieldType.array(FieldType.INT64))
          .addNullableField("matrix", FieldType.array(FieldType.array(FieldType.INT32)))
          .addNullableField("address", FieldType.row(ADDRESS))
          .build());

  /** Row {@code i} (offset {@code start + i}), with nulls sprinkled by {@code i}. */
  static Row allTypesRow(long offset) {
    int i = (int) offset;
    boolean n = i % 5 == 3;
    return Row.withSchema(ALL_TYPES).attachValues(
        offset, i % 4 == 0 ? 0 : 1, SYSTEM_TIME, i % 7 == 0 ? null : new Instant(1_500_000_000_000L + i * 1000L),
        n ? null : "city-" + (i % 13),
        1000L * i,
        n ? null : i / 3.0,
        n ? null : (float) i / 7,
        n ? null : i % 2 == 0,
        n ? null : (byte) (i % 100 - 50),
        n ? null : (short) (i * 3 - 700),
        n ? null : i * -17,
        n ? null : ("blob" + i).getBytes(StandardCharsets.UTF_8),
        n ? null : new byte[] {(byte) i, 1, 2, (byte) -i},
        n ? null : BigDecimal.valueOf(i * 101 - 5000, 2),
        n ? null : BigDecimal.valueOf(i * 1_000_003L - 77, 4),
        n ? null : new BigDecimal("-12345678901234567890.0123456789").add(BigDecimal.valueOf(i)),
        n ? null : LocalDate.ofEpochDay(18_000 + i),
        n ? null : LocalTime.ofSecondOfDay(i % 86_400).plusNanos(123_000_000L),
        n ? null : java.time.Instant.ofEpochSecond(1_600_000_000L + i, 456_000L),
        n ? null : Arrays.asList("a" + i, null, ""),
        List.of(1L * i, 2L * i),
        n ? null : List.of(List.of(i, i + 1), List.of()),
        n ? null : Row.withSchema(ADDRESS).attachValues("street " + i, i % 3 == 0 ? null : i));
  }

  static List<Row> allTypesRows(long start, int count) {
    List<Row> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      rows.add(allTypesRow(start + i));
    }
    return rows;
  }
}
