package org.odfbeam.core.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.odfbeam.core.identity.DatasetAlias;
import org.odfbeam.core.identity.DatasetId;
import org.odfbeam.core.identity.DatasetRef;
import org.odfbeam.core.model.Bytes;
import org.odfbeam.core.model.ExtraAttributes;
import org.odfbeam.core.multiformats.Multihash;

/**
 * Bounds-checked FlatBuffers reader over one finished buffer (a byte range of an array), decoding tables into
 * model records. Every offset is checked before use, so malformed input ends in a {@link DecodeError}, never
 * in an {@code IndexOutOfBoundsException}. Rules: an optional scalar is present iff its vtable slot is
 * non-zero; an absent required scalar is 0; an absent required non-scalar is an error.
 */
final class BlockReader {
  /** Maximum table nesting (a block is at most ~10 deep; DataType nesting of 64 is plenty). */
  static final int MAX_DEPTH = 64;

  private final byte[] array;
  private final int base;
  private final int limit;
  private final ByteBuffer bb;

  BlockReader(byte[] array, int offset, int length) {
    this.array = array;
    this.base = offset;
    this.limit = length;
    this.bb = ByteBuffer.wrap(array, offset, length).slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** A decoded Manifest table; {@code contentStart} is relative to this reader. */
  record Manifest(long kind, int version, int contentStart, int contentLength) {}

  /** Reads the root table as a Manifest {kind: int64, version: int32, content: [ubyte]}. */
  Manifest manifest() {
    int t = rootTable();
    int vt = vtable(t);
    int vtSize = u16(vt);
    int tSize = u16(vt + 2);
    int fo = slotOffset(vt, vtSize, 0);
    long kind = fo == 0 ? 0 : bb.getLong(inline(t, fo, tSize, 8, "kind"));
    fo = slotOffset(vt, vtSize, 1);
    int version = fo == 0 ? 0 : bb.getInt(inline(t, fo, tSize, 4, "version"));
    fo = slotOffset(vt, vtSize, 2);
    if (fo == 0) {
      return new Manifest(kind, version, -1, 0);
    }
    try {
      int v = deref(inline(t, fo, tSize, 4, "content"));
      int len = vectorLength(v, 1);
      return new Manifest(kind, version, base + v + 4, len);
    } catch (DecodeError e) {
      throw e.at("content");
    }
  }

  /** Position of the root table. */
  int rootTable() {
    if (limit < 8) {
      throw new DecodeError("buffer too short (" + limit + " bytes)");
    }
    return deref(0);
  }

  /** Decodes the table at {@code t} into a record of {@code d.type}. */
  Object table(int t, TableDescriptor d, int depth) {
    if (depth > MAX_DEPTH) {
      throw new DecodeError("tables nested deeper than " + MAX_DEPTH + " levels");
    }
    int vt = vtable(t);
    int vtSize = u16(vt);
    int tSize = u16(vt + 2);
    FieldDescriptor[] fields = d.fields;
    Object[] args = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      FieldDescriptor f = fields[i];
      try {
        args[i] = field(f, t, vt, vtSize, tSize, depth);
      } catch (DecodeError e) {
        throw e.at(f.name);
      }
    }
    try {
      return d.construct(args);
    } catch (DecodeError e) {
      throw e;
    } catch (Error e) {
      throw e;
    } catch (Throwable e) {
      throw new DecodeError("invalid " + d.type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  private Object field(FieldDescriptor f, int t, int vt, int vtSize, int tSize, int depth) {
    int fo = slotOffset(vt, vtSize, f.slot);
    if (f.kind == FieldKind.UNION) {
      int vo = slotOffset(vt, vtSize, f.slot + 1);
      int typeId = fo == 0 ? 0 : bb.get(inline(t, fo, tSize, 1, "union type")) & 0xff;
      if (typeId == 0 && vo == 0) {
        return absent(f);
      }
      UnionDescriptor u = f.union();
      if (typeId == 0) {
        throw new DecodeError(u.name() + " union has a value but type NONE");
      }
      if (vo == 0) {
        throw new DecodeError(u.name() + " union has type " + typeId + " but no value");
      }
      TableDescriptor member = u.member(typeId);
      if (member == null) {
        throw new DecodeError("unknown " + u.name() + " union type " + typeId);
      }
      return table(deref(inline(t, vo, tSize, 4, "union value")), member, depth + 1);
    }
    if (fo == 0) {
      return absent(f);
    }
    int p = inline(t, fo, tSize, f.kind.isScalar() ? f.width : f.kind.inlineSize, "field");
    switch (f.kind) {
      case BOOL:
        return bb.get(p) != 0;
      case SHORT:
        return bb.getShort(p);
      case INT:
        return bb.getInt(p);
      case LONG:
        return bb.getLong(p);
      case ENUM:
        return enumValue(f, p);
      case TIMESTAMP:
        return timestamp(p);
      case STRING:
        return string(deref(p));
      case DATASET_REF: {
        String s = string(deref(p));
        try {
          return DatasetRef.parse(s);
        } catch (IllegalArgumentException e) {
          throw new DecodeError("invalid dataset reference '" + s + "': " + e.getMessage(), e);
        }
      }
      case DATASET_ALIAS: {
        String s = string(deref(p));
        try {
          return DatasetAlias.parse(s);
        } catch (IllegalArgumentException e) {
          throw new DecodeError("invalid dataset alias '" + s + "': " + e.getMessage(), e);
        }
      }
      case MULTIHASH: {
        byte[] bytes = byteVector(deref(p));
        try {
          return Multihash.fromBytes(bytes);
        } catch (IllegalArgumentException e) {
          throw new DecodeError("invalid multihash " + hex(bytes) + ": " + e.getMessage(), e);
        }
      }
      case DATASET_ID: {
        byte[] bytes = byteVector(deref(p));
        try {
          return DatasetId.fromBytes(bytes);
        } catch (IllegalArgumentException e) {
          throw new DecodeError("invalid dataset id " + hex(bytes) + ": " + e.getMessage(), e);
        }
      }
      case BYTES: {
        int v = deref(p);
        int len = vectorLength(v, 1);
        return Bytes.of(array, base + v + 4, len);
      }
      case EXTRA:
        return extra(deref(p), depth + 1);
      case TABLE:
        return table(deref(p), f.table(), depth + 1);
      case STRING_LIST: {
        int v = deref(p);
        int len = vectorLength(v, 4);
        List<String> out = new ArrayList<>(len);
        for (int i = 0; i < len; i++) {
          try {
            out.add(string(deref(v + 4 + 4 * i)));
          } catch (DecodeError e) {
            throw e.at("[" + i + "]");
          }
        }
        return Collections.unmodifiableList(out);
      }
      case TABLE_LIST: {
        int v = deref(p);
        int len = vectorLength(v, 4);
        TableDescriptor element = f.table();
        List<Object> out = new ArrayList<>(len);
        for (int i = 0; i < len; i++) {
          try {
            out.add(table(deref(v + 4 + 4 * i), element, depth + 1));
          } catch (DecodeError e) {
            throw e.at("[" + i + "]");
          }
        }
        return Collections.unmodifiableList(out);
      }
      case UNION_LIST: {
        int v = deref(p);
        int len = vectorLength(v, 4);
        UnionDescriptor u = f.union();
        List<Object> out = new ArrayList<>(len);
        for (int i = 0; i < len; i++) {
          try {
            out.add(wrapped(deref(v + 4 + 4 * i), u, depth + 1));
          } catch (DecodeError e) {
            throw e.at("[" + i + "]");
          }
        }
        return Collections.unmodifiableList(out);
      }
      default:
        throw new IllegalStateException("unhandled kind " + f.kind);
    }
  }

  private Object absent(FieldDescriptor f) {
    if (f.nullable) {
      return null;
    }
    switch (f.kind) {
      case BOOL:
        return Boolean.FALSE;
      case SHORT:
        return (short) 0;
      case INT:
        return 0;
      case LONG:
        return 0L;
      case ENUM:
        return f.enumConstants[0];
      default:
        throw new DecodeError("missing required field");
    }
  }

  private Object enumValue(FieldDescriptor f, int p) {
    int v;
    switch (f.width) {
      case 1:
        v = bb.get(p) & 0xff;
        break;
      case 2:
        v = bb.getShort(p);
        break;
      default:
        v = bb.getInt(p);
    }
    if (v < 0 || v >= f.enumConstants.length) {
      throw new DecodeError("unknown " + f.target.getSimpleName() + " value " + v);
    }
    return f.enumConstants[v];
  }

  /** Wrapper table {value_type: ubyte, value: union} (PrepStepWrapper, MetadataEventWrapper). */
  private Object wrapped(int t, UnionDescriptor u, int depth) {
    if (depth > MAX_DEPTH) {
      throw new DecodeError("tables nested deeper than " + MAX_DEPTH + " levels");
    }
    int vt = vtable(t);
    int vtSize = u16(vt);
    int tSize = u16(vt + 2);
    int fo = slotOffset(vt, vtSize, 0);
    int vo = slotOffset(vt, vtSize, 1);
    int typeId = fo == 0 ? 0 : bb.get(inline(t, fo, tSize, 1, "union type")) & 0xff;
    if (typeId == 0 || vo == 0) {
      throw new DecodeError("missing " + u.name() + " in wrapper table");
    }
    TableDescriptor member = u.member(typeId);
    if (member == null) {
      throw new DecodeError("unknown " + u.name() + " union type " + typeId);
    }
    return table(deref(inline(t, vo, tSize, 4, "union value")), member, depth + 1);
  }

  private ExtraAttributes extra(int t, int depth) {
    if (depth > MAX_DEPTH) {
      throw new DecodeError("tables nested deeper than " + MAX_DEPTH + " levels");
    }
    int vt = vtable(t);
    int vtSize = u16(vt);
    int tSize = u16(vt + 2);
    int fo = slotOffset(vt, vtSize, 0);
    if (fo == 0) {
      throw new DecodeError("missing required field").at("entries");
    }
    String json = string(deref(inline(t, fo, tSize, 4, "entries")));
    try {
      return ExtraAttributes.parseJson(json);
    } catch (IllegalArgumentException e) {
      throw new DecodeError(e.getMessage(), e).at("entries");
    }
  }

  private Instant timestamp(int p) {
    int year = bb.getInt(p);
    int ordinal = bb.getShort(p + 4) & 0xffff;
    long seconds = bb.getInt(p + 8) & 0xffffffffL;
    long nanos = bb.getInt(p + 12) & 0xffffffffL;
    if (seconds >= 86_400 || nanos >= 1_000_000_000) {
      throw new DecodeError("invalid timestamp: year " + year + ", ordinal " + ordinal + ", seconds "
          + seconds + ", nanoseconds " + nanos);
    }
    try {
      long epochDay = LocalDate.ofYearDay(year, ordinal).toEpochDay();
      return Instant.ofEpochSecond(Math.addExact(Math.multiplyExact(epochDay, 86_400L), seconds), nanos);
    } catch (DateTimeException | ArithmeticException e) {
      throw new DecodeError("invalid timestamp: year " + year + ", ordinal " + ordinal + ": " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Bounds-checked primitives. Positions are relative to the buffer start.

  private int vtable(int t) {
    if (t < 0 || t > limit - 4) {
      throw new DecodeError("table offset " + t + " is out of bounds (buffer size " + limit + ")");
    }
    long vt = (long) t - bb.getInt(t);
    if (vt < 0 || vt > limit - 4) {
      throw new DecodeError("vtable offset " + vt + " of table at " + t + " is out of bounds (buffer size "
          + limit + ")");
    }
    int vtSize = u16((int) vt);
    int tSize = u16((int) vt + 2);
    if (vtSize < 4 || (vtSize & 1) != 0 || vt + vtSize > limit) {
      throw new DecodeError("invalid vtable size " + vtSize + " at " + vt);
    }
    if (tSize < 4 || (long) t + tSize > limit) {
      throw new DecodeError("invalid table size " + tSize + " of table at " + t + " (buffer size " + limit + ")");
    }
    return (int) vt;
  }

  private int slotOffset(int vt, int vtSize, int slot) {
    int entry = 4 + 2 * slot;
    return entry + 2 <= vtSize ? u16(vt + entry) : 0;
  }

  /** Position of an inline field, checked to lie within the table's inline data. */
  private int inline(int t, int fo, int tSize, int width, String what) {
    if (fo < 4 || fo + width > tSize) {
      throw new DecodeError(what + " at table offset " + fo + " (" + width + " bytes) exceeds table size " + tSize);
    }
    return t + fo;
  }

  /** Follows the uoffset stored at {@code p}. */
  private int deref(int p) {
    if (p < 0 || p > limit - 4) {
      throw new DecodeError("offset position " + p + " is out of bounds (buffer size " + limit + ")");
    }
    long target = p + (bb.getInt(p) & 0xffffffffL);
    if (target > limit - 4) {
      throw new DecodeError("offset " + target + " at " + p + " is out of bounds (buffer size " + limit + ")");
    }
    return (int) target;
  }

  private int vectorLength(int v, int elementSize) {
    long len = bb.getInt(v) & 0xffffffffL;
    if (v + 4 + len * elementSize > limit) {
      throw new DecodeError("vector of " + len + " elements at " + v + " exceeds the buffer (size " + limit + ")");
    }
    return (int) len;
  }

  private byte[] byteVector(int v) {
    int len = vectorLength(v, 1);
    byte[] out = new byte[len];
    System.arraycopy(array, base + v + 4, out, 0, len);
    return out;
  }

  private String string(int v) {
    int len = vectorLength(v, 1);
    int start = base + v + 4;
    boolean ascii = true;
    for (int i = start, end = start + len; i < end; i++) {
      if (array[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(array, start, len, StandardCharsets.ISO_8859_1);
    }
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(array, start, len));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw new DecodeError("string at " + v + " is not valid UTF-8", e);
    }
  }

  private int u16(int p) {
    return bb.getShort(p) & 0xffff;
  }

  private static String hex(byte[] bytes) {
    int n = Math.min(bytes.length, 40);
    StringBuilder sb = new StringBuilder(n * 2 + 16);
    for (int i = 0; i < n; i++) {
      byte b = bytes[i];
      sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return n < bytes.length ? sb.append("… (").append(bytes.length).append(" bytes)").toString() : sb.toString();
  }
}
