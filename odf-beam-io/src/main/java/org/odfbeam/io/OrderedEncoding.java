package org.odfbeam.io;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;

/**
 * An order-preserving byte encoding of some columns of a record, for {@link OdfWrite#withOrderBy}: the unsigned
 * lexicographic order of the encodings is the order of the values, column by column, ascending, nulls first, the
 * order kamu-cli's merge strategies give their output (Arrow's: integers and times numerically, strings and bytes
 * by their bytes, floating point by IEEE total order). Each column's encoding is prefix-free, so the encoding of
 * several columns compares like the tuple of their values.
 *
 * <ul>
 *   <li>Every value starts with {@code 0x00} for null (and nothing follows) or {@code 0x01}.
 *   <li>Integers, DATETIME (epoch millis) and DATE (epoch day): big-endian with the sign bit flipped.
 *   <li>BOOLEAN: one byte, false before true.
 *   <li>STRING (UTF-8) and BYTES: each {@code 0x00} written as {@code 0x00 0xFF}, then the terminator
 *       {@code 0x00 0x00}.
 *   <li>FLOAT, DOUBLE: the IEEE bits with the sign bit flipped for positive values and all bits flipped for
 *       negative ones (total order: -0.0 before 0.0, NaN last).
 *   <li>DECIMAL: sign class (negative, zero, positive), then for non-zero values the decimal exponent and the
 *       significant digits (terminated), bitwise inverted for negative values.
 * </ul>
 */
final class OrderedEncoding {
  private OrderedEncoding() {}

  /**
   * Checks that {@code schema} has every column of {@code columns}, each of an orderable type.
   *
   * @throws IllegalArgumentException naming the dataset, the column and its type
   */
  static void check(Schema schema, List<String> columns, String dataset) {
    for (String column : columns) {
      if (!schema.hasField(column)) {
        throw new IllegalArgumentException("Cannot write to " + dataset + ": the offsets are to be ordered by column '"
            + column + "' (withOrderColumn/withOrderBy), but the input's columns are " + schema.getFieldNames());
      }
      FieldType type = schema.getField(column).getType();
      if (!orderable(type)) {
        throw new IllegalArgumentException("Cannot write to " + dataset + ": the offsets cannot be ordered by column '"
            + column + "' of type " + type + "; order by integers, strings, bytes, booleans, floating point,"
            + " decimals, DATETIME or DATE columns");
      }
    }
  }

  private static boolean orderable(FieldType type) {
    switch (type.getTypeName()) {
      case BYTE, INT16, INT32, INT64, BOOLEAN, STRING, BYTES, DATETIME, FLOAT, DOUBLE, DECIMAL:
        return true;
      case LOGICAL_TYPE:
        return SqlTypes.DATE.getIdentifier().equals(type.getLogicalType().getIdentifier());
      default:
        return false;
    }
  }

  /** The encoding of {@code columns} of {@code row} (checked with {@link #check}). */
  static byte[] encode(Row row, List<String> columns) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(32);
    Schema schema = row.getSchema();
    for (String column : columns) {
      int i = schema.indexOf(column);
      Object value = row.getValue(i);
      if (value == null) {
        out.write(0);
        continue;
      }
      out.write(1);
      FieldType type = schema.getField(i).getType();
      switch (type.getTypeName()) {
        case BYTE -> writeLong(out, (Byte) value);
        case INT16 -> writeLong(out, (Short) value);
        case INT32 -> writeLong(out, (Integer) value);
        case INT64 -> writeLong(out, (Long) value);
        case BOOLEAN -> out.write((Boolean) value ? 1 : 0);
        case STRING -> writeTerminated(out, ((String) value).getBytes(StandardCharsets.UTF_8), false);
        case BYTES -> writeTerminated(out, (byte[]) value, false);
        case DATETIME -> writeLong(out, ((ReadableInstant) value).getMillis());
        case FLOAT -> writeDoubleBits(out, (Float) value);
        case DOUBLE -> writeDoubleBits(out, (Double) value);
        case DECIMAL -> writeDecimal(out, (BigDecimal) value);
        case LOGICAL_TYPE -> writeLong(out, ((LocalDate) value).toEpochDay());
        default -> throw new IllegalStateException("unorderable type " + type + " of column " + column);
      }
    }
    return out.toByteArray();
  }

  private static void writeLong(ByteArrayOutputStream out, long v) {
    long biased = v ^ Long.MIN_VALUE;
    for (int i = 0; i < Long.BYTES; i++) {
      out.write((int) (biased >>> (56 - 8 * i)));
    }
  }

  private static void writeDoubleBits(ByteArrayOutputStream out, double v) {
    long bits = Double.doubleToLongBits(v);
    bits = bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
    for (int i = 0; i < Long.BYTES; i++) {
      out.write((int) (bits >>> (56 - 8 * i)));
    }
  }

  /** Escapes {@code 0x00} as {@code 0x00 0xFF} and terminates with {@code 0x00 0x00}; all bits inverted if asked. */
  private static void writeTerminated(ByteArrayOutputStream out, byte[] bytes, boolean invert) {
    int mask = invert ? 0xFF : 0;
    for (byte b : bytes) {
      out.write((b & 0xFF) ^ mask);
      if (b == 0) {
        out.write(0xFF ^ mask);
      }
    }
    out.write(mask);
    out.write(mask);
  }

  private static void writeDecimal(ByteArrayOutputStream out, BigDecimal value) {
    int sign = value.signum();
    if (sign == 0) {
      out.write(1);
      return;
    }
    BigDecimal abs = value.abs().stripTrailingZeros();
    // abs = 0.d1d2d3... x 10^exponent with d1 != 0: compare exponents first, then the digits.
    long exponent = (long) abs.precision() - abs.scale();
    byte[] digits = abs.unscaledValue().toString().getBytes(StandardCharsets.US_ASCII);
    boolean negative = sign < 0;
    out.write(negative ? 0 : 2);
    long biased = (negative ? -exponent : exponent) ^ Long.MIN_VALUE;
    for (int i = 0; i < Long.BYTES; i++) {
      out.write((int) (biased >>> (56 - 8 * i)));
    }
    writeTerminated(out, digits, negative);
  }
}
