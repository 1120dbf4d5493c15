package org.odfbeam.pipelines.ingest;

import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.FixedBytes;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.schemas.logicaltypes.MicrosInstant;
import org.apache.beam.sdk.schemas.logicaltypes.NanosInstant;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.values.Row;

/** The Beam field types the readers produce, classified (the subset {@code OdfSchemas} maps, plus nesting). */
final class Types {
  /** What a reader does with a field type. */
  enum Kind {
    BOOLEAN, BYTE, INT16, INT32, INT64, FLOAT, DOUBLE, DECIMAL, STRING, BYTES, FIXED_BYTES, DATETIME, MICROS, NANOS,
    DATE, TIME, ARRAY, ROW, OTHER
  }

  static final FieldType DATE = FieldType.logicalType(SqlTypes.DATE);
  static final FieldType TIME = FieldType.logicalType(SqlTypes.TIME);
  static final FieldType MICROS = FieldType.logicalType(new MicrosInstant());
  static final FieldType NANOS = FieldType.logicalType(new NanosInstant());

  private Types() {}

  static Kind kind(FieldType t) {
    switch (t.getTypeName()) {
      case BOOLEAN: return Kind.BOOLEAN;
      case BYTE: return Kind.BYTE;
      case INT16: return Kind.INT16;
      case INT32: return Kind.INT32;
      case INT64: return Kind.INT64;
      case FLOAT: return Kind.FLOAT;
      case DOUBLE: return Kind.DOUBLE;
      case DECIMAL: return Kind.DECIMAL;
      case STRING: return Kind.STRING;
      case BYTES: return Kind.BYTES;
      case DATETIME: return Kind.DATETIME;
      case ARRAY: return Kind.ARRAY;
      case ROW: return Kind.ROW;
      case LOGICAL_TYPE: return logicalKind(t.getLogicalType());
      default: return Kind.OTHER;
    }
  }

  private static Kind logicalKind(Schema.LogicalType<?, ?> lt) {
    String id = lt.getIdentifier();
    if (id.equals(SqlTypes.DATE.getIdentifier())) {
      return Kind.DATE;
    } else if (id.equals(SqlTypes.TIME.getIdentifier())) {
      return Kind.TIME;
    } else if (id.equals(MicrosInstant.IDENTIFIER)) {
      return Kind.MICROS;
    } else if (id.equals(NanosInstant.IDENTIFIER)) {
      return Kind.NANOS;
    } else if (id.equals(FixedBytes.IDENTIFIER)) {
      return Kind.FIXED_BYTES;
    } else if (id.equals(FixedPrecisionNumeric.IDENTIFIER)) {
      return Kind.DECIMAL;
    }
    return Kind.OTHER;
  }

  static boolean isTemporalInstant(Kind k) {
    return k == Kind.DATETIME || k == Kind.MICROS || k == Kind.NANOS;
  }

  static boolean isInteger(Kind k) {
    return k == Kind.BYTE || k == Kind.INT16 || k == Kind.INT32 || k == Kind.INT64;
  }

  static boolean isNumeric(Kind k) {
    return isInteger(k) || k == Kind.FLOAT || k == Kind.DOUBLE || k == Kind.DECIMAL;
  }

  /** Precision of a FixedPrecisionNumeric type; -1 for Beam's unbounded DECIMAL. */
  static int precision(FieldType t) {
    if (t.getTypeName() != Schema.TypeName.LOGICAL_TYPE) {
      return -1;
    }
    return ((Row) t.getLogicalType().getArgument()).getInt32("precision");
  }

  /** Scale of a FixedPrecisionNumeric type; -1 for Beam's unbounded DECIMAL. */
  static int scale(FieldType t) {
    if (t.getTypeName() != Schema.TypeName.LOGICAL_TYPE) {
      return -1;
    }
    return ((Row) t.getLogicalType().getArgument()).getInt32("scale");
  }

  static int fixedLength(FieldType t) {
    return ((Number) t.getLogicalType().getArgument()).intValue();
  }

  /** A short readable name, e.g. {@code INT32}, {@code DECIMAL(10, 2)}, {@code ARRAY<STRING>}, {@code DATE}. */
  static String describe(FieldType t) {
    Kind k = kind(t);
    return switch (k) {
      case DECIMAL -> precision(t) < 0 ? "DECIMAL" : "DECIMAL(" + precision(t) + ", " + scale(t) + ")";
      case FIXED_BYTES -> "BYTES(" + fixedLength(t) + ")";
      case MICROS -> "TIMESTAMP(MICROS)";
      case NANOS -> "TIMESTAMP(NANOS)";
      case DATETIME -> "TIMESTAMP";
      case ARRAY -> "ARRAY<" + describe(t.getCollectionElementType()) + ">";
      case ROW -> "ROW<" + String.join(", ", t.getRowSchema().getFields().stream()
          .map(f -> f.getName() + " " + describe(f.getType())).toList()) + ">";
      case OTHER -> t.getTypeName() == Schema.TypeName.LOGICAL_TYPE
          ? t.getLogicalType().getIdentifier() : t.getTypeName().toString();
      default -> k.name();
    };
  }

  /** True if two types are equal ignoring nullability (at every level). */
  static boolean sameIgnoringNullability(FieldType a, FieldType b) {
    return a.withNullable(false).equivalent(b.withNullable(false), Schema.EquivalenceNullablePolicy.IGNORE);
  }
}
