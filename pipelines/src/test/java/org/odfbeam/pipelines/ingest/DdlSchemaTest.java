package org.odfbeam.pipelines.ingest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.odfbeam.core.model.DataField;
import org.odfbeam.core.model.DataSchema;
import org.odfbeam.core.model.DataType;
import org.odfbeam.core.model.DataTypeBool;
import org.odfbeam.core.model.DataTypeDate;
import org.odfbeam.core.model.DataTypeDecimal;
import org.odfbeam.core.model.DataTypeFloat32;
import org.odfbeam.core.model.DataTypeFloat64;
import org.odfbeam.core.model.DataTypeInt32;
import org.odfbeam.core.model.DataTypeInt64;
import org.odfbeam.core.model.DataTypeList;
import org.odfbeam.core.model.DataTypeOption;
import org.odfbeam.core.model.DataTypeString;
import org.odfbeam.core.model.DataTypeTimestamp;
import org.odfbeam.core.model.DataTypeUInt32;
import org.odfbeam.core.model.DataTypeUInt64;
import org.odfbeam.core.model.TimeUnit;

/** {@code ddlSchema} strings to ODF schemas, as kamu's {@code parse_ddl_to_odf_schema}. */
class DdlSchemaTest {
  static DataField f(String name, DataType type) {
    return new DataField(name, type, null);
  }

  static DataType opt(DataType t) {
    return new DataTypeOption(t);
  }

  static final DataType TS = new DataTypeTimestamp(TimeUnit.MILLISECOND, "UTC");

  @Test
  void parsesKamusTestSchema() {
    // kamu-data/kamu-cli:src/odf/data-utils/tests/tests/test_schema.rs, test_parse_ddl_to_odf_schema
    DataSchema s = DdlSchema.parse(List.of("""
        b bool not null,
        b_opt bool,
        i32 int not null,
        u32 int unsigned not null,
        i64 bigint not null,
        u64 bigint unsigned not null,
        f32 float not null,
        f64 double not null,
        d date not null,
        ts timestamp not null,
        s1 string not null,
        s2 varchar not null
        """), "read.ddlSchema");
    assertThat(s, equalTo(new DataSchema(List.of(f("b", new DataTypeBool()), f("b_opt", opt(new DataTypeBool())),
        f("i32", new DataTypeInt32()), f("u32", new DataTypeUInt32()), f("i64", new DataTypeInt64()),
        f("u64", new DataTypeUInt64()), f("f32", new DataTypeFloat32()), f("f64", new DataTypeFloat64()),
        f("d", new DataTypeDate()), f("ts", TS), f("s1", new DataTypeString()), f("s2", new DataTypeString())),
        null)));
  }

  @Test
  void joinsTheListAndKeepsKamusNullability() {
    // kamu-data/kamu-cli:src/infra/core/tests/tests/ingest/test_polling_ingest.rs,
    // test_ingest_polling_deprecated_ddl_schema: ["date TIMESTAMP", "city STRING", "population INT"]
    assertThat(DdlSchema.parse(List.of("date TIMESTAMP", "city STRING", "population INT"), "read.ddlSchema"),
        equalTo(new DataSchema(List.of(f("date", opt(TS)), f("city", opt(new DataTypeString())),
            f("population", opt(new DataTypeInt32()))), null)));
    // DATE and DECIMAL are not wrapped in Option by kamu (src/odf/data-utils/src/schema/parse.rs)
    assertThat(DdlSchema.parse(List.of("d DATE", "n DECIMAL(10, 2)", "`the list` ARRAY<BIGINT>",
        "\"Mixed\" TIMESTAMP(3) WITH TIME ZONE", "t TEXT"), "x"),
        equalTo(new DataSchema(List.of(f("d", new DataTypeDate()), f("n", new DataTypeDecimal(10, 2)),
            f("the list", opt(new DataTypeList(opt(new DataTypeInt64()), null))), f("Mixed", opt(TS)),
            f("t", opt(new DataTypeString()))), null)));
  }

  @Test
  void refusesWhatKamuRefuses() {
    UnsupportedSourceException e = assertThrows(UnsupportedSourceException.class,
        () -> DdlSchema.parse(List.of("a INT", "b SMALLINT"), "content.metadata[0].read.ddlSchema"));
    assertThat(e.getMessage(), equalTo("Cannot read content.metadata[0].read.ddlSchema 'a INT, b SMALLINT': column"
        + " 'b': unsupported SQL type SMALLINT (supported: BOOLEAN, INT, INT UNSIGNED, BIGINT, BIGINT UNSIGNED, FLOAT,"
        + " DOUBLE, DECIMAL(p, s), DATE, TIMESTAMP, STRING, VARCHAR, TEXT, ARRAY<type>)"));
    assertThat(e.field(), equalTo("content.metadata[0].read.ddlSchema"));
    assertThat(assertThrows(UnsupportedSourceException.class, () -> DdlSchema.parse(List.of("a INT DEFAULT 1"), "x"))
        .getMessage(), equalTo("Cannot read x 'a INT DEFAULT 1': column 'a': unsupported SQL column option"
            + " 'DEFAULT 1' (only NOT NULL is supported)"));
    assertThat(assertThrows(UnsupportedSourceException.class, () -> DdlSchema.parse(List.of("a DECIMAL(5)"), "x"))
        .getMessage(), equalTo("Cannot read x 'a DECIMAL(5)': column 'a': unsupported SQL type DECIMAL(5)"
            + " (supported: BOOLEAN, INT, INT UNSIGNED, BIGINT, BIGINT UNSIGNED, FLOAT, DOUBLE, DECIMAL(p, s), DATE,"
            + " TIMESTAMP, STRING, VARCHAR, TEXT, ARRAY<type>)"));
    assertThat(assertThrows(UnsupportedSourceException.class, () -> DdlSchema.parse(List.of("a"), "x"))
        .getMessage(), equalTo("Cannot read x 'a': column 'a': expected a type at '<end>'"));
  }

  @Test
  void unsignedColumnsAreRefusedWhenReading() {
    UnsupportedSourceException e = assertThrows(UnsupportedSourceException.class, () -> ReadFiles.of(
        new org.odfbeam.core.model.ReadStepNdJson(List.of("id INT UNSIGNED"), null, null, null, null)));
    assertThat(e.getMessage(), equalTo("Cannot read with read.ddlSchema: Cannot map column 'id' of ODF type"
        + " UInt32 to Beam: Beam has no unsigned integer types"));
  }
}
