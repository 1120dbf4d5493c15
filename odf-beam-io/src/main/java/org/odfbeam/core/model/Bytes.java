package org.odfbeam.core.model;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An immutable byte string (FlatBuffers {@code [ubyte]}, YAML standard base64), e.g.
 * {@link SetDataSchema#rawArrowSchema()}.
 *
 * <p>{@link #fromBase64(String)} and {@link #toBase64()} are exact inverses for canonical (padded) base64.
 */
public final class Bytes {
  private static final Bytes EMPTY = new Bytes(new byte[0]);

  private final byte[] bytes;

  private Bytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Returns a byte string holding a copy of {@code bytes}. */
  public static Bytes of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
  }

  /** Returns a byte string holding a copy of {@code length} bytes of {@code bytes} from {@code offset}. */
  public static Bytes of(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(bytes, offset, offset + length));
  }

  /** Parses standard base64 (RFC 4648 section 4, padding optional). */
  public static Bytes fromBase64(String base64) {
    try {
      return new Bytes(Base64.getDecoder().decode(base64));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid base64 value '" + base64 + "': " + e.getMessage(), e);
    }
  }

  /** Number of bytes. */
  public int size() {
    return bytes.length;
  }

  /** The byte at {@code index}. */
  public byte get(int index) {
    return bytes[index];
  }

  /** A copy of the bytes. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** Standard padded base64. */
  public String toBase64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** Lower-case hex. */
  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** {@code Bytes[<size> bytes, base64 ...]}; not meant for parsing. */
  @Override
  public String toString() {
    String b64 = toBase64();
    return "Bytes[" + bytes.length + " bytes, base64 "
        + (b64.length() > 64 ? b64.substring(0, 64) + "…" : b64) + "]";
  }
}
