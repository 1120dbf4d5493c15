package org.odfbeam.data;

import java.util.Arrays;
import org.apache.parquet.io.api.Binary;
import org.odfbeam.core.arrow.ColumnSink;
import org.odfbeam.core.arrow.Validity;

/**
 * One node of the columnar batch that {@link LogicalHashAssembler} builds from Parquet record events: a struct, a
 * list, a list element wrapper or a leaf. Every node holds one slot per row (or per list item) of the current batch,
 * exactly as arrow-rs' Parquet reader lays the arrays out: absent values are null slots holding 0 / empty, and the
 * children of a null struct are null too.
 */
abstract class AssemblyNode {
  /** Set when the node received a value in the current instance of its parent group. */
  boolean seen;

  /** Appends one null slot at this node's level (and below it, for a struct). */
  abstract void appendNull();

  /** Empties the buffers for the next batch. */
  abstract void reset();

  // ------------------------------------------------------------------ growable arrays

  static boolean[] grow(boolean[] a, int n) {
    return n < a.length ? a : Arrays.copyOf(a, Math.max(16, a.length * 2));
  }

  static int[] grow(int[] a, int n) {
    return n < a.length ? a : Arrays.copyOf(a, Math.max(16, a.length * 2));
  }

  // ------------------------------------------------------------------ group nodes

  /** A group with children: the message root (no validity) or a struct. */
  static final class StructNode extends AssemblyNode {
    final AssemblyNode[] children;
    boolean[] valid = new boolean[16];
    int size;

    StructNode(AssemblyNode[] children) {
      this.children = children;
    }

    void begin() {
      seen = true;
      for (AssemblyNode c : children) {
        c.seen = false;
        if (c instanceof ListNode l && l.implicit) {
          l.begin();
        }
      }
    }

    void end() {
      for (AssemblyNode c : children) {
        if (c instanceof ListNode l && l.implicit) {
          l.end();
        } else if (!c.seen) {
          c.appendNull();
        }
      }
      valid = grow(valid, size);
      valid[size++] = true;
    }

    @Override
    void appendNull() {
      for (AssemblyNode c : children) {
        c.appendNull();
      }
      valid = grow(valid, size);
      valid[size++] = false;
    }

    @Override
    void reset() {
      size = 0;
      for (AssemblyNode c : children) {
        c.reset();
      }
    }
  }

  /**
   * A list column: the LIST-annotated group, or ({@code implicit}) an unannotated repeated primitive whose values are
   * the items. Items go to {@link #item}; each list instance appends one offset.
   */
  static final class ListNode extends AssemblyNode {
    final boolean implicit;
    AssemblyNode item;
    /** The repeated group of a 3-level list; {@code null} when the items are a repeated primitive. */
    ElementNode element;
    boolean[] valid = new boolean[16];
    int[] offsets = new int[16];
    int size;
    int items;

    ListNode(boolean implicit) {
      this.implicit = implicit;
    }

    void begin() {
      seen = true;
    }

    void end() {
      valid = grow(valid, size);
      offsets = grow(offsets, size + 1);
      valid[size] = true;
      offsets[++size] = items;
    }

    @Override
    void appendNull() {
      valid = grow(valid, size);
      offsets = grow(offsets, size + 1);
      valid[size] = false;
      offsets[++size] = items;
    }

    @Override
    void reset() {
      size = 0;
      items = 0;
      item.reset();
    }

    void feed(ColumnSink sink, int n) {
      sink.validity(Validity.ofValid(valid, n));
      ColumnSink itemSink = sink.putList(offsets, n);
      if (item instanceof ListNode l) {
        l.feed(itemSink, items);
      } else {
        ((LeafNode) item).feed(itemSink, items);
      }
    }
  }

  /** The repeated group of a 3-level list: one instance per item; an instance without element is a null item. */
  static final class ElementNode extends AssemblyNode {
    final ListNode list;

    ElementNode(ListNode list) {
      this.list = list;
    }

    void begin() {
      list.item.seen = false;
    }

    void end() {
      if (!list.item.seen) {
        list.item.appendNull();
      }
      list.items++;
    }

    @Override
    void appendNull() {
      throw new IllegalStateException("a list element group is never absent");
    }

    @Override
    void reset() {}
  }

  // ------------------------------------------------------------------ leaves

  /** How a leaf stores its values. */
  enum Kind { BOOL, INT, LONG, FLOAT, DOUBLE, BYTES, FIXED, DECIMAL_LONG, DECIMAL_BYTES, INT96 }

  /** A leaf column; {@code countsInto} is the list whose items are this leaf's values directly (2-level lists). */
  static final class LeafNode extends AssemblyNode {
    final Kind kind;
    final int width;
    final ListNode countsInto;
    boolean[] valid = new boolean[16];
    int size;
    boolean[] bools;
    int[] ints;
    long[] longs;
    float[] floats;
    double[] doubles;
    int[] offsets;
    byte[] data;
    int dataSize;
    byte[][] objects;

    LeafNode(Kind kind, int width, ListNode countsInto) {
      this.kind = kind;
      this.width = width;
      this.countsInto = countsInto;
      switch (kind) {
        case BOOL -> bools = new boolean[16];
        case INT -> ints = new int[16];
        case LONG, DECIMAL_LONG, INT96 -> longs = new long[16];
        case FLOAT -> floats = new float[16];
        case DOUBLE -> doubles = new double[16];
        case BYTES -> {
          offsets = new int[17];
          data = new byte[256];
        }
        case FIXED -> data = new byte[Math.max(16, width * 16)];
        case DECIMAL_BYTES -> objects = new byte[16][];
        default -> throw new IllegalStateException(kind.name());
      }
    }

    private void slot(boolean isValid) {
      seen = true;
      if (size == valid.length) {
        int cap = size * 2;
        valid = Arrays.copyOf(valid, cap);
        switch (kind) {
          case BOOL -> bools = Arrays.copyOf(bools, cap);
          case INT -> ints = Arrays.copyOf(ints, cap);
          case LONG, DECIMAL_LONG, INT96 -> longs = Arrays.copyOf(longs, cap);
          case FLOAT -> floats = Arrays.copyOf(floats, cap);
          case DOUBLE -> doubles = Arrays.copyOf(doubles, cap);
          case BYTES -> offsets = Arrays.copyOf(offsets, cap + 1);
          case FIXED -> data = Arrays.copyOf(data, cap * width);
          case DECIMAL_BYTES -> objects = Arrays.copyOf(objects, cap);
          default -> throw new IllegalStateException(kind.name());
        }
      }
      valid[size] = isValid;
      if (countsInto != null) {
        countsInto.items++;
      }
    }

    void addBoolean(boolean v) {
      slot(true);
      bools[size++] = v;
    }

    void addInt(int v) {
      slot(true);
      if (kind == Kind.DECIMAL_LONG) {
        longs[size++] = v;
      } else {
        ints[size++] = v;
      }
    }

    void addLong(long v) {
      slot(true);
      longs[size++] = v;
    }

    void addFloat(float v) {
      slot(true);
      floats[size++] = v;
    }

    void addDouble(double v) {
      slot(true);
      doubles[size++] = v;
    }

    void addBinary(Binary v) {
      slot(true);
      switch (kind) {
        case BYTES -> {
          int len = v.length();
          ensureData(dataSize + len);
          v.toByteBuffer().get(data, dataSize, len);
          dataSize += len;
          offsets[++size] = dataSize;
        }
        case FIXED -> {
          v.toByteBuffer().get(data, size * width, width);
          size++;
        }
        case DECIMAL_BYTES -> objects[size++] = v.getBytes();
        case INT96 -> longs[size++] = int96ToNanos(v);
        default -> throw new IllegalStateException("binary value for a " + kind + " column");
      }
    }

    /** A BYTES value given as an array (same result as {@link #addBinary} of those bytes). */
    void addBytes(byte[] v) {
      slot(true);
      int len = v.length;
      ensureData(dataSize + len);
      System.arraycopy(v, 0, data, dataSize, len);
      dataSize += len;
      offsets[++size] = dataSize;
    }

    /** A FIXED value of exactly {@link #width} bytes (same result as {@link #addBinary}). */
    void addFixed(byte[] v) {
      slot(true);
      System.arraycopy(v, 0, data, size * width, width);
      size++;
    }

    /** A DECIMAL_BYTES value: its big-endian two's complement bytes, kept by reference (not copied). */
    void addDecimalBytes(byte[] v) {
      slot(true);
      objects[size++] = v;
    }

    private void ensureData(int n) {
      if (n > data.length) {
        data = Arrays.copyOf(data, Math.max(n, data.length * 2));
      }
    }

    @Override
    void appendNull() {
      slot(false);
      switch (kind) {
        case BOOL -> bools[size++] = false;
        case INT -> ints[size++] = 0;
        case LONG, DECIMAL_LONG, INT96 -> longs[size++] = 0;
        case FLOAT -> floats[size++] = 0;
        case DOUBLE -> doubles[size++] = 0;
        case BYTES -> offsets[++size] = dataSize;
        case FIXED -> {
          Arrays.fill(data, size * width, (size + 1) * width, (byte) 0);
          size++;
        }
        case DECIMAL_BYTES -> objects[size++] = null;
        default -> throw new IllegalStateException(kind.name());
      }
    }

    @Override
    void reset() {
      size = 0;
      dataSize = 0;
    }

    void feed(ColumnSink sink, int n) {
      if (n != size) {
        throw new IllegalStateException("Column '" + sink.path() + "' holds " + size + " values, expected " + n);
      }
      sink.validity(Validity.ofValid(valid, n));
      switch (kind) {
        case BOOL -> sink.putBooleans(bools, n);
        case INT -> sink.putInts(ints, n);
        case LONG, INT96 -> sink.putLongs(longs, n);
        case FLOAT -> sink.putFloats(floats, n);
        case DOUBLE -> sink.putDoubles(doubles, n);
        case BYTES -> sink.putBinary(offsets, data, n);
        case FIXED -> sink.putFixed(data, width, n);
        case DECIMAL_LONG -> sink.putDecimalUnscaled(longs, n);
        case DECIMAL_BYTES -> sink.putDecimalBigEndian(objects, n);
        default -> throw new IllegalStateException(kind.name());
      }
    }

    /** INT96 (8 bytes LE nanos of day, 4 bytes LE Julian day) to epoch nanoseconds, as arrow-rs converts it. */
    static long int96ToNanos(Binary v) {
      java.nio.ByteBuffer b = v.toByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN);
      long nanosOfDay = b.getLong(b.position());
      long julianDay = b.getInt(b.position() + 8) & 0xFFFFFFFFL;
      return (julianDay - 2_440_588L) * 86_400_000_000_000L + nanosOfDay;
    }
  }
}
