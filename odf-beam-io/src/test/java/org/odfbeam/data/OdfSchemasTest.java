package org.odfbeam.data;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.odfbeam.core.arrow.ArrowField;
import org.odfbeam.core.arrow.ArrowType;
import org.odfbeam.core.model.DataField;
import org.odfbeam.core.model.DataSchema;
import org.odfbeam.core.model.DataType;
import org.odfbeam.core.model.DataTypeBinary;
import org.odfbeam.core.model.DataTypeDuration;
import org.odfbeam.core.model.DataTypeFloat16;
import org.odfbeam.core.model.DataTypeInt32;
import org.odfbeam.core.model.DataTypeInt64;
import org.odfbeam.core.model.DataTypeList;
import org.odfbeam.core.model.DataTypeMap;
import org.odfbeam.core.model.DataTypeNull;
import org.odfbeam.core.model.DataTypeOption;
import org.odfbeam.core.model.DataTypeString;
import org.odfbeam.core.model.DataTypeStruct;
import org.odfbeam.core.model.DataTypeTime;
import org.odfbeam.core.model.DataTypeTimestamp;
import org.odfbeam.core.model.DataTypeUInt32;
import org.odfbeam.core.model.SetDataSchema;
import org.odfbeam.core.model.TimeUnit;

class OdfSchemasTest {
  private static final DataTypeTimestamp TS_MS_UTC = new DataTypeTimestamp(TimeUnit.MILLISECOND, "UTC");

  @Test
  void beamSchemaWritesDataSchemaLikeKamu() {
    // kamu-data/kamu-cli:src/odf/metadata/src/data/arrow_conversions.rs new_from_arrow + strip_encoding:
    // nullable -> Option, Timestamp with unit and timezone both present, Utf8 -> String, no extra attributes
    Schema beam = OdfSchemas.withSystemColumns(Vocabulary.DEFAULT, FieldType.DATETIME.withNullable(true),
        Schema.builder().addNullableField("city", FieldType.STRING).addInt64Field("population").build());
    DataSchema odf = OdfSchemas.toOdf(beam);
    assertThat(odf, equalTo(new DataSchema(List.of(
        new DataField("offset", new DataTypeInt64(), null),
        new DataField("op", new DataTypeInt32(), null),
        new DataField("system_time", TS_MS_UTC, null),
        new DataField("event_time", new DataTypeOption(TS_MS_UTC), null),
        new DataField("city", new DataTypeOption(new DataTypeString()), null),
        new DataField("population", new DataTypeInt64(), null)), null)));
    assertThat(OdfSchemas.toSetDataSchema(beam), equalTo(new SetDataSchema(null, odf)));
  }

  @Test
  void allTypesRoundTripBeamOdfBeam() {
    DataSchema odf = OdfSchemas.toOdf(TestRows.ALL_TYPES);
    assertThat(OdfSchemas.toBeam(odf), equalTo(TestRows.ALL_TYPES));
    assertThat(OdfSchemas.toOdf(OdfSchemas.toBeam(odf)), equalTo(odf));
    assertThat(OdfSchemas.toBeam(OdfSchemas.toParquet(TestRows.ALL_TYPES)), equalTo(TestRows.ALL_TYPES));
  }

  @Test
  void absentTimestampUnitAndZoneMeanMillisUtc() {
    // DataType::timestamp_millis_utc() leaves both absent (kamu-cli schema_impl.rs)
    DataSchema odf = new DataSchema(List.of(new DataField("t", new DataTypeTimestamp(null, null), null)), null);
    assertThat(OdfSchemas.toBeam(odf).getField("t").getType(), equalTo(FieldType.DATETIME));
  }

  @Test
  void parquetToArrowFollowsArrowRs() {
    MessageType m = MessageTypeParser.parseMessageType("message m {"
        + " required int64 offset; required int32 op;"
        + " required int64 system_time (TIMESTAMP(MILLIS,true));"
        + " optional int64 local (TIMESTAMP(MICROS,false));"
        + " optional int32 u (INTEGER(32,false)); optional int32 d (DATE);"
        + " optional binary s (STRING); optional binary b; optional fixed_len_byte_array(3) f;"
        + " optional int32 dec (DECIMAL(9,2)); optional fixed_len_byte_array(20) big (DECIMAL(45,3));"
        + " optional group l (LIST) { repeated group list { optional binary item (STRING); } }"
        + " optional group two (LIST) { repeated int32 v; }"
        + " repeated int64 rep;"
        + " optional group st { required int32 a; }"
        + " optional group mp (MAP) { repeated group key_value { required binary key (STRING); optional int32 value; } }"
        + "}");
    List<ArrowField> a = OdfSchemas.toArrow(m);
    assertThat(a.stream().map(ArrowField::toString).toList(), equalTo(List.of(
        "offset: Int64 not null", "op: Int32 not null", "system_time: Timestamp(Millisecond, \"UTC\") not null",
        "local: Timestamp(Microsecond)", "u: UInt32", "d: Date32", "s: Utf8", "b: Binary",
        "f: FixedSizeBinary(3)", "dec: Decimal128(9, 2)", "big: Decimal256(45, 3)", "l: List(Utf8)",
        "two: List(Int32)", "rep: List(Int64) not null", "st: Struct(a: Int32 not null)", "mp: Map")));
    assertThat(((ArrowType.ListType) a.get(11).type()).item().nullable(), equalTo(true));
    assertThat(((ArrowType.ListType) a.get(12).type()).item().nullable(), equalTo(false));
  }

  @Test
  void legacyRawArrowSchemaIsReadThroughTheDecoder() {
    // A bare Arrow Schema flatbuffer is decoded by org.odfbeam.core.arrow.ArrowSchemaDecoder; an event without
    // either form is an error.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OdfSchemas.toBeam(new SetDataSchema(null, null)));
    assertThat(e.getMessage(), containsString("neither schema nor rawArrowSchema"));
  }

  private static void assertRejected(DataType type, String message) {
    DataSchema odf = new DataSchema(List.of(new DataField("c", type, null)), null);
    UnsupportedSchemaException e = assertThrows(UnsupportedSchemaException.class, () -> OdfSchemas.toBeam(odf));
    assertThat(e.getMessage(), containsString(message));
  }

  @Test
  void unsupportedOdfTypesAreRejectedNamingColumnAndType() {
    assertRejected(new DataTypeUInt32(), "Cannot map column 'c' of ODF type UInt32 to Beam: Beam has no unsigned");
    assertRejected(new DataTypeFloat16(), "of ODF type Float16 to Beam: Beam has no half-precision");
    assertRejected(new DataTypeTime(TimeUnit.MICROSECOND), "of ODF type Time(MICROSECOND)");
    assertRejected(new DataTypeTimestamp(TimeUnit.SECOND, "UTC"), "Parquet has no second-precision timestamps");
    assertRejected(new DataTypeTimestamp(TimeUnit.MILLISECOND, "+01:00"), "only UTC timestamps");
    assertRejected(new DataTypeList(new DataTypeInt32(), 3L), "fixed-size lists");
    assertRejected(new DataTypeList(new DataTypeStruct(List.of(new DataField("a", new DataTypeInt32(), null))),
        null), "lists of structs cannot be hashed");
    assertRejected(new DataTypeMap(new DataTypeString(), new DataTypeInt32(), null), "of ODF type Map(String, Int32)");
    assertRejected(new DataTypeDuration(TimeUnit.MILLISECOND), "Parquet has no duration type");
    assertRejected(new DataTypeNull(), "the Null type cannot be hashed");
    assertRejected(new DataTypeOption(new DataTypeOption(new DataTypeInt32())), "nested Option types");
    assertRejected(new DataTypeBinary(0L), "fixed length must be between 1");
    assertRejected(new DataTypeStruct(List.of(new DataField("x", new DataTypeUInt32(), null))),
        "Cannot map column 'c.x' of ODF type UInt32");
  }

  @Test
  void unsupportedBeamTypesAreRejectedNamingColumnAndType() {
    UnsupportedSchemaException e = assertThrows(UnsupportedSchemaException.class, () -> OdfSchemas.toParquet(
        Schema.builder().addDecimalField("amount").build()));
    assertThat(e.getMessage(), containsString("Cannot map column 'amount' of Beam type DECIMAL NOT NULL: Beam DECIMAL"
        + " has no precision and scale"));
    UnsupportedSchemaException e2 = assertThrows(UnsupportedSchemaException.class, () -> OdfSchemas.toParquet(
        Schema.builder().addMapField("m", FieldType.STRING, FieldType.INT32).build()));
    assertThat(e2.getMessage(), containsString("Cannot map column 'm' of Beam type MAP<STRING NOT NULL, INT32 NOT"
        + " NULL> NOT NULL: no Parquet/ODF equivalent"));
    UnsupportedSchemaException e3 = assertThrows(UnsupportedSchemaException.class, () -> OdfSchemas.toParquet(
        Schema.builder().addArrayField("l", FieldType.row(TestRows.ADDRESS)).build()));
    assertThat(e3.getMessage(), containsString("lists of structs cannot be hashed by arrow-digest"));
  }

  @Test
  void unhashableParquetColumnsAreRejectedByTheLogicalHash() {
    MessageType m = MessageTypeParser.parseMessageType("message m { optional group mp (MAP) {"
        + " repeated group key_value { required binary key (STRING); optional int32 value; } } }");
    RuntimeException e = assertThrows(RuntimeException.class, () -> new LogicalHashAssembler(m));
    assertThat(e.getMessage(), containsString("column 'mp' has type Map"));
  }

  @Test
  void systemColumnsAreChecked() {
    Schema s = Schema.builder().addInt64Field("offset").addInt64Field("op").build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OdfSchemas.checkSystemColumns(s, Vocabulary.DEFAULT));
    assertThat(e.getMessage(), containsString("column 1 must be 'op' INT32 NOT NULL, but was 'op' INT64 NOT NULL"));
    IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
        () -> new Vocabulary("a", "a", "b", "c"));
    assertThat(e2.getMessage(), containsString("system column name 'a' is used twice"));
  }

  @Test
  void legacyRawArrowSchemaReadsBackAsABeamSchema() {
    // kamu-data/kamu-cli:src/odf/metadata/tests/tests/test_serde_yaml.rs serde_set_data_schema_legacy:
    // the raw Arrow schema of [a: Int64 not null, b: Boolean not null].
    SetDataSchema legacy = new SetDataSchema(org.odfbeam.core.model.Bytes.fromBase64(
        "DAAAAAgACAAAAAQACAAAAAQAAAACAAAAQAAAAAQAAADY////GAAAAAwAAAAAAAAGEAAAAAAAAAAEAAQABAAAAAEAAABiAAAAEAAUABAA"
            + "AAAPAAQAAAAIABAAAAAYAAAAIAAAAAAAAAIcAAAACAAMAAQACwAIAAAAQAAAAAAAAAEAAAAAAQAAAGEAAAA="), null);

    Schema beam = OdfSchemas.toBeam(legacy);

    assertThat(beam, equalTo(Schema.builder().addInt64Field("a").addBooleanField("b").build()));
  }
}
