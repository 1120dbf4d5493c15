package org.odfbeam.data;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.joda.time.Instant;

/**
 * parquet-mr converters that build Beam {@link Row}s ({@code Row.withSchema(s).attachValues(...)}) directly from
 * Parquet values, for a Beam field type and the file's Parquet type of that column. Incompatible pairs fail at
 * construction with the column named.
 */
final class RowConverters {
  private RowConverters() {}

  /** Where a converted value goes: a row slot or a list. */
  interface Sink {
    void set(Object value);
  }

  /** Converter for a group whose fields fill a Row. */
  static class RowConverter extends GroupConverter {
    final Schema schema;
    final Converter[] children;
    final Sink parent;
    Object[] values;

    RowConverter(Schema schema, GroupType group, int[] targetIndex, String prefix, Sink parent) {
      this.schema = schema;
      this.parent = parent;
      this.children = new Converter[group.getFieldCount()];
      for (int i = 0; i < children.length; i++) {
        int target = targetIndex[i];
        Type t = group.getType(i);
        if (target < 0) {
          children[i] = hiddenConverter(i);
          continue;
        }
        Schema.Field f = schema.getField(target);
        children[i] = converter(f.getType(), t, prefix + f.getName(), v -> values[target] = v);
      }
    }

    /** A converter for a file column read only for filtering; by default it ignores values. */
    Converter hiddenConverter(int fileIndex) {
      return new PrimitiveConverter() {};
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return children[fieldIndex];
    }

    @Override
    public void start() {
      values = new Object[schema.getFieldCount()];
    }

    @Override
    public void end() {
      if (parent != null) {
        parent.set(Row.withSchema(schema).attachValues(values));
      }
    }

    Row current() {
      return Row.withSchema(schema).attachValues(values);
    }
  }

  static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  static Converter converter(FieldType type, Type file, String path, Sink sink) {
    switch (type.getTypeName()) {
      case ROW: {
        GroupType g = requireGroup(type, file, path);
        Schema s = type.getRowSchema();
        if (g.getFieldCount() != s.getFieldCount()) {
          throw mismatch(type, file, path);
        }
        int[] idx = new int[s.getFieldCount()];
        for (int i = 0; i < idx.length; i++) {
          if (!g.containsField(s.getField(i).getName())) {
            throw mismatch(type, file, path);
          }
          idx[g.getFieldIndex(s.getField(i).getName())] = i;
        }
        return new RowConverter(s, g, idx, path + ".", sink);
      }
      case ARRAY:
        return listConverter(type.getCollectionElementType(), requireGroup(type, file, path), path, sink);
      default:
        return primitive(type, file, path, sink);
    }
  }

  private static GroupType requireGroup(FieldType type, Type file, String path) {
    if (file.isPrimitive()) {
      throw mismatch(type, file, path);
    }
    return file.asGroupType();
  }

  private static Converter listConverter(FieldType item, GroupType list, String path, Sink sink) {
    if (list.getFieldCount() != 1 || !list.getType(0).isRepetition(Type.Repetition.REPEATED)) {
      throw new UnsupportedSchemaException(path, "Cannot read column '" + path + "': expected a LIST group, but the"
          + " file has " + list);
    }
    Type repeated = list.getType(0);
    List<Object>[] current = newListHolder();
    Sink add = v -> current[0].add(v);
    Converter child;
    if (repeated.isPrimitive()) {
      child = converter(item, repeated, path, add);
    } else {
      GroupType rg = repeated.asGroupType();
      Converter element = converter(item, rg.getType(0), path + ".element", v -> {
        current[0].set(current[0].size() - 1, v);
      });
      child = new GroupConverter() {
        @Override
        public Converter getConverter(int fieldIndex) {
          return element;
        }

        @Override
        public void start() {
          current[0].add(null);
        }

        @Override
        public void end() {}
      };
    }
    return new GroupConverter() {
      @Override
      public Converter getConverter(int fieldIndex) {
        return child;
      }

      @Override
      public void start() {
        current[0] = new ArrayList<>();
      }

      @Override
      public void end() {
        sink.set(current[0]);
      }
    };
  }

  @SuppressWarnings("unchecked")
  private static List<Object>[] newListHolder() {
    return (List<Object>[]) new List<?>[1];
  }

  private static Converter primitive(FieldType type, Type file, String path, Sink sink) {
    if (!file.isPrimitive()) {
      throw mismatch(type, file, path);
    }
    PrimitiveType expected = BeamToParquet.type(file.getName(), type, path).asPrimitiveType();
    PrimitiveType actual = file.asPrimitiveType();
    if (expected.getPrimitiveTypeName() != actual.getPrimitiveTypeName()
        || !sameAnnotation(expected.getLogicalTypeAnnotation(), actual.getLogicalTypeAnnotation())
        || expected.getTypeLength() != actual.getTypeLength()) {
      throw mismatch(type, file, path);
    }
    switch (type.getTypeName()) {
      case BOOLEAN:
        return new PrimitiveConverter() {
          @Override
          public void addBoolean(boolean v) {
            sink.set(v);
          }
        };
      case BYTE:
        return ints(v -> sink.set((byte) v));
      case INT16:
        return ints(v -> sink.set((short) v));
      case INT32:
        return ints(sink::set);
      case INT64:
        return longs(sink::set);
      case FLOAT:
        return new PrimitiveConverter() {
          @Override
          public void addFloat(float v) {
            sink.set(v);
          }
        };
      case DOUBLE:
        return new PrimitiveConverter() {
          @Override
          public void addDouble(double v) {
            sink.set(v);
          }
        };
      case STRING:
        return new StringConverter(sink);
      case BYTES:
        return binaries(v -> sink.set(v.getBytes()));
      case DATETIME:
        return longs(v -> sink.set(new Instant(v)));
      case LOGICAL_TYPE:
        return logical(type, sink);
      default:
        throw mismatch(type, file, path);
    }
  }

  private static Converter logical(FieldType type, Sink sink) {
    switch (BeamLogicalTypes.kind(type)) {
      case DATE:
        return ints(v -> sink.set(LocalDate.ofEpochDay(v)));
      case TIME:
        return ints(v -> sink.set(LocalTime.ofNanoOfDay(v * 1_000_000L)));
      case MICROS_INSTANT:
        return longs(v -> sink.set(java.time.Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L),
            Math.floorMod(v, 1_000_000L) * 1_000L)));
      case NANOS_INSTANT:
        return longs(v -> sink.set(java.time.Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000_000L),
            Math.floorMod(v, 1_000_000_000L))));
      case FIXED_BYTES:
        return binaries(v -> sink.set(v.getBytes()));
      case DECIMAL: {
        int precision = BeamLogicalTypes.precision(type);
        int scale = BeamLogicalTypes.scale(type);
        if (precision <= 18) {
          return new PrimitiveConverter() {
            @Override
            public void addInt(int v) {
              sink.set(BigDecimal.valueOf(v, scale));
            }

            @Override
            public void addLong(long v) {
              sink.set(BigDecimal.valueOf(v, scale));
            }
          };
        }
        return binaries(v -> sink.set(new BigDecimal(new BigInteger(v.getBytes()), scale)));
      }
      default:
        throw new IllegalStateException("unsupported logical type " + type);
    }
  }

  private static boolean sameAnnotation(LogicalTypeAnnotation a, LogicalTypeAnnotation b) {
    if (a == null || b == null) {
      LogicalTypeAnnotation x = a == null ? b : a;
      // plain INT32/INT64 equal INT(32|64, signed)
      return x == null || x.equals(LogicalTypeAnnotation.intType(32, true))
          || x.equals(LogicalTypeAnnotation.intType(64, true));
    }
    if (a instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation ta
        && b instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation tb) {
      return ta.getUnit() == tb.getUnit();
    }
    return a.equals(b);
  }

  static UnsupportedSchemaException mismatch(FieldType type, Type file, String path) {
    return new UnsupportedSchemaException(path, "Cannot read column '" + path + "' as Beam type "
        + BeamLogicalTypes.describe(type) + ": the file stores it as " + file.toString().trim());
  }

  // ------------------------------------------------------------------ small converters

  private interface IntSink {
    void set(int v);
  }

  private interface LongSink {
    void set(long v);
  }

  private interface BinarySink {
    void set(Binary v);
  }

  private static PrimitiveConverter ints(IntSink s) {
    return new PrimitiveConverter() {
      @Override
      public void addInt(int v) {
        s.set(v);
      }
    };
  }

  private static PrimitiveConverter longs(LongSink s) {
    return new PrimitiveConverter() {
      @Override
      public void addLong(long v) {
        s.set(v);
      }
    };
  }

  private static PrimitiveConverter binaries(BinarySink s) {
    return new PrimitiveConverter() {
      @Override
      public void addBinary(Binary v) {
        s.set(v);
      }
    };
  }

  /** Strings, decoding each dictionary entry once. */
  private static final class StringConverter extends PrimitiveConverter {
    private final Sink sink;
    private String[] dict;

    StringConverter(Sink sink) {
      this.sink = sink;
    }

    @Override
    public boolean hasDictionarySupport() {
      return true;
    }

    @Override
    public void setDictionary(Dictionary dictionary) {
      dict = new String[dictionary.getMaxId() + 1];
      for (int i = 0; i < dict.length; i++) {
        dict[i] = dictionary.decodeToBinary(i).toStringUsingUTF8();
      }
    }

    @Override
    public void addValueFromDictionary(int dictionaryId) {
      sink.set(dict[dictionaryId]);
    }

    @Override
    public void addBinary(Binary v) {
      sink.set(v.toStringUsingUTF8());
    }
  }
}
