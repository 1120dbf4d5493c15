package org.odfbeam.data;

import java.math.BigInteger;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.Date;
import org.apache.beam.sdk.schemas.logicaltypes.FixedBytes;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.schemas.logicaltypes.MicrosInstant;
import org.apache.beam.sdk.schemas.logicaltypes.NanosInstant;
import org.apache.beam.sdk.schemas.logicaltypes.Time;
import org.apache.beam.sdk.values.Row;

/** Recognizes the Beam logical types the mapping supports and reads their arguments. */
final class BeamLogicalTypes {
  /** The supported logical types. */
  enum Kind { DATE, TIME, MICROS_INSTANT, NANOS_INSTANT, FIXED_BYTES, DECIMAL, OTHER }

  private BeamLogicalTypes() {}

  static Kind kind(FieldType type) {
    if (type.getTypeName() != Schema.TypeName.LOGICAL_TYPE) {
      return Kind.OTHER;
    }
    Schema.LogicalType<?, ?> lt = type.getLogicalType();
    String id = lt.getIdentifier();
    if (lt instanceof Date || Date.IDENTIFIER.equals(id)) {
      return Kind.DATE;
    } else if (lt instanceof Time || Time.IDENTIFIER.equals(id)) {
      return Kind.TIME;
    } else if (lt instanceof MicrosInstant || MicrosInstant.IDENTIFIER.equals(id)) {
      return Kind.MICROS_INSTANT;
    } else if (lt instanceof NanosInstant || NanosInstant.IDENTIFIER.equals(id)) {
      return Kind.NANOS_INSTANT;
    } else if (lt instanceof FixedBytes || FixedBytes.IDENTIFIER.equals(id)) {
      return Kind.FIXED_BYTES;
    } else if (lt instanceof FixedPrecisionNumeric || FixedPrecisionNumeric.IDENTIFIER.equals(id)) {
      return Kind.DECIMAL;
    }
    return Kind.OTHER;
  }

  static int fixedLength(FieldType type) {
    Object arg = type.getLogicalType().getArgument();
    return ((Number) arg).intValue();
  }

  static int precision(FieldType type) {
    return decimalArg(type).getInt32("precision");
  }

  static int scale(FieldType type) {
    return decimalArg(type).getInt32("scale");
  }

  private static Row decimalArg(FieldType type) {
    return (Row) type.getLogicalType().getArgument();
  }

  /** Bytes of a FIXED_LEN_BYTE_ARRAY decimal of {@code precision} digits (smallest that holds 10^p - 1 signed). */
  static int decimalBytes(int precision) {
    BigInteger max = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE);
    return (max.bitLength() + 1 + 7) / 8;
  }

  /** A readable name: {@code INT64}, {@code STRING NOT NULL}-free; logical types by identifier and argument. */
  static String describe(FieldType type) {
    String base;
    switch (type.getTypeName()) {
      case LOGICAL_TYPE: {
        Schema.LogicalType<?, ?> lt = type.getLogicalType();
        Object arg = lt.getArgument();
        base = "LOGICAL_TYPE<" + lt.getIdentifier() + (arg == null || "".equals(arg) ? "" : "(" + arg + ")") + ">";
        break;
      }
      case ARRAY:
        base = "ARRAY<" + describe(type.getCollectionElementType()) + ">";
        break;
      case ITERABLE:
        base = "ITERABLE<" + describe(type.getCollectionElementType()) + ">";
        break;
      case MAP:
        base = "MAP<" + describe(type.getMapKeyType()) + ", " + describe(type.getMapValueType()) + ">";
        break;
      case ROW:
        base = "ROW<" + type.getRowSchema().getFields().stream()
            .map(f -> f.getName() + " " + describe(f.getType()))
            .reduce((a, b) -> a + ", " + b).orElse("") + ">";
        break;
      default:
        base = type.getTypeName().toString();
    }
    return Boolean.TRUE.equals(type.getNullable()) ? base : base + " NOT NULL";
  }
}
