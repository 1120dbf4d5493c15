package org.odfbeam.core.arrow;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.odfbeam.core.model.TimeUnit;
import org.odfbeam.core.multiformats.Multicodec;
import org.odfbeam.core.multiformats.Multihash;

/**
 * Byte-level checks of {@link LogicalHasher}: expected digests are assembled by hand from the algorithm in
 * kamu-data/arrow-digest@f217a1d7 src/record_digest.rs, array_digest.rs, schema_digest.rs and utils.rs (summarised in
 * the project's shared odf-format-notes.md sections 8.1, 8.2 and 8.4), never from our own output.
 */
class LogicalHasherTest {
  static final ArrowType INT32 = new ArrowType.Int(32, true);
  static final ArrowType INT64 = new ArrowType.Int(64, true);
  static final ArrowType UTF8 = ArrowType.utf8();
  static final ArrowType TS_MS_UTC = new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC");

  static Bytes int32Type() {
    return new Bytes().u16(1).u8(1).u64(32);
  }

  @Test
  void singleInt32ColumnMatchesHandAssembledStream() {
    LogicalHasher h = new LogicalHasher(List.of(ArrowField.required("a", INT32)));
    BatchBuilder b = h.batch(3);
    b.column(0).putInts(new int[] {1, 2, 3}, 3);
    b.end();
    Multihash got = h.finish();
    byte[] expected = Bytes.record(new Bytes().name("a", 0), int32Type().i32(1).i32(2).i32(3));
    assertThat(got, equalTo(Multihash.ofDigest(Multicodec.ARROW0_SHA3_256, expected)));
    assertThat(got.codec(), equalTo(Multicodec.ARROW0_SHA3_256));
  }

  @Test
  void systemColumnsWithNullableStringMatchHandAssembledStream() {
    List<ArrowField> schema = List.of(ArrowField.required("offset", INT64), ArrowField.required("op", INT32),
        ArrowField.required("system_time", TS_MS_UTC), ArrowField.nullable("name", UTF8));
    LogicalHasher h = new LogicalHasher(schema);
    BatchBuilder b = h.batch(3);
    b.column("offset").putLongs(new long[] {0, 1, 2}, 3);
    b.column("op").putInts(new int[] {0, 0, 0}, 3);
    b.column("system_time").putLongs(new long[] {1577836800000L, 1577836800000L, 1577836800000L}, 3);
    b.column("name").validity(Validity.ofNulls(new boolean[] {false, true, false}, 3))
        .putStrings(new String[] {"foo", null, "bär"}, 3);
    b.end();
    byte[] expected = Bytes.record(
        new Bytes().name("offset", 0).name("op", 0).name("system_time", 0).name("name", 0),
        new Bytes().u16(1).u8(1).u64(64).u64(0).u64(1).u64(2),
        int32Type().i32(0).i32(0).i32(0),
        new Bytes().u16(9).u16(1).str("UTC").u64(1577836800000L).u64(1577836800000L).u64(1577836800000L),
        new Bytes().u16(4).str("foo").u8(0).str("bär"));
    assertThat(h.finish().digest(), equalTo(expected));
  }

  @Test
  void miscTypesMatchHandAssembledStream() {
    List<ArrowField> schema = List.of(
        ArrowField.nullable("bo", new ArrowType.Bool()),
        ArrowField.required("fx", new ArrowType.FixedSizeBinary(3)),
        ArrowField.nullable("de", new ArrowType.Decimal(128, 10, -2)),
        ArrowField.required("da", new ArrowType.Date(ArrowType.Date.Unit.DAY)),
        ArrowField.required("f8", ArrowType.float64()),
        ArrowField.required("u8", new ArrowType.Int(8, false)),
        ArrowField.required("t64", new ArrowType.Time(TimeUnit.MICROSECOND, 64)),
        ArrowField.required("tsn", new ArrowType.Timestamp(TimeUnit.NANOSECOND, null)));
    LogicalHasher h = new LogicalHasher(schema);
    BatchBuilder b = h.batch(2);
    b.column(0).validity(Validity.ofNulls(new boolean[] {false, true}, 2)).putBooleans(new boolean[] {true, false}, 2);
    b.column(1).putFixed("abcdef".getBytes(), 3, 2);
    b.column(2).validity(Validity.ofNulls(new boolean[] {false, true}, 2)).putDecimalUnscaled(new long[] {-1, 0}, 2);
    b.column(3).putInts(new int[] {18262, -1}, 2);
    b.column(4).putDoubles(new double[] {1.5, -0.0}, 2);
    b.column(5).putInts(new int[] {255, 1}, 2);
    b.column(6).putLongs(new long[] {1, 2}, 2);
    b.column(7).putLongs(new long[] {-5, 5}, 2);
    b.end();
    Bytes names = new Bytes();
    for (String n : new String[] {"bo", "fx", "de", "da", "f8", "u8", "t64", "tsn"}) {
      names.name(n, 0);
    }
    byte[] expected = Bytes.record(names,
        new Bytes().u16(5).u8(2).u8(0),
        new Bytes().u16(3).u64(3).raw("abc".getBytes()).u64(3).raw("def".getBytes()),
        new Bytes().u16(6).u64(128).u64(10).u64(-2L).u64(-1L).u64(-1L).u8(0),
        new Bytes().u16(7).u64(32).u16(0).i32(18262).i32(-1),
        new Bytes().u16(2).u64(64).u64(Double.doubleToRawLongBits(1.5)).u64(Double.doubleToRawLongBits(-0.0)),
        new Bytes().u16(1).u8(0).u64(8).u8(255).u8(1),
        new Bytes().u16(8).u64(64).u16(2).u64(1).u64(2),
        new Bytes().u16(9).u16(3).u8(0).u64(-5).u64(5));
    assertThat(h.finish().digest(), equalTo(expected));
  }

  @Test
  void listsMatchHandAssembledStream() {
    // array_digest.rs hash_array_list: valid row = u64 count + items (items' own nulls), null row = 00
    LogicalHasher h = new LogicalHasher(List.of(ArrowField.nullable("l", ArrowType.list(INT32, true))));
    BatchBuilder b = h.batch(4);
    int[] offsets = {0, 3, 3, 7, 9};
    b.column(0).validity(Validity.ofNulls(new boolean[] {false, true, false, false}, 4)).putList(offsets, 4)
        .validity(Validity.ofNulls(new boolean[] {false, false, false, false, true, false, false, false, false}, 9))
        .putInts(new int[] {0, 1, 2, 3, 0, 4, 5, 6, 7}, 9);
    b.end();
    byte[] expected = Bytes.record(new Bytes().name("l", 0),
        new Bytes().u16(11).u16(1).u8(1).u64(32)
            .u64(3).i32(0).i32(1).i32(2)
            .u8(0)
            .u64(4).i32(3).u8(0).i32(4).i32(5)
            .u64(2).i32(6).i32(7));
    assertThat(h.finish().digest(), equalTo(expected));
  }

  @Test
  void nestedListsAndFixedSizeLists() {
    ArrowType inner = ArrowType.list(UTF8, false);
    ArrowType fsl = new ArrowType.ListType(ArrowField.required("item", INT32), ArrowType.ListType.Kind.FIXED_SIZE_LIST, 2);
    LogicalHasher h = new LogicalHasher(List.of(
        ArrowField.nullable("ll", ArrowType.list(inner, true)), ArrowField.required("f", fsl)));
    BatchBuilder b = h.batch(2);
    // row0 = [["x"], null, []], row1 = [["y","z"]]
    ColumnSink items = b.column(0).putList(new int[] {0, 3, 4}, 2);
    items.validity(Validity.ofNulls(new boolean[] {false, true, false, false}, 4))
        .putList(new int[] {0, 1, 1, 1, 3}, 4)
        .putStrings(new String[] {"x", "y", "z"}, 3);
    b.column(1).putFixedSizeList(2).putInts(new int[] {1, 2, 3, 4}, 4);
    b.end();
    byte[] expected = Bytes.record(new Bytes().name("ll", 0).name("f", 0),
        new Bytes().u16(11).u16(11).u16(4)
            .u64(3).u64(1).str("x").u8(0).u64(0)
            .u64(1).u64(2).str("y").str("z"),
        new Bytes().u16(11).u16(1).u8(1).u64(32).u64(2).i32(1).i32(2).u64(2).i32(3).i32(4));
    assertThat(h.finish().digest(), equalTo(expected));
  }

  @Test
  void structChildrenWalkNamesWithLevelsAndFollowStructNulls() {
    // struct s nullable {x Int32 nullable}; s null at row 1 only, x has no nulls -> x uses s's validity
    List<ArrowField> schema = List.of(ArrowField.nullable("s", new ArrowType.Struct(List.of(
        ArrowField.nullable("x", INT32)))));
    LogicalHasher h = new LogicalHasher(schema);
    BatchBuilder b = h.batch(3);
    b.structValidity("s", Validity.ofNulls(new boolean[] {false, true, false}, 3));
    b.column("s.x").putInts(new int[] {5, 6, 7}, 3);
    b.end();
    byte[] expected = Bytes.record(new Bytes().name("s", 0).name("x", 1), int32Type().i32(5).u8(0).i32(7));
    assertThat(h.finish().digest(), equalTo(expected));
  }

  @Test
  void structQuirkBothHaveNullsOrsValidity() {
    // utils.rs maybe_combine_null_buffers: (Some(a), Some(b)) both with nulls -> a OR b (null only if both null)
    List<ArrowField> schema = List.of(ArrowField.nullable("s", new ArrowType.Struct(List.of(
        ArrowField.nullable("x", INT32)))));
    LogicalHasher h = new LogicalHasher(schema);
    BatchBuilder b = h.batch(4);
    b.structValidity(0, Validity.ofNulls(new boolean[] {false, true, false, false}, 4));
    b.column(0).validity(Validity.ofNulls(new boolean[] {false, true, true, false}, 4))
        .putInts(new int[] {5, 0, 0, 8}, 4);
    b.end();
    // row 2: struct valid, child null -> OR says valid -> slot value 0 hashed as a value
    byte[] expected = Bytes.record(new Bytes().name("s", 0).name("x", 1),
        int32Type().i32(5).u8(0).i32(0).i32(8));
    assertThat(h.finish().digest(), equalTo(expected));
  }

  @Test
  void structQuirkZeroNullOrResultDropsChildNulls() {
    // s1 {s2 {x}}: s1 null at row 1, s2 null at row 2 -> combined = OR without nulls (still Some);
    // x null at row 0 -> (Some(no nulls), Some(nulls)) -> no validity at all: x hashed as plain values
    List<ArrowField> schema = List.of(ArrowField.nullable("s1", new ArrowType.Struct(List.of(
        ArrowField.nullable("s2", new ArrowType.Struct(List.of(ArrowField.nullable("x", INT32))))))));
    LogicalHasher h = new LogicalHasher(schema);
    BatchBuilder b = h.batch(3);
    b.structValidity("s1", Validity.ofNulls(new boolean[] {false, true, false}, 3));
    b.structValidity("s1.s2", Validity.ofNulls(new boolean[] {false, false, true}, 3));
    b.column("s1.s2.x").validity(Validity.ofNulls(new boolean[] {true, false, false}, 3))
        .putInts(new int[] {0, 6, 7}, 3);
    b.end();
    byte[] expected = Bytes.record(new Bytes().name("s1", 0).name("s2", 1).name("x", 2),
        int32Type().i32(0).i32(6).i32(7));
    assertThat(h.finish().digest(), equalTo(expected));
  }

  @Test
  void structHashDependsOnBatching() {
    // odf-format-notes.md 8.4: with struct nulls the hash is batch-dependent
    List<ArrowField> schema = List.of(ArrowField.nullable("s", new ArrowType.Struct(List.of(
        ArrowField.nullable("x", INT32)))));
    LogicalHasher one = new LogicalHasher(schema);
    BatchBuilder b = one.batch(4);
    b.structValidity(0, Validity.ofNulls(new boolean[] {false, true, false, false}, 4));
    b.column(0).validity(Validity.ofNulls(new boolean[] {false, true, true, false}, 4))
        .putInts(new int[] {5, 0, 0, 8}, 4);
    b.end();
    LogicalHasher two = new LogicalHasher(schema);
    b = two.batch(2);
    b.structValidity(0, Validity.ofNulls(new boolean[] {false, true}, 2));
    b.column(0).validity(Validity.ofNulls(new boolean[] {false, true}, 2)).putInts(new int[] {5, 0}, 2);
    b.end();
    b = two.batch(2);
    b.column(0).validity(Validity.ofNulls(new boolean[] {true, false}, 2)).putInts(new int[] {0, 8}, 2);
    b.end();
    assertThat(one.finish(), not(equalTo(two.finish())));
  }

  /** The same random table (no structs) hashed with different batchings and chunkings gives the same hash. */
  @Test
  void batchingAndChunkingInvarianceWithoutStructs() {
    int rows = 150_000;
    Random r = new Random(42);
    long[] longs = new long[rows];
    String[] strs = new String[rows];
    boolean[] nulls = new boolean[rows];
    byte[][] big = new byte[rows][];
    for (int i = 0; i < rows; i++) {
      longs[i] = r.nextLong();
      nulls[i] = r.nextInt(10) == 0;
      strs[i] = nulls[i] ? null : "city-" + r.nextInt(1000) + "-é";
      big[i] = new byte[i % 1000 == 0 ? 100_000 : r.nextInt(20)];
      r.nextBytes(big[i]);
    }
    List<ArrowField> schema = List.of(ArrowField.required("l", INT64), ArrowField.nullable("s", UTF8),
        ArrowField.required("b", ArrowType.binary()));
    Multihash reference = null;
    for (int batchSize : new int[] {rows, 10_000, 7, 65_537}) {
      for (int chunk : new int[] {Integer.MAX_VALUE, 333}) {
        LogicalHasher h = new LogicalHasher(schema);
        for (int start = 0; start < rows; start += batchSize) {
          int n = Math.min(batchSize, rows - start);
          BatchBuilder b = h.batch(n);
          boolean[] bn = java.util.Arrays.copyOfRange(nulls, start, start + n);
          b.column(1).validity(Validity.ofNulls(bn, n));
          for (int c = 0; c < n; c += chunk) {
            int m = Math.min(chunk, n - c);
            b.column(0).putLongs(java.util.Arrays.copyOfRange(longs, start + c, start + c + m), m);
            b.column(1).putStrings(java.util.Arrays.copyOfRange(strs, start + c, start + c + m), m);
            b.column(2).putBinary(java.util.Arrays.copyOfRange(big, start + c, start + c + m), m);
          }
          b.end();
        }
        Multihash got = h.finish();
        if (reference == null) {
          reference = got;
        }
        assertThat("batch " + batchSize + " chunk " + chunk, got, equalTo(reference));
      }
    }
    // and the reference equals the hand-assembled stream
    Bytes l = new Bytes().u16(1).u8(1).u64(64);
    Bytes s = new Bytes().u16(4);
    Bytes bb = new Bytes().u16(3);
    for (int i = 0; i < rows; i++) {
      l.u64(longs[i]);
      if (nulls[i]) {
        s.u8(0);
      } else {
        s.str(strs[i]);
      }
      bb.u64(big[i].length).raw(big[i]);
    }
    assertThat(reference.digest(),
        equalTo(Bytes.record(new Bytes().name("l", 0).name("s", 0).name("b", 0), l, s, bb)));
  }

  @Test
  void emptyTableHashesNamesAndTypesOnly() {
    LogicalHasher h = new LogicalHasher(List.of(ArrowField.required("a", INT32)));
    assertThat(h.finish().digest(), equalTo(Bytes.record(new Bytes().name("a", 0), int32Type())));
  }

  @Test
  void unsupportedTypesAreRejectedNamingThePath() {
    List<ArrowField> schema = List.of(ArrowField.required("x", INT32), ArrowField.nullable("a",
        new ArrowType.Struct(List.of(ArrowField.nullable("b", new ArrowType.Unsupported("Map"))))));
    UnsupportedArrowTypeException e = assertThrows(UnsupportedArrowTypeException.class,
        () -> new LogicalHasher(schema));
    assertThat(e.getMessage(),
        equalTo("Cannot compute logical hash: column 'a.b' has type Map, which arrow-digest cannot hash"));
    UnsupportedArrowTypeException e2 = assertThrows(UnsupportedArrowTypeException.class,
        () -> new LogicalHasher(List.of(ArrowField.nullable("l", ArrowType.list(
            new ArrowType.Struct(List.of(ArrowField.nullable("q", INT32))), true)))));
    assertThat(e2.getMessage(), equalTo(
        "Cannot compute logical hash: column 'l.item' has type Struct (as a list item), which arrow-digest cannot hash"));
  }

  @Test
  void misuseIsReported() {
    LogicalHasher h = new LogicalHasher(List.of(ArrowField.required("a", INT32)));
    BatchBuilder b = h.batch(3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> b.column(0).putLongs(new long[3], 3));
    assertThat(e.getMessage(), equalTo("Column 'a' has type Int32; putLongs does not apply"));
    b.column(0).putInts(new int[2], 2);
    IllegalStateException e2 = assertThrows(IllegalStateException.class, b::end);
    assertThat(e2.getMessage(), equalTo("Column 'a' received 2 of 3 rows of the batch"));
  }

  @Test
  void typeHashesFollowSchemaDigest() {
    // odf-format-notes.md 8.2 / arrow-digest src/schema_digest.rs hash_data_type
    assertThat(LogicalHasher.typeHash(new ArrowType.Int(16, false)), equalTo(new Bytes().u16(1).u8(0).u64(16).bytes()));
    assertThat(LogicalHasher.typeHash(new ArrowType.FloatingPoint(16)), equalTo(new Bytes().u16(2).u64(16).bytes()));
    assertThat(LogicalHasher.typeHash(new ArrowType.Binary(ArrowType.Binary.Kind.LARGE_BINARY)),
        equalTo(new Bytes().u16(3).bytes()));
    assertThat(LogicalHasher.typeHash(new ArrowType.FixedSizeBinary(16)), equalTo(new Bytes().u16(3).bytes()));
    assertThat(LogicalHasher.typeHash(new ArrowType.Utf8(ArrowType.Utf8.Kind.UTF8_VIEW)),
        equalTo(new Bytes().u16(4).bytes()));
    assertThat(LogicalHasher.typeHash(new ArrowType.Bool()), equalTo(new Bytes().u16(5).bytes()));
    assertThat(LogicalHasher.typeHash(new ArrowType.Decimal(256, 76, 3)),
        equalTo(new Bytes().u16(6).u64(256).u64(76).u64(3).bytes()));
    assertThat(LogicalHasher.typeHash(new ArrowType.Date(ArrowType.Date.Unit.MILLISECOND)),
        equalTo(new Bytes().u16(7).u64(64).u16(1).bytes()));
    assertThat(LogicalHasher.typeHash(new ArrowType.Time(TimeUnit.MILLISECOND, 32)),
        equalTo(new Bytes().u16(8).u64(32).u16(1).bytes()));
    assertThat(LogicalHasher.typeHash(new ArrowType.Timestamp(TimeUnit.SECOND, null)),
        equalTo(new Bytes().u16(9).u16(0).u8(0).bytes()));
    assertThat(LogicalHasher.typeHash(new ArrowType.Timestamp(TimeUnit.MILLISECOND, "+00:00")),
        equalTo(new Bytes().u16(9).u16(1).str("+00:00").bytes()));
    assertThat(LogicalHasher.typeHash(new ArrowType.ListType(ArrowField.nullable("e", new ArrowType.Bool()),
        ArrowType.ListType.Kind.LARGE_LIST, 0)), equalTo(new Bytes().u16(11).u16(5).bytes()));
  }

  @Test
  void typesPrintLikeArrowRs() {
    assertThat(TS_MS_UTC.toString(), equalTo("Timestamp(Millisecond, \"UTC\")"));
    assertThat(new ArrowType.Int(32, false).toString(), equalTo("UInt32"));
    assertThat(new ArrowType.Decimal(128, 38, 10).toString(), equalTo("Decimal128(38, 10)"));
    assertThat(ArrowType.list(INT32, true).toString(), equalTo("List(Int32)"));
  }
}
