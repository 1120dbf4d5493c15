package org.odfbeam.data;

import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.odfbeam.core.arrow.ArrowField;
import org.odfbeam.core.arrow.ArrowType;
import org.odfbeam.core.model.TimeUnit;

/**
 * Parquet schema to the Arrow fields arrow-rs derives when a file carries no {@code ARROW:schema} key
 * (apache/arrow-rs:parquet/src/arrow/schema/primitive.rs and complex.rs). Types arrow-rs reads but arrow-digest cannot
 * hash (Map, Interval, Null) become {@link ArrowType.Unsupported}; types arrow-rs cannot read throw.
 */
final class ParquetToArrow {
  private ParquetToArrow() {}

  static List<ArrowField> fields(MessageType message) {
    return fields(message, "");
  }

  private static List<ArrowField> fields(GroupType group, String prefix) {
    List<ArrowField> out = new ArrayList<>(group.getFieldCount());
    for (Type t : group.getFields()) {
      out.add(field(t, prefix + t.getName()));
    }
    return out;
  }

  static ArrowField field(Type t, String path) {
    if (t.isRepetition(Type.Repetition.REPEATED)) {
      // An unannotated repeated field is a required list of required items (complex.rs, visit_primitive/visit_struct).
      ArrowType item = nonRepeated(t, path);
      return new ArrowField(t.getName(), list(new ArrowField(t.getName(), item, false)), false);
    }
    return new ArrowField(t.getName(), nonRepeated(t, path), t.isRepetition(Type.Repetition.OPTIONAL));
  }

  private static ArrowType nonRepeated(Type t, String path) {
    if (t.isPrimitive()) {
      return primitive(t.asPrimitiveType(), path);
    }
    GroupType g = t.asGroupType();
    LogicalTypeAnnotation lt = g.getLogicalTypeAnnotation();
    if (lt instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
      return listOf(g, path);
    }
    if (lt instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
        || lt instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) {
      return new ArrowType.Unsupported("Map");
    }
    return new ArrowType.Struct(fields(g, path + "."));
  }

  /** The LIST backward-compatibility rules of the Parquet spec, as arrow-rs applies them. */
  private static ArrowType listOf(GroupType list, String path) {
    if (list.getFieldCount() != 1 || !list.getType(0).isRepetition(Type.Repetition.REPEATED)) {
      throw new UnsupportedSchemaException(path,
          "Cannot read column '" + path + "': a LIST group must have exactly one repeated child, but was " + list);
    }
    Type repeated = list.getType(0);
    ArrowField item;
    if (repeated.isPrimitive()) {
      // 2-level list: the repeated primitive is the (required) element.
      item = new ArrowField(repeated.getName(), primitive(repeated.asPrimitiveType(), path), false);
    } else {
      GroupType rg = repeated.asGroupType();
      boolean legacyStruct = rg.getFieldCount() > 1 || rg.getName().equals("array")
          || rg.getName().equals(list.getName() + "_tuple");
      if (legacyStruct) {
        item = new ArrowField(rg.getName(), new ArrowType.Struct(fields(rg, path + ".")), false);
      } else {
        Type element = rg.getType(0);
        item = field(element, path);
        if (element.isRepetition(Type.Repetition.REPEATED)) {
          throw new UnsupportedSchemaException(path,
              "Cannot read column '" + path + "': repeated element inside a LIST is not supported");
        }
      }
    }
    return list(item);
  }

  private static ArrowType list(ArrowField item) {
    return new ArrowType.ListType(item, ArrowType.ListType.Kind.LIST, 0);
  }

  static ArrowType primitive(PrimitiveType p, String path) {
    LogicalTypeAnnotation lt = p.getLogicalTypeAnnotation();
    switch (p.getPrimitiveTypeName()) {
      case BOOLEAN:
        return new ArrowType.Bool();
      case FLOAT:
        return new ArrowType.FloatingPoint(32);
      case DOUBLE:
        return new ArrowType.FloatingPoint(64);
      case INT96:
        return new ArrowType.Timestamp(TimeUnit.NANOSECOND, null);
      case INT32:
        if (lt == null) {
          return new ArrowType.Int(32, true);
        } else if (lt instanceof IntLogicalTypeAnnotation i && i.getBitWidth() <= 32) {
          return new ArrowType.Int(i.getBitWidth(), i.isSigned());
        } else if (lt instanceof DecimalLogicalTypeAnnotation d) {
          return new ArrowType.Decimal(128, d.getPrecision(), d.getScale());
        } else if (lt instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
          return new ArrowType.Date(ArrowType.Date.Unit.DAY);
        } else if (lt instanceof TimeLogicalTypeAnnotation t && t.getUnit() == LogicalTypeAnnotation.TimeUnit.MILLIS) {
          return new ArrowType.Time(TimeUnit.MILLISECOND, 32);
        }
        break;
      case INT64:
        if (lt == null) {
          return new ArrowType.Int(64, true);
        } else if (lt instanceof IntLogicalTypeAnnotation i && i.getBitWidth() == 64) {
          return new ArrowType.Int(64, i.isSigned());
        } else if (lt instanceof DecimalLogicalTypeAnnotation d) {
          return new ArrowType.Decimal(128, d.getPrecision(), d.getScale());
        } else if (lt instanceof TimeLogicalTypeAnnotation t && t.getUnit() != LogicalTypeAnnotation.TimeUnit.MILLIS) {
          return new ArrowType.Time(unit(t.getUnit()), 64);
        } else if (lt instanceof TimestampLogicalTypeAnnotation ts) {
          return new ArrowType.Timestamp(unit(ts.getUnit()), ts.isAdjustedToUTC() ? "UTC" : null);
        }
        break;
      case BINARY:
        if (lt == null || lt instanceof LogicalTypeAnnotation.BsonLogicalTypeAnnotation
            || lt instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation) {
          return new ArrowType.Binary(ArrowType.Binary.Kind.BINARY);
        } else if (lt instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
            || lt instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
          return new ArrowType.Utf8(ArrowType.Utf8.Kind.UTF8);
        } else if (lt instanceof DecimalLogicalTypeAnnotation d) {
          return decimalByPrecision(d);
        }
        break;
      case FIXED_LEN_BYTE_ARRAY:
        if (lt instanceof DecimalLogicalTypeAnnotation d) {
          return decimalByPrecision(d);
        } else if (lt instanceof LogicalTypeAnnotation.Float16LogicalTypeAnnotation) {
          return new ArrowType.FloatingPoint(16);
        } else if (lt instanceof LogicalTypeAnnotation.IntervalLogicalTypeAnnotation) {
          return new ArrowType.Unsupported("Interval(DayTime)");
        } else if (lt == null || lt instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
          return new ArrowType.FixedSizeBinary(p.getTypeLength());
        }
        break;
      default:
        break;
    }
    throw new UnsupportedSchemaException(path, "Cannot read column '" + path + "': arrow-rs cannot read Parquet type "
        + p.getPrimitiveTypeName() + (lt == null ? "" : " (" + lt + ")"));
  }

  private static ArrowType decimalByPrecision(DecimalLogicalTypeAnnotation d) {
    return new ArrowType.Decimal(d.getPrecision() <= 38 ? 128 : 256, d.getPrecision(), d.getScale());
  }

  private static TimeUnit unit(LogicalTypeAnnotation.TimeUnit u) {
    return switch (u) {
      case MILLIS -> TimeUnit.MILLISECOND;
      case MICROS -> TimeUnit.MICROSECOND;
      case NANOS -> TimeUnit.NANOSECOND;
    };
  }
}
