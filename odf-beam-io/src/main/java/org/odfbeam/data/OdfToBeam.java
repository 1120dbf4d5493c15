package org.odfbeam.data;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.FixedBytes;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.schemas.logicaltypes.MicrosInstant;
import org.apache.beam.sdk.schemas.logicaltypes.NanosInstant;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.odfbeam.core.model.DataField;
import org.odfbeam.core.model.DataType;
import org.odfbeam.core.model.DataTypeBinary;
import org.odfbeam.core.model.DataTypeBool;
import org.odfbeam.core.model.DataTypeDate;
import org.odfbeam.core.model.DataTypeDecimal;
import org.odfbeam.core.model.DataTypeDuration;
import org.odfbeam.core.model.DataTypeFloat16;
import org.odfbeam.core.model.DataTypeFloat32;
import org.odfbeam.core.model.DataTypeFloat64;
import org.odfbeam.core.model.DataTypeInt16;
import org.odfbeam.core.model.DataTypeInt32;
import org.odfbeam.core.model.DataTypeInt64;
import org.odfbeam.core.model.DataTypeInt8;
import org.odfbeam.core.model.DataTypeList;
import org.odfbeam.core.model.DataTypeMap;
import org.odfbeam.core.model.DataTypeNull;
import org.odfbeam.core.model.DataTypeOption;
import org.odfbeam.core.model.DataTypeString;
import org.odfbeam.core.model.DataTypeStruct;
import org.odfbeam.core.model.DataTypeTime;
import org.odfbeam.core.model.DataTypeTimestamp;
import org.odfbeam.core.model.DataTypeUInt16;
import org.odfbeam.core.model.DataTypeUInt32;
import org.odfbeam.core.model.DataTypeUInt64;
import org.odfbeam.core.model.DataTypeUInt8;
import org.odfbeam.core.model.TimeUnit;

/** ODF {@code DataSchema} to Beam {@code Schema} (see {@link OdfSchemas} for the table). */
final class OdfToBeam {
  private OdfToBeam() {}

  static Schema schema(List<DataField> fields, String prefix) {
    List<Schema.Field> out = new ArrayList<>(fields.size());
    for (DataField f : fields) {
      String path = prefix + f.name();
      out.add(Schema.Field.of(f.name(), type(f.type(), path)));
    }
    return Schema.of(out.toArray(new Schema.Field[0]));
  }

  static FieldType type(DataType type, String path) {
    if (type instanceof DataTypeOption opt) {
      if (opt.inner() instanceof DataTypeOption) {
        throw unsupported(path, type, "nested Option types are not supported");
      }
      return type(opt.inner(), path).withNullable(true);
    }
    if (type instanceof DataTypeBool) {
      return FieldType.BOOLEAN;
    } else if (type instanceof DataTypeInt8) {
      return FieldType.BYTE;
    } else if (type instanceof DataTypeInt16) {
      return FieldType.INT16;
    } else if (type instanceof DataTypeInt32) {
      return FieldType.INT32;
    } else if (type instanceof DataTypeInt64) {
      return FieldType.INT64;
    } else if (type instanceof DataTypeUInt8 || type instanceof DataTypeUInt16 || type instanceof DataTypeUInt32
        || type instanceof DataTypeUInt64) {
      throw unsupported(path, type, "Beam has no unsigned integer types");
    } else if (type instanceof DataTypeFloat16) {
      throw unsupported(path, type, "Beam has no half-precision float type");
    } else if (type instanceof DataTypeFloat32) {
      return FieldType.FLOAT;
    } else if (type instanceof DataTypeFloat64) {
      return FieldType.DOUBLE;
    } else if (type instanceof DataTypeString) {
      return FieldType.STRING;
    } else if (type instanceof DataTypeBinary b) {
      if (b.fixedLength() == null) {
        return FieldType.BYTES;
      }
      if (b.fixedLength() < 1 || b.fixedLength() > Integer.MAX_VALUE) {
        throw unsupported(path, type, "fixed length must be between 1 and " + Integer.MAX_VALUE);
      }
      return FieldType.logicalType(FixedBytes.of(b.fixedLength().intValue()));
    } else if (type instanceof DataTypeDecimal d) {
      if (d.precision() < 1 || d.scale() < 0 || d.scale() > d.precision()) {
        throw unsupported(path, type, "precision must be >= 1 and 0 <= scale <= precision");
      }
      if (d.precision() > 76) {
        throw unsupported(path, type, "precision above 76 does not fit a Decimal256");
      }
      return FieldType.logicalType(FixedPrecisionNumeric.of(d.precision(), d.scale()));
    } else if (type instanceof DataTypeDate) {
      return FieldType.logicalType(SqlTypes.DATE);
    } else if (type instanceof DataTypeTime t) {
      TimeUnit unit = t.unit() == null ? TimeUnit.MILLISECOND : t.unit();
      if (unit != TimeUnit.MILLISECOND) {
        throw unsupported(path, type, "only Time{unit: Millisecond} maps to Beam's TIME (LocalTime)");
      }
      return FieldType.logicalType(SqlTypes.TIME);
    } else if (type instanceof DataTypeTimestamp ts) {
      String tz = ts.timezone() == null ? "UTC" : ts.timezone();
      if (!tz.equals("UTC")) {
        throw unsupported(path, type, "only UTC timestamps can be stored in Parquet without an Arrow schema");
      }
      TimeUnit unit = ts.unit() == null ? TimeUnit.MILLISECOND : ts.unit();
      return switch (unit) {
        case MILLISECOND -> FieldType.DATETIME;
        case MICROSECOND -> FieldType.logicalType(new MicrosInstant());
        case NANOSECOND -> FieldType.logicalType(new NanosInstant());
        case SECOND -> throw unsupported(path, type, "Parquet has no second-precision timestamps");
      };
    } else if (type instanceof DataTypeList l) {
      if (l.fixedLength() != null) {
        throw unsupported(path, type, "fixed-size lists cannot be stored in Parquet without an Arrow schema");
      }
      FieldType item = type(l.itemType(), path + ".item");
      if (item.getTypeName() == Schema.TypeName.ROW) {
        throw unsupported(path, type, "lists of structs cannot be hashed by arrow-digest");
      }
      return FieldType.array(item);
    } else if (type instanceof DataTypeStruct s) {
      if (s.fields().isEmpty()) {
        throw unsupported(path, type, "structs need at least one field");
      }
      return FieldType.row(schema(s.fields(), path + "."));
    } else if (type instanceof DataTypeMap) {
      throw unsupported(path, type, "maps cannot be hashed by arrow-digest");
    } else if (type instanceof DataTypeDuration) {
      throw unsupported(path, type, "Parquet has no duration type");
    } else if (type instanceof DataTypeNull) {
      throw unsupported(path, type, "the Null type cannot be hashed by arrow-digest");
    }
    throw unsupported(path, type, "unknown type");
  }

  private static UnsupportedSchemaException unsupported(String path, DataType type, String reason) {
    return new UnsupportedSchemaException(path,
        "Cannot map column '" + path + "' of ODF type " + OdfSchemas.describe(type) + " to Beam: " + reason);
  }
}
