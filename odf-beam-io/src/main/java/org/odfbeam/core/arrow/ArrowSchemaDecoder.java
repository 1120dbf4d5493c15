package org.odfbeam.core.arrow;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.odfbeam.core.OdfFormatException;
import org.odfbeam.core.model.TimeUnit;

/**
 * Decodes a bare Arrow {@code Schema} flatbuffer (root table {@code Schema} of apache/arrow:format/Schema.fbs), as
 * stored in the legacy {@code SetDataSchema.rawArrowSchema}, into {@link ArrowField}s. Hand-written over
 * {@link ByteBuffer} with bounds checks; malformed input throws {@link OdfFormatException} naming the field path.
 *
 * <p>Slots used: Schema {endianness 0, fields 1, custom_metadata 2, features 3}; Field {name 0, nullable 1,
 * type_type 2, type 3, dictionary 4, children 5, custom_metadata 6}; Int {bitWidth 0, is_signed 1}; FloatingPoint
 * {precision 0: HALF 0, SINGLE 1, DOUBLE 2}; Decimal {precision 0, scale 1, bitWidth 2 = 128}; Date {unit 0 =
 * MILLISECOND}; Time {unit 0 = MILLISECOND, bitWidth 1 = 32}; Timestamp {unit 0, timezone 1}; FixedSizeBinary
 * {byteWidth 0}; FixedSizeList {listSize 0}. Type union ids: NONE 0, Null 1, Int 2, FloatingPoint 3, Binary 4,
 * Utf8 5, Bool 6, Decimal 7, Date 8, Time 9, Timestamp 10, Interval 11, List 12, Struct_ 13, Union 14,
 * FixedSizeBinary 15, FixedSizeList 16, Map 17, Duration 18, LargeBinary 19, LargeUtf8 20, LargeList 21,
 * RunEndEncoded 22, BinaryView 23, Utf8View 24, ListView 25, LargeListView 26. A field with a {@code dictionary}
 * encoding decodes as {@code Unsupported("Dictionary")}.
 */
public final class ArrowSchemaDecoder {
  private static final String CONTEXT = "Cannot decode raw Arrow schema: ";

  private final ByteBuffer bb;

  private ArrowSchemaDecoder(byte[] bytes) {
    this.bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Decodes the top-level fields of a raw Arrow schema. */
  public static List<ArrowField> decode(byte[] rawArrowSchema) {
    ArrowSchemaDecoder d = new ArrowSchemaDecoder(rawArrowSchema.clone());
    int root = d.indirect(0, "schema");
    return d.fieldVector(root, 1, "fields", "");
  }

  private List<ArrowField> fieldVector(int table, int slot, String what, String prefix) {
    int vec = offsetField(table, slot, prefix + what);
    List<ArrowField> out = new ArrayList<>();
    if (vec < 0) {
      return out;
    }
    int n = vectorLength(vec, prefix + what);
    for (int i = 0; i < n; i++) {
      String path = prefix + what + "[" + i + "]";
      int field = indirect(vec + 4 + 4 * i, path);
      out.add(field(field, path));
    }
    return out;
  }

  private ArrowField field(int t, String path) {
    String name = string(t, 0, path + ".name");
    if (name == null) {
      name = "";
    }
    String fpath = path + "(" + name + ")";
    boolean nullable = scalarByte(t, 1, 0) != 0;
    int typeType = scalarByte(t, 2, 0) & 0xFF;
    int type = offsetField(t, 3, fpath + ".type");
    List<ArrowField> children = fieldVector(t, 5, "children", fpath + ".");
    ArrowType at = type(typeType, type, children, fpath);
    if (offsetField(t, 4, fpath + ".dictionary") >= 0) {
      at = new ArrowType.Unsupported("Dictionary");
    }
    return new ArrowField(name, at, nullable);
  }

  private ArrowType type(int id, int t, List<ArrowField> children, String path) {
    switch (id) {
      case 1:
        return new ArrowType.Unsupported("Null");
      case 2: {
        int bw = scalarInt(t, 0, 0);
        boolean signed = scalarByte(t, 1, 0) != 0;
        if (bw != 8 && bw != 16 && bw != 32 && bw != 64) {
          throw error(path + ".type.bitWidth", "invalid Int bit width " + bw);
        }
        return new ArrowType.Int(bw, signed);
      }
      case 3: {
        int p = scalarShort(t, 0, 0);
        return switch (p) {
          case 0 -> new ArrowType.FloatingPoint(16);
          case 1 -> new ArrowType.FloatingPoint(32);
          case 2 -> new ArrowType.FloatingPoint(64);
          default -> throw error(path + ".type.precision", "invalid FloatingPoint precision " + p);
        };
      }
      case 4:
        return new ArrowType.Binary(ArrowType.Binary.Kind.BINARY);
      case 5:
        return new ArrowType.Utf8(ArrowType.Utf8.Kind.UTF8);
      case 6:
        return new ArrowType.Bool();
      case 7: {
        int precision = scalarInt(t, 0, 0);
        int scale = scalarInt(t, 1, 0);
        int bw = scalarInt(t, 2, 128);
        if (bw != 32 && bw != 64 && bw != 128 && bw != 256) {
          throw error(path + ".type.bitWidth", "invalid Decimal bit width " + bw);
        }
        return new ArrowType.Decimal(bw, precision, scale);
      }
      case 8: {
        int unit = scalarShort(t, 0, 1);
        if (unit != 0 && unit != 1) {
          throw error(path + ".type.unit", "invalid DateUnit " + unit);
        }
        return new ArrowType.Date(ArrowType.Date.Unit.values()[unit]);
      }
      case 9: {
        TimeUnit unit = timeUnit(scalarShort(t, 0, 1), path);
        int bw = scalarInt(t, 1, 32);
        if (bw != 32 && bw != 64) {
          throw error(path + ".type.bitWidth", "invalid Time bit width " + bw);
        }
        return new ArrowType.Time(unit, bw);
      }
      case 10: {
        TimeUnit unit = timeUnit(scalarShort(t, 0, 0), path);
        return new ArrowType.Timestamp(unit, string(t, 1, path + ".type.timezone"));
      }
      case 11:
        return new ArrowType.Unsupported("Interval");
      case 12:
        return new ArrowType.ListType(onlyChild(children, path), ArrowType.ListType.Kind.LIST, 0);
      case 13:
        return new ArrowType.Struct(children);
      case 14:
        return new ArrowType.Unsupported("Union");
      case 15: {
        int w = scalarInt(t, 0, 0);
        if (w < 0) {
          throw error(path + ".type.byteWidth", "invalid FixedSizeBinary width " + w);
        }
        return new ArrowType.FixedSizeBinary(w);
      }
      case 16: {
        int size = scalarInt(t, 0, 0);
        if (size < 0) {
          throw error(path + ".type.listSize", "invalid FixedSizeList size " + size);
        }
        return new ArrowType.ListType(onlyChild(children, path), ArrowType.ListType.Kind.FIXED_SIZE_LIST, size);
      }
      case 17:
        return new ArrowType.Unsupported("Map");
      case 18:
        return new ArrowType.Unsupported("Duration");
      case 19:
        return new ArrowType.Binary(ArrowType.Binary.Kind.LARGE_BINARY);
      case 20:
        return new ArrowType.Utf8(ArrowType.Utf8.Kind.LARGE_UTF8);
      case 21:
        return new ArrowType.ListType(onlyChild(children, path), ArrowType.ListType.Kind.LARGE_LIST, 0);
      case 22:
        return new ArrowType.Unsupported("RunEndEncoded");
      case 23:
        return new ArrowType.Binary(ArrowType.Binary.Kind.BINARY_VIEW);
      case 24:
        return new ArrowType.Utf8(ArrowType.Utf8.Kind.UTF8_VIEW);
      case 25:
        return new ArrowType.Unsupported("ListView");
      case 26:
        return new ArrowType.Unsupported("LargeListView");
      default:
        throw error(path + ".type_type", "unknown Arrow type id " + id);
    }
  }

  private ArrowField onlyChild(List<ArrowField> children, String path) {
    if (children.size() != 1) {
      throw error(path + ".children", "a list type needs exactly one child field, but has " + children.size());
    }
    return children.get(0);
  }

  private TimeUnit timeUnit(int unit, String path) {
    if (unit < 0 || unit > 3) {
      throw error(path + ".type.unit", "invalid TimeUnit " + unit);
    }
    return TimeUnit.values()[unit];
  }

  // ------------------------------------------------------------------ flatbuffer primitives

  /** Absolute position of the field of {@code slot} in table {@code t}, or -1 if absent (or t < 0). */
  private int fieldPos(int t, int slot) {
    if (t < 0) {
      return -1;
    }
    int vt = t - readInt(t, "vtable");
    checkRange(vt, 4, "vtable");
    int vtLen = Short.toUnsignedInt(bb.getShort(vt));
    int entry = 4 + 2 * slot;
    if (entry + 2 > vtLen) {
      return -1;
    }
    checkRange(vt, vtLen, "vtable");
    int off = Short.toUnsignedInt(bb.getShort(vt + entry));
    return off == 0 ? -1 : t + off;
  }

  private int scalarByte(int t, int slot, int dflt) {
    int p = fieldPos(t, slot);
    if (p < 0) {
      return dflt;
    }
    checkRange(p, 1, "scalar");
    return bb.get(p);
  }

  private int scalarShort(int t, int slot, int dflt) {
    int p = fieldPos(t, slot);
    if (p < 0) {
      return dflt;
    }
    checkRange(p, 2, "scalar");
    return bb.getShort(p);
  }

  private int scalarInt(int t, int slot, int dflt) {
    int p = fieldPos(t, slot);
    if (p < 0) {
      return dflt;
    }
    return readInt(p, "scalar");
  }

  /** The target of an offset field (table, vector or string), or -1 if absent. */
  private int offsetField(int t, int slot, String what) {
    int p = fieldPos(t, slot);
    return p < 0 ? -1 : indirect(p, what);
  }

  private int indirect(int p, String what) {
    long target = (long) p + Integer.toUnsignedLong(readInt(p, what));
    if (target >= bb.limit()) {
      throw error(what, "offset " + target + " is out of bounds (buffer size " + bb.limit() + ")");
    }
    return (int) target;
  }

  private int vectorLength(int vec, String what) {
    int n = readInt(vec, what);
    if (n < 0 || (long) vec + 4 + 4L * n > bb.limit()) {
      throw error(what, "vector of " + Integer.toUnsignedString(n) + " elements overruns the buffer");
    }
    return n;
  }

  private String string(int t, int slot, String what) {
    int s = offsetField(t, slot, what);
    if (s < 0) {
      return null;
    }
    int len = readInt(s, what);
    if (len < 0 || (long) s + 4 + len > bb.limit()) {
      throw error(what, "string of " + Integer.toUnsignedString(len) + " bytes overruns the buffer");
    }
    ByteBuffer slice = bb.duplicate();
    slice.position(s + 4).limit(s + 4 + len);
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(slice).toString();
    } catch (CharacterCodingException e) {
      throw error(what, "string is not valid UTF-8");
    }
  }

  private int readInt(int p, String what) {
    checkRange(p, 4, what);
    return bb.getInt(p);
  }

  private void checkRange(int p, int len, String what) {
    if (p < 0 || (long) p + len > bb.limit()) {
      throw error(what, "position " + p + " (+" + len + ") is out of bounds (buffer size " + bb.limit() + ")");
    }
  }

  private static OdfFormatException error(String path, String message) {
    return new OdfFormatException(CONTEXT + path + ": " + message);
  }
}
