package org.odfbeam.core.arrow;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Test helper: assembles little-endian byte streams by hand, as described in odf-format-notes.md section 8. */
final class Bytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  Bytes u8(int v) {
    out.write(v);
    return this;
  }

  Bytes u16(int v) {
    return u8(v).u8(v >>> 8);
  }

  Bytes i32(int v) {
    return u16(v).u16(v >>> 16);
  }

  Bytes u64(long v) {
    return i32((int) v).i32((int) (v >>> 32));
  }

  Bytes raw(byte[] b) {
    out.writeBytes(b);
    return this;
  }

  Bytes str(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return u64(b.length).raw(b);
  }

  /** A root-hasher name entry: u64 len, name, u64 level. */
  Bytes name(String s, int level) {
    return str(s).u64(level);
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  static byte[] sha3(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA3-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** sha3(names || sha3(column_0) || sha3(column_1) ...), as record_digest.rs finalize() does. */
  static byte[] record(Bytes names, Bytes... columns) {
    Bytes root = new Bytes().raw(names.bytes());
    for (Bytes c : columns) {
      root.raw(sha3(c.bytes()));
    }
    return sha3(root.bytes());
  }
}
