package org.odfbeam.core.multiformats;

import java.io.ByteArrayOutputStream;

/**
 * Unsigned LEB128 varints as used by multiformats (the {@code unsigned-varint} crate kamu uses).
 *
 * <p>Encoding is minimal. Decoding is strict like the Rust crate: a multi-byte varint whose last byte is zero
 * ("not minimal") is rejected, as is a varint running past the end of the input or wider than the target type.
 */
public final class Varint {
  /** Longest varint for a 32-bit value. */
  public static final int MAX_U32_BYTES = 5;

  /** Longest varint for a 64-bit value. */
  public static final int MAX_U64_BYTES = 10;

  private Varint() {}

  /** A decoded value and the offset of the first byte after it. */
  public record Decoded(long value, int next) {}

  /** Encodes {@code value} (interpreted as unsigned 64-bit) into its minimal varint bytes. */
  public static byte[] encode(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(MAX_U64_BYTES);
    write(out, value);
    return out.toByteArray();
  }

  /** Appends the minimal varint encoding of {@code value} (unsigned) to {@code out}. */
  public static void write(ByteArrayOutputStream out, long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  /** Number of bytes {@link #encode} produces for {@code value}. */
  public static int encodedLength(long value) {
    int n = 1;
    long v = value >>> 7;
    while (v != 0) {
      n++;
      v >>>= 7;
    }
    return n;
  }

  /**
   * Decodes an unsigned varint of at most 32 bits starting at {@code offset}.
   *
   * @throws IllegalArgumentException if truncated, not minimal, or overflowing 32 bits
   */
  public static Decoded readU32(byte[] bytes, int offset) {
    Decoded d = read(bytes, offset, MAX_U32_BYTES);
    if ((d.value() >>> 32) != 0) {
      throw new IllegalArgumentException("Cannot read varint at offset " + offset + ": overflows 32 bits");
    }
    return d;
  }

  /**
   * Decodes an unsigned varint of at most 64 bits starting at {@code offset}.
   *
   * @throws IllegalArgumentException if truncated, not minimal, or overflowing 64 bits
   */
  public static Decoded readU64(byte[] bytes, int offset) {
    return read(bytes, offset, MAX_U64_BYTES);
  }

  private static Decoded read(byte[] bytes, int offset, int maxBytes) {
    long value = 0;
    for (int i = 0; i < maxBytes; i++) {
      int pos = offset + i;
      if (pos >= bytes.length) {
        throw new IllegalArgumentException(
            "Cannot read varint at offset " + offset + ": input ends after " + i + " bytes");
      }
      int b = bytes[pos] & 0xFF;
      if (i == MAX_U64_BYTES - 1 && (b & 0xFE) != 0) {
        throw new IllegalArgumentException("Cannot read varint at offset " + offset + ": overflows 64 bits");
      }
      value |= ((long) (b & 0x7F)) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw new IllegalArgumentException(
              "Cannot read varint at offset " + offset + ": not minimally encoded");
        }
        return new Decoded(value, pos + 1);
      }
    }
    throw new IllegalArgumentException(
        "Cannot read varint at offset " + offset + ": longer than " + maxBytes + " bytes");
  }
}
