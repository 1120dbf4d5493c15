package org.odfbeam.transforms.changelog;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.Date;
import org.apache.beam.sdk.schemas.logicaltypes.FixedBytes;
import org.apache.beam.sdk.schemas.logicaltypes.MicrosInstant;
import org.apache.beam.sdk.schemas.logicaltypes.NanosInstant;
import org.apache.beam.sdk.schemas.logicaltypes.Time;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;
import org.odfbeam.core.model.Nullable;

/**
 * An order-preserving, prefix-free byte encoding of column values: comparing two encodings as unsigned bytes
 * ({@link #compare}) orders them like the values, column by column, nulls first. Because every encoded value is
 * prefix-free, the concatenation of several values orders like the tuple, and a suffix may be appended (as the
 * merge strategies append a position) without changing the order of distinct prefixes. Equal values always encode
 * to equal bytes, so an encoding is also a key for grouping.
 *
 * <h2>Format</h2>
 * Each value: one byte {@code 0x00} for null, else {@code 0x01} followed by
 * <ul>
 *   <li>BYTE, INT16, INT32, INT64: big-endian two's complement of the type's width with the sign bit flipped;
 *   <li>BOOLEAN: {@code 0x00} or {@code 0x01};
 *   <li>FLOAT, DOUBLE: the IEEE bits, sign bit flipped for positive values and all bits for negative ones (the
 *       IEEE total order: -NaN &lt; -&infin; &lt; &hellip; &lt; -0.0 &lt; 0.0 &lt; &hellip; &lt; NaN);
 *   <li>DATETIME: epoch milliseconds as INT64; Date: epoch day as INT64; Time: nano of day as INT64;
 *       MicrosInstant, NanosInstant: epoch second as INT64, then nano of second as INT32;
 *   <li>STRING (as UTF-8, whose byte order is code point order), BYTES, FixedBytes: the bytes with every
 *       {@code 0x00} written as {@code 0x00 0xFF}, terminated by {@code 0x00 0x01}.
 * </ul>
 * This is the order DataFusion sorts these types in (strings by bytes, integers signed, floats by total order),
 * which is what kamu-cli's merge strategies sort by. Other types (DECIMAL, ARRAY, ROW, MAP, other logical types)
 * are rejected by {@link #checkOrderable}.
 */
public final class OrderedBytes {
  private OrderedBytes() {}

  /**
   * Checks that values of {@code type} can be encoded.
   *
   * @throws IllegalArgumentException "Cannot {action}: column '{column}' of type {type} cannot be ordered ..."
   */
  public static void checkOrderable(FieldType type, String column, String action) {
    if (kind(type) == null) {
      throw new IllegalArgumentException("Cannot " + action + ": column '" + column + "' has type " + describe(type)
          + ", which cannot be ordered; supported are integers, BOOLEAN, FLOAT, DOUBLE, STRING, BYTES, DATETIME,"
          + " Date, Time, MicrosInstant, NanosInstant and FixedBytes");
    }
  }

  /** The encoding of the values of {@code columns} of {@code row}, in that order. */
  public static byte[] encode(Row row, List<String> columns) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * columns.size());
    Schema schema = row.getSchema();
    for (String column : columns) {
      encodeValue(out, schema.getField(column).getType(), row.getValue(column));
    }
    return out.toByteArray();
  }

  /** The encoding of one value of {@code type} (checked with {@link #checkOrderable}). */
  public static byte[] encode(FieldType type, @Nullable Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16);
    encodeValue(out, type, value);
    return out.toByteArray();
  }

  /** Compares two encodings as unsigned bytes: the order of the encoded values. */
  public static int compare(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b);
  }

  /** {@code prefix} followed by {@code position} as four big-endian bytes (a non-negative position). */
  public static byte[] withPosition(byte[] prefix, int position) {
    if (position < 0) {
      throw new IllegalArgumentException("position must be >= 0, but was " + position);
    }
    byte[] out = Arrays.copyOf(prefix, prefix.length + Integer.BYTES);
    for (int i = 0; i < Integer.BYTES; i++) {
      out[prefix.length + i] = (byte) (position >>> (24 - 8 * i));
    }
    return out;
  }

  private enum Kind { INT8, INT16, INT32, INT64, BOOLEAN, FLOAT, DOUBLE, STRING, BYTES, DATETIME, DATE, TIME, INSTANT }

  private static @Nullable Kind kind(FieldType type) {
    switch (type.getTypeName()) {
      case BYTE: return Kind.INT8;
      case INT16: return Kind.INT16;
      case INT32: return Kind.INT32;
      case INT64: return Kind.INT64;
      case BOOLEAN: return Kind.BOOLEAN;
      case FLOAT: return Kind.FLOAT;
      case DOUBLE: return Kind.DOUBLE;
      case STRING: return Kind.STRING;
      case BYTES: return Kind.BYTES;
      case DATETIME: return Kind.DATETIME;
      case LOGICAL_TYPE: {
        String id = type.getLogicalType().getIdentifier();
        if (Date.IDENTIFIER.equals(id)) {
          return Kind.DATE;
        } else if (Time.IDENTIFIER.equals(id)) {
          return Kind.TIME;
        } else if (MicrosInstant.IDENTIFIER.equals(id) || NanosInstant.IDENTIFIER.equals(id)) {
          return Kind.INSTANT;
        } else if (FixedBytes.IDENTIFIER.equals(id)) {
          return Kind.BYTES;
        }
        return null;
      }
      default:
        return null;
    }
  }

  private static void encodeValue(ByteArrayOutputStream out, FieldType type, @Nullable Object value) {
    if (value == null) {
      out.write(0x00);
      return;
    }
    out.write(0x01);
    Kind kind = kind(type);
    if (kind == null) {
      throw new IllegalArgumentException("Cannot order values of type " + describe(type));
    }
    switch (kind) {
      case INT8 -> out.write(((Number) value).byteValue() ^ 0x80);
      case INT16 -> writeBigEndian(out, ((Number) value).shortValue() ^ 0x8000, 2);
      case INT32 -> writeBigEndian(out, ((Number) value).intValue() ^ Integer.MIN_VALUE, 4);
      case INT64 -> writeBigEndian(out, ((Number) value).longValue() ^ Long.MIN_VALUE, 8);
      case BOOLEAN -> out.write((Boolean) value ? 1 : 0);
      case FLOAT -> {
        int bits = Float.floatToRawIntBits((Float) value);
        writeBigEndian(out, bits < 0 ? ~bits : bits ^ Integer.MIN_VALUE, 4);
      }
      case DOUBLE -> {
        long bits = Double.doubleToRawLongBits((Double) value);
        writeBigEndian(out, bits < 0 ? ~bits : bits ^ Long.MIN_VALUE, 8);
      }
      case STRING -> writeEscaped(out, ((String) value).getBytes(StandardCharsets.UTF_8));
      case BYTES -> writeEscaped(out, (byte[]) value);
      case DATETIME -> writeBigEndian(out, ((ReadableInstant) value).getMillis() ^ Long.MIN_VALUE, 8);
      case DATE -> writeBigEndian(out, ((LocalDate) value).toEpochDay() ^ Long.MIN_VALUE, 8);
      case TIME -> writeBigEndian(out, ((LocalTime) value).toNanoOfDay() ^ Long.MIN_VALUE, 8);
      case INSTANT -> {
        java.time.Instant t = (java.time.Instant) value;
        writeBigEndian(out, t.getEpochSecond() ^ Long.MIN_VALUE, 8);
        writeBigEndian(out, t.getNano(), 4);
      }
      default -> throw new IllegalStateException(kind.toString());
    }
  }

  private static void writeBigEndian(ByteArrayOutputStream out, long value, int bytes) {
    for (int i = bytes - 1; i >= 0; i--) {
      out.write((int) (value >>> (8 * i)) & 0xff);
    }
  }

  private static void writeEscaped(ByteArrayOutputStream out, byte[] bytes) {
    for (byte b : bytes) {
      out.write(b);
      if (b == 0) {
        out.write(0xff);
      }
    }
    out.write(0x00);
    out.write(0x01);
  }

  static String describe(FieldType type) {
    return type.getTypeName() == Schema.TypeName.LOGICAL_TYPE
        ? "logical type " + type.getLogicalType().getIdentifier() : type.getTypeName().toString();
  }
}
