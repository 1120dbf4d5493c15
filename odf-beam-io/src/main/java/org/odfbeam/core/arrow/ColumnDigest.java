package org.odfbeam.core.arrow;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One SHA3-256 hasher with a 64 KiB staging buffer: values are appended little-endian into the buffer, which is fed
 * to {@link MessageDigest#update(byte[], int, int)} in large chunks (the result is independent of chunking).
 */
final class ColumnDigest {
  static final int CAPACITY = 1 << 16;
  static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

  final MessageDigest md;
  final byte[] buf = new byte[CAPACITY];
  int pos;

  ColumnDigest() {
    this.md = newSha3();
  }

  static MessageDigest newSha3() {
    try {
      return MessageDigest.getInstance("SHA3-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA3-256 is not available in this JDK", e);
    }
  }

  void flush() {
    if (pos > 0) {
      md.update(buf, 0, pos);
      pos = 0;
    }
  }

  /** Makes room for {@code k <= CAPACITY} bytes. */
  void ensure(int k) {
    if (pos + k > CAPACITY) {
      flush();
    }
  }

  void u8(int b) {
    if (pos == CAPACITY) {
      flush();
    }
    buf[pos++] = (byte) b;
  }

  void u16(int v) {
    ensure(2);
    SHORT_LE.set(buf, pos, (short) v);
    pos += 2;
  }

  void u64(long v) {
    ensure(8);
    LONG_LE.set(buf, pos, v);
    pos += 8;
  }

  void bytes(byte[] b, int off, int len) {
    if (len > CAPACITY - pos) {
      flush();
      if (len >= CAPACITY / 2) {
        md.update(b, off, len);
        return;
      }
    }
    System.arraycopy(b, off, buf, pos, len);
    pos += len;
  }

  /** u64 LE length followed by the bytes (arrow-digest's string/binary value encoding). */
  void lengthPrefixed(byte[] b, int off, int len) {
    if (len + 8 <= CAPACITY - pos) {
      LONG_LE.set(buf, pos, (long) len);
      System.arraycopy(b, off, buf, pos + 8, len);
      pos += 8 + len;
    } else {
      u64(len);
      bytes(b, off, len);
    }
  }

  byte[] finish() {
    flush();
    return md.digest();
  }
}
