package org.odfbeam.core.arrow;

import static org.odfbeam.core.arrow.ColumnDigest.CAPACITY;
import static org.odfbeam.core.arrow.ColumnDigest.INT_LE;
import static org.odfbeam.core.arrow.ColumnDigest.LONG_LE;
import static org.odfbeam.core.arrow.ColumnDigest.SHORT_LE;

import java.nio.charset.StandardCharsets;
import org.odfbeam.core.model.Nullable;

/**
 * Receives the validity and values of one Arrow array of one batch — a leaf column of the batch or, below a list
 * column, the list's item array — and hashes them into the leaf's column hasher exactly like arrow-digest's
 * {@code ArrayDigestV0::update}.
 *
 * <p>Values use Arrow's slot layout: {@code values[i]} belongs to row {@code i} whether or not the row is null
 * (the content of a null slot only matters in arrow-digest's struct quirk, see {@link BatchBuilder}; use 0 / empty
 * / {@code null}). Call {@link #validity(Validity)} (optional, default: no nulls) before the first value.
 *
 * <p>A top-level leaf accepts several {@code put*} calls per batch (chunks of consecutive rows; validity positions
 * count from the start of the batch) summing up to the batch's row count. A list column receives
 * {@link #putList(int[], int)} (which returns the item sink); an item sink receives exactly one call covering all its
 * items. Emission for a list happens when its innermost item values arrive.
 *
 * <p>Encodings (arrow-digest array_digest.rs): a null is one {@code 00} byte; fixed-width values are raw
 * little-endian bytes; booleans 1 = false, 2 = true; strings and binaries u64 LE byte length + bytes;
 * FixedSizeBinary u64 LE width + bytes; a list is u64 LE item count followed by its items.
 */
public final class ColumnSink {
  private static final byte[] EMPTY = new byte[0];

  /** Hashes values {@code [from, to)}; value {@code j} has validity position {@code vBase + j}. */
  @FunctionalInterface
  private interface RangeWriter {
    void write(ColumnDigest cd, int from, int to, @Nullable Validity v, int vBase);
  }

  private final ColumnDigest cd;
  private final String path;
  private final ArrowType type;
  private final int length;
  private final @Nullable Validity parentValidity;
  private final boolean topLevel;
  private final @Nullable ColumnSink parentList;

  private boolean started;
  private @Nullable Validity effective;
  private int cursor;

  // item sinks
  private boolean delivered;
  private @Nullable RangeWriter pending;

  // list sinks: the chunk being assembled
  private int[] offsets;
  private int chunkBase;
  private int chunkRows;
  private @Nullable ColumnSink child;

  ColumnSink(ColumnDigest cd, String path, ArrowType type, int length, @Nullable Validity parentValidity,
      boolean topLevel, @Nullable ColumnSink parentList) {
    this.cd = cd;
    this.path = path;
    this.type = type;
    this.length = length;
    this.parentValidity = parentValidity;
    this.topLevel = topLevel;
    this.parentList = parentList;
  }

  /** Dotted path of this array (items of a list column {@code l} are {@code l.item}). */
  public String path() {
    return path;
  }

  /** Arrow type of this array. */
  public ArrowType type() {
    return type;
  }

  /** Number of rows (or items) this sink expects in total for the batch. */
  public int length() {
    return length;
  }

  int rowsDelivered() {
    return cursor;
  }

  /**
   * Sets this array's own validity ({@code null} or no nulls = none); positions cover the whole array of the
   * batch. Must precede the values.
   */
  public ColumnSink validity(@Nullable Validity validity) {
    if (started) {
      throw new IllegalStateException("Column '" + path + "': validity must be set before the values");
    }
    if (validity != null && validity.length() != length) {
      throw new IllegalArgumentException("Column '" + path + "': validity covers " + validity.length()
          + " rows, but the array has " + length);
    }
    effective = Validity.maybeCombine(parentValidity, Validity.normalize(validity));
    started = true;
    return this;
  }

  private void start() {
    if (!started) {
      effective = Validity.maybeCombine(parentValidity, null);
      started = true;
    }
  }

  // ------------------------------------------------------------------ fixed width

  /**
   * 64-bit values: Int64/UInt64, Timestamp, Date64, Time64, Decimal64 (raw unscaled), or Float64 raw bits.
   */
  public ColumnSink putLongs(long[] values, int n) {
    requireRaw(8, "putLongs", values.length, n);
    return deliver(n, (cd, from, to, v, vb) -> writeLongs(cd, values, from, to, v, vb));
  }

  /**
   * 32-bit values: Int32/UInt32, Date32, Time32, Decimal32 or Float32 raw bits; also Int8/Int16 (and unsigned)
   * columns, truncated to the low 1 or 2 bytes as Parquet stores them in INT32.
   */
  public ColumnSink putInts(int[] values, int n) {
    int w = rawWidth(type);
    if (w != 4 && w != 2 && w != 1) {
      throw mismatch("putInts");
    }
    checkN(values.length, n);
    if (w == 4) {
      return deliver(n, (cd, from, to, v, vb) -> writeInts(cd, values, from, to, v, vb));
    }
    return deliver(n, (cd, from, to, v, vb) -> writeNarrowInts(cd, values, w, from, to, v, vb));
  }

  /** 16-bit values: Int16/UInt16 or Float16 bits. */
  public ColumnSink putShorts(short[] values, int n) {
    requireRaw(2, "putShorts", values.length, n);
    return deliver(n, (cd, from, to, v, vb) -> {
      for (int j = from; j < to; j++) {
        cd.ensure(2);
        if (v == null || v.isValid(vb + j)) {
          SHORT_LE.set(cd.buf, cd.pos, values[j]);
          cd.pos += 2;
        } else {
          cd.buf[cd.pos++] = 0;
        }
      }
    });
  }

  /** 8-bit values: Int8/UInt8. */
  public ColumnSink putBytes(byte[] values, int n) {
    requireRaw(1, "putBytes", values.length, n);
    return deliver(n, (cd, from, to, v, vb) -> {
      if (v == null) {
        cd.bytes(values, from, to - from);
        return;
      }
      for (int j = from; j < to; j++) {
        cd.u8(v.isValid(vb + j) ? values[j] : 0);
      }
    });
  }

  /** Float64 values (raw IEEE bits, NaN payloads kept). */
  public ColumnSink putDoubles(double[] values, int n) {
    if (!(type instanceof ArrowType.FloatingPoint f && f.bitWidth() == 64)) {
      throw mismatch("putDoubles");
    }
    checkN(values.length, n);
    return deliver(n, (cd, from, to, v, vb) -> {
      int j = from;
      while (j < to) {
        if (cd.pos + 8 > CAPACITY) {
          cd.flush();
        }
        int end = Math.min(to, j + ((CAPACITY - cd.pos) >>> 3));
        byte[] buf = cd.buf;
        int pos = cd.pos;
        if (v == null) {
          for (; j < end; j++, pos += 8) {
            LONG_LE.set(buf, pos, Double.doubleToRawLongBits(values[j]));
          }
        } else {
          for (; j < end; j++) {
            if (v.isValid(vb + j)) {
              LONG_LE.set(buf, pos, Double.doubleToRawLongBits(values[j]));
              pos += 8;
            } else {
              buf[pos++] = 0;
            }
          }
        }
        cd.pos = pos;
      }
    });
  }

  /** Float32 values (raw IEEE bits). */
  public ColumnSink putFloats(float[] values, int n) {
    if (!(type instanceof ArrowType.FloatingPoint f && f.bitWidth() == 32)) {
      throw mismatch("putFloats");
    }
    checkN(values.length, n);
    return deliver(n, (cd, from, to, v, vb) -> {
      for (int j = from; j < to; j++) {
        cd.ensure(4);
        if (v == null || v.isValid(vb + j)) {
          INT_LE.set(cd.buf, cd.pos, Float.floatToRawIntBits(values[j]));
          cd.pos += 4;
        } else {
          cd.buf[cd.pos++] = 0;
        }
      }
    });
  }

  /**
   * Fixed-size values laid out contiguously ({@code width} bytes each, {@code n * width} bytes): for a
   * FixedSizeBinary(width) column each valid value is hashed as u64 width + bytes (as arrow-digest does); for any
   * other fixed-width column (e.g. Decimal128 = 16-byte LE two's complement, Float16) the bytes are raw.
   */
  public ColumnSink putFixed(byte[] data, int width, int n) {
    if (type instanceof ArrowType.FixedSizeBinary fsb) {
      if (fsb.byteWidth() != width) {
        throw mismatch("putFixed(width " + width + ")");
      }
      checkN(data.length / Math.max(width, 1), n);
      if (width == 0 && n > 0 && data.length < 0) {
        throw new AssertionError();
      }
      return deliver(n, (cd, from, to, v, vb) -> {
        for (int j = from; j < to; j++) {
          if (v == null || v.isValid(vb + j)) {
            cd.lengthPrefixed(data, j * width, width);
          } else {
            cd.u8(0);
          }
        }
      });
    }
    int w = rawWidth(type);
    if (w != width) {
      throw mismatch("putFixed(width " + width + ")");
    }
    checkN(data.length / width, n);
    return deliver(n, (cd, from, to, v, vb) -> {
      if (v == null) {
        cd.bytes(data, from * width, (to - from) * width);
        return;
      }
      for (int j = from; j < to; j++) {
        if (v.isValid(vb + j)) {
          cd.bytes(data, j * width, width);
        } else {
          cd.u8(0);
        }
      }
    });
  }

  /** Decimal128 values: 16-byte little-endian two's complement each, contiguous. */
  public ColumnSink putDecimal128(byte[] data, int n) {
    if (!(type instanceof ArrowType.Decimal d && d.bitWidth() == 128)) {
      throw mismatch("putDecimal128");
    }
    return putFixed(data, 16, n);
  }

  /** Decimal256 values: 32-byte little-endian two's complement each, contiguous. */
  public ColumnSink putDecimal256(byte[] data, int n) {
    if (!(type instanceof ArrowType.Decimal d && d.bitWidth() == 256)) {
      throw mismatch("putDecimal256");
    }
    return putFixed(data, 32, n);
  }

  /**
   * Decimal values given as unscaled longs (Parquet INT32/INT64 decimals), sign-extended to the column's width
   * (Decimal32 requires values that fit an int).
   */
  public ColumnSink putDecimalUnscaled(long[] values, int n) {
    if (!(type instanceof ArrowType.Decimal d)) {
      throw mismatch("putDecimalUnscaled");
    }
    checkN(values.length, n);
    int w = d.bitWidth() / 8;
    return deliver(n, (cd, from, to, v, vb) -> {
      for (int j = from; j < to; j++) {
        if (v != null && !v.isValid(vb + j)) {
          cd.u8(0);
          continue;
        }
        long x = values[j];
        cd.ensure(w);
        if (w == 4) {
          if ((int) x != x) {
            throw new IllegalArgumentException("Column '" + path + "': unscaled value " + x
                + " does not fit " + type);
          }
          INT_LE.set(cd.buf, cd.pos, (int) x);
        } else {
          LONG_LE.set(cd.buf, cd.pos, x);
          long sign = x >> 63;
          for (int k = 8; k < w; k += 8) {
            LONG_LE.set(cd.buf, cd.pos + k, sign);
          }
        }
        cd.pos += w;
      }
    });
  }

  /**
   * Decimal values given as big-endian two's complement byte arrays of any length (Parquet BYTE_ARRAY /
   * FIXED_LEN_BYTE_ARRAY decimals), sign-extended to the column's width; {@code null} elements are null slots.
   */
  public ColumnSink putDecimalBigEndian(byte[][] values, int n) {
    if (!(type instanceof ArrowType.Decimal d)) {
      throw mismatch("putDecimalBigEndian");
    }
    checkN(values.length, n);
    int w = d.bitWidth() / 8;
    return deliver(n, (cd, from, to, v, vb) -> {
      for (int j = from; j < to; j++) {
        if (v != null && !v.isValid(vb + j)) {
          cd.u8(0);
          continue;
        }
        byte[] be = values[j] == null ? EMPTY : values[j];
        int len = be.length;
        byte sign = len > 0 && be[0] < 0 ? (byte) -1 : 0;
        for (int k = 0; k < len - w; k++) {
          if (be[k] != sign) {
            throw new IllegalArgumentException("Column '" + path + "': decimal of " + len
                + " bytes does not fit " + type);
          }
        }
        cd.ensure(w);
        byte[] buf = cd.buf;
        int pos = cd.pos;
        for (int k = 0; k < w; k++) {
          buf[pos + k] = k < len ? be[len - 1 - k] : sign;
        }
        cd.pos = pos + w;
      }
    });
  }

  // ------------------------------------------------------------------ boolean, strings, binary

  /** Boolean values (hashed as 1 = false, 2 = true). */
  public ColumnSink putBooleans(boolean[] values, int n) {
    if (!(type instanceof ArrowType.Bool)) {
      throw mismatch("putBooleans");
    }
    checkN(values.length, n);
    return deliver(n, (cd, from, to, v, vb) -> {
      for (int j = from; j < to; j++) {
        if (cd.pos == CAPACITY) {
          cd.flush();
        }
        cd.buf[cd.pos++] = v == null || v.isValid(vb + j) ? (byte) (values[j] ? 2 : 1) : 0;
      }
    });
  }

  /** Utf8 (or Binary) values as Java strings, encoded as UTF-8; {@code null} elements are null slots. */
  public ColumnSink putStrings(String[] values, int n) {
    requireVarLen("putStrings");
    checkN(values.length, n);
    return deliver(n, (cd, from, to, v, vb) -> {
      for (int j = from; j < to; j++) {
        if (v == null || v.isValid(vb + j)) {
          String s = values[j];
          byte[] b = s == null ? EMPTY : s.getBytes(StandardCharsets.UTF_8);
          cd.lengthPrefixed(b, 0, b.length);
        } else {
          cd.u8(0);
        }
      }
    });
  }

  /** Binary (or Utf8) values as byte arrays (UTF-8 for strings); {@code null} elements are null slots. */
  public ColumnSink putBinary(byte[][] values, int n) {
    requireVarLen("putBinary");
    checkN(values.length, n);
    return deliver(n, (cd, from, to, v, vb) -> {
      for (int j = from; j < to; j++) {
        if (v == null || v.isValid(vb + j)) {
          byte[] b = values[j] == null ? EMPTY : values[j];
          cd.lengthPrefixed(b, 0, b.length);
        } else {
          cd.u8(0);
        }
      }
    });
  }

  /**
   * Binary or Utf8 values in Arrow layout: value {@code i} is {@code data[offsets[i] .. offsets[i+1])}
   * ({@code n + 1} offsets).
   */
  public ColumnSink putBinary(int[] offsets, byte[] data, int n) {
    requireVarLen("putBinary");
    checkN(offsets.length - 1, n);
    return deliver(n, (cd, from, to, v, vb) -> {
      for (int j = from; j < to; j++) {
        if (v == null || v.isValid(vb + j)) {
          cd.lengthPrefixed(data, offsets[j], offsets[j + 1] - offsets[j]);
        } else {
          cd.u8(0);
        }
      }
    });
  }

  /** Same as {@link #putBinary(int[], byte[], int)} for UTF-8 data. */
  public ColumnSink putUtf8(int[] offsets, byte[] utf8, int n) {
    return putBinary(offsets, utf8, n);
  }

  // ------------------------------------------------------------------ lists

  /**
   * Rows of a List/LargeList/FixedSizeList column: row {@code i} holds items {@code offsets[i] .. offsets[i+1]} of
   * the returned item sink ({@code n + 1} non-decreasing offsets; items are numbered from {@code offsets[0]}).
   * Feed the item array (validity, then values or a nested {@code putList}) into the returned sink in one call.
   * A valid row hashes as u64 item count followed by its items (with the items' own nulls); a null row as {@code 00}.
   */
  public ColumnSink putList(int[] offsets, int n) {
    if (!(type instanceof ArrowType.ListType lt)) {
      throw mismatch("putList");
    }
    checkN(offsets.length - 1, n);
    beginDelivery(n);
    if (!topLevel && delivered) {
      // an empty item array (n == 0) that the enclosing list has already emitted: its items are empty as well
      ColumnSink c = new ColumnSink(cd, path + "." + lt.item().name(), lt.item().type(), 0, null, false, this);
      c.delivered = true;
      return c;
    }
    if (this.offsets != null) {
      throw new IllegalStateException("Column '" + path + "': the items of the previous putList were not supplied");
    }
    for (int i = 0; i < n; i++) {
      if (offsets[i + 1] < offsets[i]) {
        throw new IllegalArgumentException("Column '" + path + "': offsets decrease at row " + i);
      }
    }
    if (lt.kind() == ArrowType.ListType.Kind.FIXED_SIZE_LIST) {
      for (int i = 0; i < n; i++) {
        if (offsets[i + 1] - offsets[i] != lt.fixedSize()) {
          throw new IllegalArgumentException("Column '" + path + "': row " + i + " has "
              + (offsets[i + 1] - offsets[i]) + " items, but the type is " + type);
        }
      }
    }
    this.offsets = offsets.clone();
    this.chunkBase = topLevel ? cursor : 0;
    this.chunkRows = n;
    int items = offsets[n] - offsets[0];
    this.child = new ColumnSink(cd, path + "." + lt.item().name(), lt.item().type(), items, null, false, this);
    ColumnSink c = child;
    if (items == 0) {
      c.markDelivered(null);
    }
    return c;
  }

  /** Rows of a FixedSizeList column (offsets {@code i * size}); returns the item sink. */
  public ColumnSink putFixedSizeList(int n) {
    if (!(type instanceof ArrowType.ListType lt && lt.kind() == ArrowType.ListType.Kind.FIXED_SIZE_LIST)) {
      throw mismatch("putFixedSizeList");
    }
    int[] off = new int[n + 1];
    for (int i = 0; i <= n; i++) {
      off[i] = i * lt.fixedSize();
    }
    return putList(off, n);
  }

  // ------------------------------------------------------------------ delivery

  private void beginDelivery(int n) {
    start();
    if (topLevel) {
      if (cursor + n > length) {
        throw new IllegalArgumentException("Column '" + path + "': " + (cursor + n) + " rows exceed the batch's "
            + length);
      }
    } else if (delivered || n != length) {
      if (delivered && n == 0) {
        return;
      }
      throw new IllegalArgumentException("Column '" + path + "': list items must be supplied in one call of "
          + length + " items, but got " + n + (delivered ? " (again)" : ""));
    }
  }

  private ColumnSink deliver(int n, RangeWriter writer) {
    if (type instanceof ArrowType.ListType) {
      throw mismatch("non-list put");
    }
    beginDelivery(n);
    if (topLevel) {
      writer.write(cd, 0, n, effective, cursor);
      cursor += n;
    } else if (!delivered) {
      markDelivered(writer);
    }
    return this;
  }

  /** Item values arrived: if the whole list tree below the top-level column is complete, emit it. */
  private void markDelivered(@Nullable RangeWriter writer) {
    delivered = true;
    pending = writer;
    cursor = length;
    ColumnSink p = parentList;
    ColumnSink top = this;
    while (p != null) {
      if (!p.topLevel) {
        p.delivered = true;
        p.cursor = p.length;
      }
      top = p;
      p = p.parentList;
    }
    top.emitChunk();
  }

  private void emitChunk() {
    int off0 = offsets[0];
    emitRows(0, chunkRows, off0);
    cursor += chunkRows;
    offsets = null;
    child = null;
  }

  /** Emits rows {@code [from, to)} of this list chunk (validity position {@code chunkBase + row}). */
  private void emitRows(int from, int to, int off0) {
    Validity v = effective;
    ColumnSink c = child;
    for (int i = from; i < to; i++) {
      if (v == null || v.isValid(chunkBase + i)) {
        int a = offsets[i] - off0;
        int b = offsets[i + 1] - off0;
        cd.u64(b - a);
        c.emitItems(a, b);
      } else {
        cd.u8(0);
      }
    }
  }

  /** Emits items {@code [a, b)} of this item array (arrow-digest: {@code self.update(sub_array, None)}). */
  private void emitItems(int a, int b) {
    if (a == b) {
      return;
    }
    if (type instanceof ArrowType.ListType) {
      emitRows(a, b, offsets[0]);
    } else {
      pending.write(cd, a, b, effective, 0);
    }
  }

  // ------------------------------------------------------------------ bulk writers

  private static void writeLongs(ColumnDigest cd, long[] values, int from, int to, Validity v, int vb) {
    int j = from;
    while (j < to) {
      if (cd.pos + 8 > CAPACITY) {
        cd.flush();
      }
      byte[] buf = cd.buf;
      int pos = cd.pos;
      if (v == null) {
        int end = Math.min(to, j + ((CAPACITY - pos) >>> 3));
        for (; j < end; j++, pos += 8) {
          LONG_LE.set(buf, pos, values[j]);
        }
      } else {
        int end = Math.min(to, j + ((CAPACITY - pos) >>> 3));
        for (; j < end; j++) {
          if (v.isValid(vb + j)) {
            LONG_LE.set(buf, pos, values[j]);
            pos += 8;
          } else {
            buf[pos++] = 0;
          }
        }
      }
      cd.pos = pos;
    }
  }

  private static void writeInts(ColumnDigest cd, int[] values, int from, int to, Validity v, int vb) {
    int j = from;
    while (j < to) {
      if (cd.pos + 4 > CAPACITY) {
        cd.flush();
      }
      byte[] buf = cd.buf;
      int pos = cd.pos;
      int end = Math.min(to, j + ((CAPACITY - pos) >>> 2));
      if (v == null) {
        for (; j < end; j++, pos += 4) {
          INT_LE.set(buf, pos, values[j]);
        }
      } else {
        for (; j < end; j++) {
          if (v.isValid(vb + j)) {
            INT_LE.set(buf, pos, values[j]);
            pos += 4;
          } else {
            buf[pos++] = 0;
          }
        }
      }
      cd.pos = pos;
    }
  }

  private static void writeNarrowInts(ColumnDigest cd, int[] values, int w, int from, int to, Validity v,
      int vb) {
    for (int j = from; j < to; j++) {
      cd.ensure(w);
      if (v == null || v.isValid(vb + j)) {
        cd.buf[cd.pos] = (byte) values[j];
        if (w == 2) {
          cd.buf[cd.pos + 1] = (byte) (values[j] >>> 8);
        }
        cd.pos += w;
      } else {
        cd.buf[cd.pos++] = 0;
      }
    }
  }

  // ------------------------------------------------------------------ checks

  /** Byte width of a raw fixed-width type, or -1. */
  static int rawWidth(ArrowType t) {
    if (t instanceof ArrowType.Int i) {
      return i.bitWidth() / 8;
    } else if (t instanceof ArrowType.FloatingPoint f) {
      return f.bitWidth() / 8;
    } else if (t instanceof ArrowType.Decimal d) {
      return d.bitWidth() / 8;
    } else if (t instanceof ArrowType.Date d) {
      return d.bitWidth() / 8;
    } else if (t instanceof ArrowType.Time tm) {
      return tm.bitWidth() / 8;
    } else if (t instanceof ArrowType.Timestamp) {
      return 8;
    }
    return -1;
  }

  private void requireRaw(int width, String method, int arrayLength, int n) {
    if (rawWidth(type) != width) {
      throw mismatch(method);
    }
    checkN(arrayLength, n);
  }

  private void requireVarLen(String method) {
    if (!(type instanceof ArrowType.Utf8 || type instanceof ArrowType.Binary)) {
      throw mismatch(method);
    }
  }

  private void checkN(int available, int n) {
    if (n < 0 || n > available) {
      throw new IllegalArgumentException("Column '" + path + "': n must be within 0.." + available + ", but was " + n);
    }
  }

  private IllegalArgumentException mismatch(String method) {
    return new IllegalArgumentException("Column '" + path + "' has type " + type + "; " + method
        + " does not apply");
  }
}
