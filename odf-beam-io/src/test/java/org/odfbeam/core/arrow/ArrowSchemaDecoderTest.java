package org.odfbeam.core.arrow;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.flatbuffers.FlatBufferBuilder;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.odfbeam.core.OdfFormatException;
import org.odfbeam.core.model.TimeUnit;

/** Tests of {@link ArrowSchemaDecoder}. */
class ArrowSchemaDecoderTest {

  // kamu-data/kamu-cli:src/odf/metadata/tests/tests/test_serde_yaml.rs serde_set_data_schema_legacy:
  // Schema[a: Int64 non-null, b: Boolean non-null]
  static final String LEGACY = "DAAAAAgACAAAAAQACAAAAAQAAAACAAAAQAAAAAQAAADY////GAAAAAwAAAAAAAAGEAAAAAAAAAAEAAQABAAAAAEAAABi"
      + "AAAAEAAUABAAAAAPAAQAAAAIABAAAAAYAAAAIAAAAAAAAAIcAAAACAAMAAQACwAIAAAAQAAAAAAAAAEAAAAAAQAAAGEAAAA=";

  @Test
  void decodesKamuLegacyGoldenVector() {
    List<ArrowField> fields = ArrowSchemaDecoder.decode(Base64.getDecoder().decode(LEGACY));
    assertThat(fields, equalTo(List.of(ArrowField.required("a", new ArrowType.Int(64, true)),
        ArrowField.required("b", new ArrowType.Bool()))));
  }

  @Test
  void truncatedInputIsRejected() {
    byte[] b = Base64.getDecoder().decode(LEGACY);
    OdfFormatException e = assertThrows(OdfFormatException.class,
        () -> ArrowSchemaDecoder.decode(java.util.Arrays.copyOf(b, 40)));
    assertThat(e.getMessage(), containsString("Cannot decode raw Arrow schema: "));
  }

  // ------------------------------------------------------------------ schemas built per apache/arrow format/Schema.fbs

  private static int field(FlatBufferBuilder fb, String name, boolean nullable, int typeId, int type, int[] children) {
    int n = fb.createString(name);
    int ch = children == null ? 0 : fb.createVectorOfTables(children);
    fb.startTable(7);
    fb.addOffset(0, n, 0);
    fb.addBoolean(1, nullable, false);
    fb.addByte(2, (byte) typeId, 0);
    fb.addOffset(3, type, 0);
    if (ch != 0) {
      fb.addOffset(5, ch, 0);
    }
    return fb.endTable();
  }

  private static int emptyTable(FlatBufferBuilder fb) {
    fb.startTable(0);
    return fb.endTable();
  }

  @Test
  void decodesNestedAndParameterisedTypes() {
    FlatBufferBuilder fb = new FlatBufferBuilder(256);
    int tz = fb.createString("UTC");
    fb.startTable(2); // Timestamp {unit, timezone}
    fb.addShort(0, (short) 1, 0);
    fb.addOffset(1, tz, 0);
    int ts = fb.endTable();
    int fTs = field(fb, "t", false, 10, ts, null);

    fb.startTable(3); // Decimal {precision, scale, bitWidth}
    fb.addInt(0, 38, 0);
    fb.addInt(1, 10, 0);
    int dec = fb.endTable(); // bitWidth absent: default 128
    int fDec = field(fb, "d", true, 7, dec, null);

    fb.startTable(2); // Int {bitWidth, is_signed}
    fb.addInt(0, 32, 0);
    fb.addBoolean(1, true, false);
    int i32 = fb.endTable();
    int item = field(fb, "item", true, 2, i32, null);
    int fList = field(fb, "l", true, 12, emptyTable(fb), new int[] {item});

    int str = field(fb, "s", true, 20, emptyTable(fb), null);
    fb.startTable(1); // Date {unit}: default MILLISECOND
    int date = fb.endTable();
    int dt = field(fb, "dt", true, 8, date, null);
    int fStruct = field(fb, "st", true, 13, emptyTable(fb), new int[] {str, dt});
    int fMap = field(fb, "m", true, 17, emptyTable(fb), null);

    int fields = fb.createVectorOfTables(new int[] {fTs, fDec, fList, fStruct, fMap});
    fb.startTable(4);
    fb.addOffset(1, fields, 0);
    fb.finish(fb.endTable());

    List<ArrowField> got = ArrowSchemaDecoder.decode(fb.sizedByteArray());
    assertThat(got, equalTo(List.of(
        ArrowField.required("t", new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC")),
        ArrowField.nullable("d", new ArrowType.Decimal(128, 38, 10)),
        ArrowField.nullable("l", ArrowType.list(new ArrowType.Int(32, true), true)),
        ArrowField.nullable("st", new ArrowType.Struct(List.of(
            ArrowField.nullable("s", new ArrowType.Utf8(ArrowType.Utf8.Kind.LARGE_UTF8)),
            ArrowField.nullable("dt", new ArrowType.Date(ArrowType.Date.Unit.MILLISECOND))))),
        ArrowField.nullable("m", new ArrowType.Unsupported("Map")))));
  }
}
