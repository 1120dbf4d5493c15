package org.odfbeam.core.multiformats;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class VarintTest {
  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  @Test
  void encodesMulticodecCodesAsInTheFormatNotes() {
    // Varint column of the codec table: the project's shared odf-format-notes.md section 2 (multiformats unsigned-varint spec).
    assertArrayEquals(bytes(0x16), Varint.encode(0x16));
    assertArrayEquals(bytes(0xed, 0x01), Varint.encode(0xed));
    assertArrayEquals(bytes(0x96, 0x80, 0xc0, 0x01), Varint.encode(0x300016));
    assertArrayEquals(bytes(0x00), Varint.encode(0));
    assertThat(Varint.encodedLength(0x300016), equalTo(4));
  }

  @Test
  void decodesAndReportsNextOffset() {
    Varint.Decoded d = Varint.readU32(bytes(0xff, 0x96, 0x80, 0xc0, 0x01, 0x20), 1);
    assertThat(d.value(), equalTo(0x300016L));
    assertThat(d.next(), equalTo(5));
  }

  @Test
  void roundTripsLargeValues() {
    for (long v : new long[] {1, 127, 128, 300, 0xFFFFFFFFL, Long.MAX_VALUE, -1L}) {
      assertThat(Varint.readU64(Varint.encode(v), 0).value(), equalTo(v));
    }
  }

  @Test
  void rejectsTruncatedInput() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Varint.readU32(bytes(0x80), 0));
    assertThat(e.getMessage(), containsString("input ends after 1 bytes"));
  }

  @Test
  void rejectsNonMinimalEncodingLikeTheRustCrate() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Varint.readU32(bytes(0x96, 0x00), 0));
    assertThat(e.getMessage(), containsString("not minimally encoded"));
  }

  @Test
  void rejectsValuesWiderThan32Bits() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Varint.readU32(Varint.encode(1L << 32), 0));
    assertThat(e.getMessage(), containsString("overflows 32 bits"));
  }
}
