package org.odfbeam.pipelines.ingest;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.pipelines.ingest.Types.Kind;

/**
 * Turns text (CSV fields, JSON strings) and values of one Beam type into values of another, the way the readers
 * document it. Failures are {@link ValueException}s whose message is the reason; readers add file, place and column.
 */
final class Values {
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
  private static final Pattern FLOAT =
      Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|(?i:[+-]?(?:nan|inf|infinity))");
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");

  private Values() {}

  /** A value could not be converted; the message is the reason. */
  static final class ValueException extends Exception {
    private static final long serialVersionUID = 1L;

    ValueException(String reason) {
      super(reason, null, false, false);
    }
  }

  /** True if text can be parsed into {@code type} (scalars only). */
  static boolean parsable(FieldType type) {
    Kind k = Types.kind(type);
    return k != Kind.ARRAY && k != Kind.ROW && k != Kind.OTHER;
  }

  /** Parses non-null text into a value of {@code type}. */
  static Object parse(String text, FieldType type, TimeFormat dateFormat, TimeFormat timestampFormat)
      throws ValueException {
    Kind k = Types.kind(type);
    switch (k) {
      case STRING:
        return text;
      case BOOLEAN:
        if (text.equalsIgnoreCase("true")) {
          return Boolean.TRUE;
        } else if (text.equalsIgnoreCase("false")) {
          return Boolean.FALSE;
        }
        throw cannotParse(text, type, "expected true or false");
      case BYTE:
      case INT16:
      case INT32:
      case INT64:
        if (!INTEGER.matcher(text).matches()) {
          throw cannotParse(text, type, null);
        }
        return integer(new BigInteger(text), k, type, text);
      case FLOAT:
      case DOUBLE: {
        if (!FLOAT.matcher(text).matches()) {
          throw cannotParse(text, type, null);
        }
        String t = text.replaceAll("(?i)infinity|inf", "Infinity").replaceAll("(?i)nan", "NaN")
            .replace("+NaN", "NaN").replace("-NaN", "NaN");
        double d = Double.parseDouble(t);
        return k == Kind.FLOAT ? (Object) (float) d : (Object) d;
      }
      case DECIMAL:
        if (!DECIMAL.matcher(text).matches()) {
          throw cannotParse(text, type, null);
        }
        return decimal(new BigDecimal(text), type, text);
      case DATE:
        try {
          return dateFormat.parseDate(text);
        } catch (DateTimeException e) {
          throw cannotParse(text, type, formatReason(dateFormat, e));
        }
      case DATETIME:
      case MICROS:
      case NANOS:
        try {
          return instant(timestampFormat.parseInstant(text), k);
        } catch (DateTimeException e) {
          throw cannotParse(text, type, formatReason(timestampFormat, e));
        }
      case TIME:
        try {
          return LocalTime.parse(text);
        } catch (DateTimeException e) {
          throw cannotParse(text, type, "expected HH:MM:SS[.fff]");
        }
      case BYTES:
        return text.getBytes(StandardCharsets.UTF_8);
      case FIXED_BYTES: {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        if (b.length != Types.fixedLength(type)) {
          throw new ValueException("'" + text + "' has " + b.length + " bytes, but " + Types.describe(type)
              + " needs " + Types.fixedLength(type));
        }
        return b;
      }
      default:
        throw new ValueException("cannot parse text into " + Types.describe(type));
    }
  }

  /** A java.time.Instant as the value of an instant kind (DATETIME: Joda, millisecond floor). */
  static Object instant(Instant i, Kind k) throws ValueException {
    if (k == Kind.DATETIME) {
      try {
        return new org.joda.time.Instant(i.toEpochMilli());
      } catch (ArithmeticException e) {
        throw new ValueException(i + " is out of the range of millisecond timestamps");
      }
    }
    return i;
  }

  /** True if a value of {@code from} can be converted to {@code to} (checked when the read is planned). */
  static boolean convertible(FieldType from, FieldType to) {
    if (Types.sameIgnoringNullability(from, to)) {
      return true;
    }
    Kind f = Types.kind(from);
    Kind t = Types.kind(to);
    if (f == Kind.OTHER || t == Kind.OTHER) {
      return false;
    }
    if (f == Kind.ARRAY || t == Kind.ARRAY) {
      return f == t && convertible(from.getCollectionElementType(), to.getCollectionElementType());
    }
    if (f == Kind.ROW || t == Kind.ROW) {
      if (f != t) {
        return false;
      }
      for (Schema.Field field : to.getRowSchema().getFields()) {
        Schema fs = from.getRowSchema();
        if (fs.hasField(field.getName())
            ? !convertible(fs.getField(field.getName()).getType(), field.getType())
            : !field.getType().getNullable()) {
          return false;
        }
      }
      return true;
    }
    if (t == Kind.STRING || f == Kind.STRING) {
      return true;
    }
    if (Types.isNumeric(f) && Types.isNumeric(t)) {
      return true;
    }
    boolean fTime = Types.isTemporalInstant(f) || f == Kind.DATE;
    boolean tTime = Types.isTemporalInstant(t) || t == Kind.DATE;
    if (fTime && tTime) {
      return true;
    }
    return (f == Kind.BYTES || f == Kind.FIXED_BYTES) && (t == Kind.BYTES || t == Kind.FIXED_BYTES);
  }

  /** Converts a non-null value of {@code from} into {@code to}; {@link #convertible} must hold. */
  static Object convert(Object v, FieldType from, FieldType to, TimeFormat dateFormat, TimeFormat timestampFormat)
      throws ValueException {
    if (Types.sameIgnoringNullability(from, to)) {
      return v;
    }
    Kind f = Types.kind(from);
    Kind t = Types.kind(to);
    if (f == Kind.STRING) {
      return parse((String) v, to, dateFormat, timestampFormat);
    }
    if (t == Kind.STRING) {
      return format(v, f);
    }
    if (f == Kind.ARRAY) {
      List<Object> out = new ArrayList<>();
      FieldType fi = from.getCollectionElementType();
      FieldType ti = to.getCollectionElementType();
      for (Object item : (Iterable<?>) v) {
        if (item == null) {
          if (!ti.getNullable()) {
            throw new ValueException("a list item is null, but " + Types.describe(ti) + " items are required");
          }
          out.add(null);
        } else {
          out.add(convert(item, fi, ti, dateFormat, timestampFormat));
        }
      }
      return out;
    }
    if (f == Kind.ROW) {
      Row row = (Row) v;
      Schema ts = to.getRowSchema();
      List<Object> values = new ArrayList<>(ts.getFieldCount());
      for (Schema.Field field : ts.getFields()) {
        Object x = row.getSchema().hasField(field.getName()) ? row.getValue(field.getName()) : null;
        if (x == null) {
          if (!field.getType().getNullable()) {
            throw new ValueException("field '" + field.getName() + "' is null, but it is required");
          }
          values.add(null);
        } else {
          values.add(convert(x, row.getSchema().getField(field.getName()).getType(), field.getType(), dateFormat,
              timestampFormat));
        }
      }
      return Row.withSchema(ts).attachValues(values);
    }
    if (Types.isNumeric(f) && Types.isNumeric(t)) {
      return number(v, f, to);
    }
    if ((Types.isTemporalInstant(f) || f == Kind.DATE) && (Types.isTemporalInstant(t) || t == Kind.DATE)) {
      Instant i = f == Kind.DATE ? ((LocalDate) v).atStartOfDay(ZoneOffset.UTC).toInstant() : toInstant(v);
      return t == Kind.DATE ? LocalDate.ofInstant(i, ZoneOffset.UTC) : instant(i, t);
    }
    if ((f == Kind.BYTES || f == Kind.FIXED_BYTES) && (t == Kind.BYTES || t == Kind.FIXED_BYTES)) {
      byte[] b = (byte[]) v;
      if (t == Kind.FIXED_BYTES && b.length != Types.fixedLength(to)) {
        throw new ValueException("a value of " + b.length + " bytes does not fit " + Types.describe(to));
      }
      return b;
    }
    throw new ValueException("cannot convert " + Types.describe(from) + " to " + Types.describe(to));
  }

  static Instant toInstant(Object v) {
    return v instanceof org.joda.time.Instant j ? Instant.ofEpochMilli(j.getMillis()) : (Instant) v;
  }

  /** The text form of a scalar value, as a string column receives it. */
  static String format(Object v, Kind kind) {
    return switch (kind) {
      case DECIMAL -> ((BigDecimal) v).toPlainString();
      case DATETIME, MICROS, NANOS -> DateTimeFormatter.ISO_INSTANT.format(toInstant(v));
      case BYTES, FIXED_BYTES -> new String((byte[]) v, StandardCharsets.UTF_8);
      default -> String.valueOf(v);
    };
  }

  private static Object number(Object v, Kind f, FieldType to) throws ValueException {
    Kind t = Types.kind(to);
    if (t == Kind.FLOAT || t == Kind.DOUBLE) {
      double d = ((Number) v).doubleValue();
      return t == Kind.FLOAT ? (Object) (float) d : (Object) d;
    }
    BigDecimal d;
    if (v instanceof BigDecimal b) {
      d = b;
    } else if (f == Kind.FLOAT || f == Kind.DOUBLE) {
      double x = ((Number) v).doubleValue();
      if (Double.isNaN(x) || Double.isInfinite(x)) {
        throw new ValueException(x + " does not fit " + Types.describe(to));
      }
      d = BigDecimal.valueOf(x);
    } else {
      d = BigDecimal.valueOf(((Number) v).longValue());
    }
    if (t == Kind.DECIMAL) {
      return decimal(d, to, d.toPlainString());
    }
    try {
      return integer(d.toBigIntegerExact(), t, to, d.toPlainString());
    } catch (ArithmeticException e) {
      throw new ValueException(d.toPlainString() + " is not an integer, as " + Types.describe(to) + " needs");
    }
  }

  /** An integer of the given kind, range-checked. */
  static Object integer(BigInteger n, Kind k, FieldType type, String text) throws ValueException {
    int bits = switch (k) {
      case BYTE -> 8;
      case INT16 -> 16;
      case INT32 -> 32;
      default -> 64;
    };
    if (n.bitLength() > bits - 1) {
      throw new ValueException("'" + text + "' is out of the range of " + Types.describe(type));
    }
    long l = n.longValue();
    return switch (k) {
      case BYTE -> (byte) l;
      case INT16 -> (short) l;
      case INT32 -> (int) l;
      default -> l;
    };
  }

  /** A decimal of the type's precision and scale; more fraction digits than the scale are an error. */
  static BigDecimal decimal(BigDecimal d, FieldType type, String text) throws ValueException {
    int precision = Types.precision(type);
    int scale = Types.scale(type);
    if (precision < 0) {
      return d;
    }
    BigDecimal scaled;
    try {
      scaled = d.setScale(scale, RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new ValueException("'" + text + "' has more than " + scale + " digits after the point, as "
          + Types.describe(type) + " allows");
    }
    if (scaled.precision() > precision && scaled.unscaledValue().signum() != 0) {
      throw new ValueException("'" + text + "' has more than " + precision + " digits, as "
          + Types.describe(type) + " allows");
    }
    return scaled;
  }

  private static String formatReason(TimeFormat format, DateTimeException e) {
    return format.isRfc3339() ? "expected RFC 3339, e.g. 2022-09-25 or 2022-09-25T01:02:03Z"
        : "does not match the format '" + format + "' (" + e.getMessage() + ")";
  }

  static ValueException cannotParse(String text, FieldType type, String reason) {
    return new ValueException("cannot parse '" + text + "' as " + Types.describe(type)
        + (reason == null ? "" : ": " + reason));
  }
}
