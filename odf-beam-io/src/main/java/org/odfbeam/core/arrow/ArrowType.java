package org.odfbeam.core.arrow;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.model.TimeUnit;

/**
 * An Arrow data type, as arrow-rs derives it from a Parquet file or decodes it from a raw Arrow schema: every type
 * arrow-digest can hash has a record; the rest are {@link Unsupported}.
 *
 * <p>Time units reuse {@link TimeUnit} (SECOND 0, MILLISECOND 1, MICROSECOND 2, NANOSECOND 3 = Arrow's ordinals).
 * {@code toString()} reads like arrow-rs' Display, e.g. {@code Int64}, {@code UInt32}, {@code Utf8},
 * {@code Timestamp(Millisecond, "UTC")}, {@code Decimal128(38, 10)}, {@code List(Int32)}.
 */
public sealed interface ArrowType
    permits ArrowType.Int, ArrowType.FloatingPoint, ArrowType.Utf8, ArrowType.Binary,
        ArrowType.FixedSizeBinary, ArrowType.Bool, ArrowType.Decimal, ArrowType.Date, ArrowType.Time,
        ArrowType.Timestamp, ArrowType.ListType, ArrowType.Struct, ArrowType.Unsupported {

  /** Integer of 8, 16, 32 or 64 bits, signed or unsigned. */
  record Int(int bitWidth, boolean signed) implements ArrowType {
    /** Checks the bit width. */
    public Int {
      if (bitWidth != 8 && bitWidth != 16 && bitWidth != 32 && bitWidth != 64) {
        throw new IllegalArgumentException("Int.bitWidth must be 8, 16, 32 or 64, but was " + bitWidth);
      }
    }

    @Override
    public String toString() {
      return (signed ? "Int" : "UInt") + bitWidth;
    }
  }

  /** IEEE float of 16 (half), 32 or 64 bits. */
  record FloatingPoint(int bitWidth) implements ArrowType {
    /** Checks the bit width. */
    public FloatingPoint {
      if (bitWidth != 16 && bitWidth != 32 && bitWidth != 64) {
        throw new IllegalArgumentException("FloatingPoint.bitWidth must be 16, 32 or 64, but was " + bitWidth);
      }
    }

    @Override
    public String toString() {
      return "Float" + bitWidth;
    }
  }

  /** UTF-8 string: Utf8 (i32 offsets), LargeUtf8 (i64 offsets) or Utf8View; all hash alike. */
  record Utf8(Kind kind) implements ArrowType {
    /** The physical variant. */
    public enum Kind { UTF8, LARGE_UTF8, UTF8_VIEW }

    /** Checks the kind. */
    public Utf8 {
      Objects.requireNonNull(kind, "Utf8.kind is required");
    }

    @Override
    public String toString() {
      return switch (kind) {
        case UTF8 -> "Utf8";
        case LARGE_UTF8 -> "LargeUtf8";
        case UTF8_VIEW -> "Utf8View";
      };
    }
  }

  /** Variable-length binary: Binary, LargeBinary or BinaryView; all hash alike. */
  record Binary(Kind kind) implements ArrowType {
    /** The physical variant. */
    public enum Kind { BINARY, LARGE_BINARY, BINARY_VIEW }

    /** Checks the kind. */
    public Binary {
      Objects.requireNonNull(kind, "Binary.kind is required");
    }

    @Override
    public String toString() {
      return switch (kind) {
        case BINARY -> "Binary";
        case LARGE_BINARY -> "LargeBinary";
        case BINARY_VIEW -> "BinaryView";
      };
    }
  }

  /** Fixed-size binary of {@code byteWidth} bytes per value. */
  record FixedSizeBinary(int byteWidth) implements ArrowType {
    /** Checks the width. */
    public FixedSizeBinary {
      if (byteWidth < 0) {
        throw new IllegalArgumentException("FixedSizeBinary.byteWidth must be >= 0, but was " + byteWidth);
      }
    }

    @Override
    public String toString() {
      return "FixedSizeBinary(" + byteWidth + ")";
    }
  }

  /** Boolean. */
  record Bool() implements ArrowType {
    @Override
    public String toString() {
      return "Boolean";
    }
  }

  /** Decimal of 32, 64, 128 or 256 bits (little-endian two's complement unscaled value). */
  record Decimal(int bitWidth, int precision, int scale) implements ArrowType {
    /** Checks the bit width. */
    public Decimal {
      if (bitWidth != 32 && bitWidth != 64 && bitWidth != 128 && bitWidth != 256) {
        throw new IllegalArgumentException("Decimal.bitWidth must be 32, 64, 128 or 256, but was " + bitWidth);
      }
    }

    @Override
    public String toString() {
      return "Decimal" + bitWidth + "(" + precision + ", " + scale + ")";
    }
  }

  /** Date32 (days, {@link Unit#DAY}) or Date64 (milliseconds, {@link Unit#MILLISECOND}). */
  record Date(Unit unit) implements ArrowType {
    /** Arrow's DateUnit: DAY 0 = Date32, MILLISECOND 1 = Date64. */
    public enum Unit { DAY, MILLISECOND }

    /** Checks the unit. */
    public Date {
      Objects.requireNonNull(unit, "Date.unit is required");
    }

    /** 32 for Date32, 64 for Date64. */
    public int bitWidth() {
      return unit == Unit.DAY ? 32 : 64;
    }

    @Override
    public String toString() {
      return "Date" + bitWidth();
    }
  }

  /** Time of day: Time32 (s, ms) or Time64 (us, ns). */
  record Time(TimeUnit unit, int bitWidth) implements ArrowType {
    /** Checks unit and bit width. */
    public Time {
      Objects.requireNonNull(unit, "Time.unit is required");
      if (bitWidth != 32 && bitWidth != 64) {
        throw new IllegalArgumentException("Time.bitWidth must be 32 or 64, but was " + bitWidth);
      }
    }

    @Override
    public String toString() {
      return "Time" + bitWidth + "(" + unitName(unit) + ")";
    }
  }

  /** 64-bit timestamp with a unit and an optional time zone ({@code null} = none; "UTC" != "+00:00"). */
  record Timestamp(TimeUnit unit, @Nullable String timezone) implements ArrowType {
    /** Checks the unit. */
    public Timestamp {
      Objects.requireNonNull(unit, "Timestamp.unit is required");
    }

    @Override
    public String toString() {
      return "Timestamp(" + unitName(unit) + (timezone == null ? "" : ", \"" + timezone + "\"") + ")";
    }
  }

  /** List, LargeList or FixedSizeList ({@code fixedSize} is only meaningful for FIXED_SIZE_LIST, else 0). */
  record ListType(ArrowField item, Kind kind, int fixedSize) implements ArrowType {
    /** The physical variant. */
    public enum Kind { LIST, LARGE_LIST, FIXED_SIZE_LIST }

    /** Checks item and kind. */
    public ListType {
      Objects.requireNonNull(item, "ListType.item is required");
      Objects.requireNonNull(kind, "ListType.kind is required");
      if (fixedSize < 0) {
        throw new IllegalArgumentException("ListType.fixedSize must be >= 0, but was " + fixedSize);
      }
    }

    @Override
    public String toString() {
      return switch (kind) {
        case LIST -> "List(" + item.type() + ")";
        case LARGE_LIST -> "LargeList(" + item.type() + ")";
        case FIXED_SIZE_LIST -> "FixedSizeList(" + item.type() + ", " + fixedSize + ")";
      };
    }
  }

  /** Struct with named child fields. */
  record Struct(List<ArrowField> fields) implements ArrowType {
    /** Copies the fields. */
    public Struct {
      fields = List.copyOf(Objects.requireNonNull(fields, "Struct.fields is required"));
    }

    @Override
    public String toString() {
      return "Struct(" + fields.stream().map(ArrowField::toString).collect(Collectors.joining(", ")) + ")";
    }
  }

  /**
   * A type arrow-digest cannot hash: Null, Map, Duration, Interval, Dictionary, Union, ListView, LargeListView,
   * RunEndEncoded; {@code name} is the Arrow type name.
   */
  record Unsupported(String name) implements ArrowType {
    /** Checks the name. */
    public Unsupported {
      Objects.requireNonNull(name, "Unsupported.name is required");
    }

    @Override
    public String toString() {
      return name;
    }
  }

  // ------------------------------------------------------------------ factories for the common types

  /** Int64. */
  static ArrowType int64() {
    return new Int(64, true);
  }

  /** Int32. */
  static ArrowType int32() {
    return new Int(32, true);
  }

  /** Float64. */
  static ArrowType float64() {
    return new FloatingPoint(64);
  }

  /** Utf8. */
  static ArrowType utf8() {
    return new Utf8(Utf8.Kind.UTF8);
  }

  /** Binary. */
  static ArrowType binary() {
    return new Binary(Binary.Kind.BINARY);
  }

  /** Boolean. */
  static ArrowType bool() {
    return new Bool();
  }

  /** Timestamp(unit, tz). */
  static ArrowType timestamp(TimeUnit unit, @Nullable String timezone) {
    return new Timestamp(unit, timezone);
  }

  /** List(item) with arrow-rs' default item field {@code item}. */
  static ArrowType list(ArrowType item, boolean itemNullable) {
    return new ListType(new ArrowField("item", item, itemNullable), ListType.Kind.LIST, 0);
  }

  /** "Millisecond" for MILLISECOND etc. (arrow-rs spelling). */
  static String unitName(TimeUnit unit) {
    String n = unit.name();
    return n.charAt(0) + n.substring(1).toLowerCase(Locale.ROOT);
  }
}
