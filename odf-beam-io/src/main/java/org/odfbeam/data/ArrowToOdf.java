package org.odfbeam.data;

import java.util.ArrayList;
import java.util.List;
import org.odfbeam.core.arrow.ArrowField;
import org.odfbeam.core.arrow.ArrowType;
import org.odfbeam.core.model.DataField;
import org.odfbeam.core.model.DataType;
import org.odfbeam.core.model.DataTypeBinary;
import org.odfbeam.core.model.DataTypeBool;
import org.odfbeam.core.model.DataTypeDate;
import org.odfbeam.core.model.DataTypeDecimal;
import org.odfbeam.core.model.DataTypeFloat16;
import org.odfbeam.core.model.DataTypeFloat32;
import org.odfbeam.core.model.DataTypeFloat64;
import org.odfbeam.core.model.DataTypeInt16;
import org.odfbeam.core.model.DataTypeInt32;
import org.odfbeam.core.model.DataTypeInt64;
import org.odfbeam.core.model.DataTypeInt8;
import org.odfbeam.core.model.DataTypeList;
import org.odfbeam.core.model.DataTypeOption;
import org.odfbeam.core.model.DataTypeString;
import org.odfbeam.core.model.DataTypeStruct;
import org.odfbeam.core.model.DataTypeTime;
import org.odfbeam.core.model.DataTypeTimestamp;
import org.odfbeam.core.model.DataTypeUInt16;
import org.odfbeam.core.model.DataTypeUInt32;
import org.odfbeam.core.model.DataTypeUInt64;
import org.odfbeam.core.model.DataTypeUInt8;

/**
 * Arrow fields to an ODF schema the way kamu writes one: {@code DataSchema::new_from_arrow(..).strip_encoding()}
 * (kamu-data/kamu-cli:src/odf/metadata/src/data/arrow_conversions.rs). Nullable fields become {@code Option};
 * encoding variants (Large/View, Date64, decimal bit width) are dropped; timestamps keep unit and time zone explicitly.
 */
final class ArrowToOdf {
  private ArrowToOdf() {}

  static List<DataField> fields(List<ArrowField> fields, String prefix) {
    List<DataField> out = new ArrayList<>(fields.size());
    for (ArrowField f : fields) {
      out.add(new DataField(f.name(), type(f, prefix + f.name()), null));
    }
    return out;
  }

  static DataType type(ArrowField field, String path) {
    DataType t = nonNull(field.type(), path);
    return field.nullable() ? new DataTypeOption(t) : t;
  }

  private static DataType nonNull(ArrowType type, String path) {
    if (type instanceof ArrowType.Int i) {
      return switch (i.bitWidth()) {
        case 8 -> i.signed() ? new DataTypeInt8() : new DataTypeUInt8();
        case 16 -> i.signed() ? new DataTypeInt16() : new DataTypeUInt16();
        case 32 -> i.signed() ? new DataTypeInt32() : new DataTypeUInt32();
        default -> i.signed() ? new DataTypeInt64() : new DataTypeUInt64();
      };
    } else if (type instanceof ArrowType.FloatingPoint f) {
      return switch (f.bitWidth()) {
        case 16 -> new DataTypeFloat16();
        case 32 -> new DataTypeFloat32();
        default -> new DataTypeFloat64();
      };
    } else if (type instanceof ArrowType.Utf8) {
      return new DataTypeString();
    } else if (type instanceof ArrowType.Binary) {
      return new DataTypeBinary(null);
    } else if (type instanceof ArrowType.FixedSizeBinary b) {
      return new DataTypeBinary((long) b.byteWidth());
    } else if (type instanceof ArrowType.Bool) {
      return new DataTypeBool();
    } else if (type instanceof ArrowType.Decimal d) {
      return new DataTypeDecimal(d.precision(), d.scale());
    } else if (type instanceof ArrowType.Date) {
      return new DataTypeDate();
    } else if (type instanceof ArrowType.Time t) {
      return new DataTypeTime(t.unit());
    } else if (type instanceof ArrowType.Timestamp ts) {
      return new DataTypeTimestamp(ts.unit(), ts.timezone());
    } else if (type instanceof ArrowType.ListType l) {
      Long fixed = l.kind() == ArrowType.ListType.Kind.FIXED_SIZE_LIST ? Long.valueOf(l.fixedSize()) : null;
      return new DataTypeList(type(l.item(), path + "." + l.item().name()), fixed);
    } else if (type instanceof ArrowType.Struct s) {
      return new DataTypeStruct(fields(s.fields(), path + "."));
    }
    throw new UnsupportedSchemaException(path,
        "Cannot map column '" + path + "' of Arrow type " + type + " to an ODF schema: not supported");
  }
}
