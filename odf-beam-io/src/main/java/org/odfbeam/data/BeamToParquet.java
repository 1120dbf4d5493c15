package org.odfbeam.data;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/** Beam {@code Schema} to the Parquet schema kamu/arrow-rs would write for the same Arrow types. */
final class BeamToParquet {
  /** Name of the root message, as arrow-rs writes it. */
  static final String MESSAGE_NAME = "arrow_schema";

  private BeamToParquet() {}

  static MessageType messageType(Schema schema) {
    return new MessageType(MESSAGE_NAME, fields(schema, ""));
  }

  private static List<Type> fields(Schema schema, String prefix) {
    List<Type> out = new ArrayList<>(schema.getFieldCount());
    for (Schema.Field f : schema.getFields()) {
      out.add(type(f.getName(), f.getType(), prefix + f.getName()));
    }
    return out;
  }

  static Type type(String name, FieldType type, String path) {
    Repetition rep = Boolean.TRUE.equals(type.getNullable()) ? Repetition.OPTIONAL : Repetition.REQUIRED;
    switch (type.getTypeName()) {
      case BOOLEAN:
        return Types.primitive(PrimitiveTypeName.BOOLEAN, rep).named(name);
      case BYTE:
        return Types.primitive(PrimitiveTypeName.INT32, rep).as(LogicalTypeAnnotation.intType(8, true)).named(name);
      case INT16:
        return Types.primitive(PrimitiveTypeName.INT32, rep).as(LogicalTypeAnnotation.intType(16, true)).named(name);
      case INT32:
        return Types.primitive(PrimitiveTypeName.INT32, rep).named(name);
      case INT64:
        return Types.primitive(PrimitiveTypeName.INT64, rep).named(name);
      case FLOAT:
        return Types.primitive(PrimitiveTypeName.FLOAT, rep).named(name);
      case DOUBLE:
        return Types.primitive(PrimitiveTypeName.DOUBLE, rep).named(name);
      case STRING:
        return Types.primitive(PrimitiveTypeName.BINARY, rep).as(LogicalTypeAnnotation.stringType()).named(name);
      case BYTES:
        return Types.primitive(PrimitiveTypeName.BINARY, rep).named(name);
      case DATETIME:
        return Types.primitive(PrimitiveTypeName.INT64, rep)
            .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MILLIS)).named(name);
      case ARRAY: {
        FieldType item = type.getCollectionElementType();
        if (item.getTypeName() == Schema.TypeName.ROW) {
          throw unsupported(path, type, "lists of structs cannot be hashed by arrow-digest");
        }
        Type element = type("element", item, path + ".element");
        return Types.buildGroup(rep).as(LogicalTypeAnnotation.listType())
            .addField(Types.repeatedGroup().addField(element).named("list"))
            .named(name);
      }
      case ROW: {
        Schema nested = type.getRowSchema();
        if (nested.getFieldCount() == 0) {
          throw unsupported(path, type, "structs need at least one field");
        }
        return Types.buildGroup(rep).addFields(fields(nested, path + ".").toArray(new Type[0])).named(name);
      }
      case LOGICAL_TYPE:
        return logical(name, type, rep, path);
      case DECIMAL:
        throw unsupported(path, type, "Beam DECIMAL has no precision and scale; use FixedPrecisionNumeric.of(p, s)");
      default:
        throw unsupported(path, type, "no Parquet/ODF equivalent");
    }
  }

  private static Type logical(String name, FieldType type, Repetition rep, String path) {
    BeamLogicalTypes.Kind kind = BeamLogicalTypes.kind(type);
    switch (kind) {
      case DATE:
        return Types.primitive(PrimitiveTypeName.INT32, rep).as(LogicalTypeAnnotation.dateType()).named(name);
      case TIME:
        return Types.primitive(PrimitiveTypeName.INT32, rep)
            .as(LogicalTypeAnnotation.timeType(false, TimeUnit.MILLIS)).named(name);
      case MICROS_INSTANT:
        return Types.primitive(PrimitiveTypeName.INT64, rep)
            .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS)).named(name);
      case NANOS_INSTANT:
        return Types.primitive(PrimitiveTypeName.INT64, rep)
            .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.NANOS)).named(name);
      case FIXED_BYTES:
        return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, rep)
            .length(BeamLogicalTypes.fixedLength(type)).named(name);
      case DECIMAL: {
        int precision = BeamLogicalTypes.precision(type);
        int scale = BeamLogicalTypes.scale(type);
        LogicalTypeAnnotation dec = LogicalTypeAnnotation.decimalType(scale, precision);
        if (precision <= 9) {
          return Types.primitive(PrimitiveTypeName.INT32, rep).as(dec).named(name);
        } else if (precision <= 18) {
          return Types.primitive(PrimitiveTypeName.INT64, rep).as(dec).named(name);
        }
        return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, rep)
            .length(BeamLogicalTypes.decimalBytes(precision)).as(dec).named(name);
      }
      default:
        throw unsupported(path, type, "no Parquet/ODF equivalent");
    }
  }

  static UnsupportedSchemaException unsupported(String path, FieldType type, String reason) {
    return new UnsupportedSchemaException(path,
        "Cannot map column '" + path + "' of Beam type " + BeamLogicalTypes.describe(type) + ": " + reason);
  }
}
