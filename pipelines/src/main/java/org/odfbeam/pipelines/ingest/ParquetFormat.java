package org.odfbeam.pipelines.ingest;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.FixedBytes;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.values.Row;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.odfbeam.pipelines.ingest.Types.Kind;

/**
 * {@code ReadStepParquet}: local Parquet files, read row group by row group (kamu reads them with DataFusion,
 * kamu-data/kamu-cli:src/infra/ingest-datafusion/src/readers/parquet.rs).
 *
 * <p>Each Parquet column has a natural Beam type: BOOLEAN, INT(8|16|32|64) signed &rarr; BYTE / INT16 / INT32 /
 * INT64, unsigned 8/16 &rarr; INT32, unsigned 32 &rarr; INT64, unsigned 64 &rarr; INT64 (a value above
 * 2<sup>63</sup>-1 is an error), FLOAT, DOUBLE, DECIMAL(p, s), STRING / ENUM / JSON &rarr; STRING, other BINARY
 * &rarr; BYTES, FIXED_LEN_BYTE_ARRAY(n) &rarr; BYTES(n), DATE, TIME &rarr; TIME, TIMESTAMP(MILLIS) &rarr;
 * TIMESTAMP, TIMESTAMP(MICROS|NANOS) and INT96 &rarr; TIMESTAMP(MICROS|NANOS) (timestamps not adjusted to UTC are
 * read as UTC), LIST &rarr; ARRAY, groups &rarr; ROW; OPTIONAL is nullable. MAP and FLOAT16 are not supported.
 *
 * <p>Without a read schema the rows have these columns and types (files with different column sets are merged by
 * name, a column missing from some file becomes nullable; one name with two types is an error). With a schema, the
 * named columns are read and converted, as DataFusion casts them (kamu-data/kamu-cli:src/infra/ingest-datafusion/
 * tests/tests/test_reader_parquet.rs, {@code test_read_parquet_schema_coercion}: INT64 read as STRING): numbers
 * between numeric types (range-checked), anything to and from STRING, between dates and timestamps; a column the
 * file lacks is null if nullable, else an error.
 */
final class ParquetFormat implements FileFormat {
  private static final long serialVersionUID = 1L;
  private static final long JULIAN_EPOCH_DAY = 2_440_588L;

  private final TimeFormat dateFormat;
  private final TimeFormat timestampFormat;

  ParquetFormat(TimeFormat dateFormat, TimeFormat timestampFormat) {
    this.dateFormat = dateFormat;
    this.timestampFormat = timestampFormat;
  }

  @Override
  public String name() {
    return "Parquet";
  }

  private static ParquetFileReader open(Input file) throws IOException {
    ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
    try {
      return ParquetFileReader.open(new LocalInputFile(file.path()), options);
    } catch (RuntimeException | IOException e) {
      throw new BadInputException(file.name(), null, null, "not a readable Parquet file: " + e.getMessage(), e);
    }
  }

  private static MessageType fileSchema(Input file) throws IOException {
    try (ParquetFileReader r = open(file)) {
      return r.getFooter().getFileMetaData().getSchema();
    }
  }

  // ------------------------------------------------------------------------------------------ schemas

  @Override
  public Schema infer(List<Input> files) throws IOException {
    LinkedHashMap<String, FieldType> types = new LinkedHashMap<>();
    Map<String, String> from = new LinkedHashMap<>();
    Map<String, Integer> presence = new LinkedHashMap<>();
    for (Input file : files) {
      MessageType ms = fileSchema(file);
      for (Type t : ms.getFields()) {
        FieldType nat = natural(file, t, t.getName());
        FieldType prev = types.get(t.getName());
        if (prev == null) {
          types.put(t.getName(), nat);
          from.put(t.getName(), file.name());
        } else if (!Types.sameIgnoringNullability(prev, nat)) {
          throw new BadInputException(file.name(), null, t.getName(), "the column is " + Types.describe(nat)
              + ", but " + Types.describe(prev) + " in " + from.get(t.getName()) + "; declare a read schema");
        } else if (nat.getNullable()) {
          types.put(t.getName(), nat);
        }
        presence.merge(t.getName(), 1, Integer::sum);
      }
    }
    Schema.Builder b = Schema.builder();
    for (Map.Entry<String, FieldType> e : types.entrySet()) {
      boolean everywhere = presence.get(e.getKey()) == files.size();
      b.addField(e.getKey(), everywhere ? e.getValue() : e.getValue().withNullable(true));
    }
    return b.build();
  }

  @Override
  public void check(List<Input> files, Schema declared) throws IOException {
    for (Input file : files) {
      plan(file, fileSchema(file), declared);
    }
  }

  /** For each declared column, the file column read into it (null: absent, read as null). */
  private List<Type> plan(Input file, MessageType ms, Schema declared) {
    List<Type> columns = new ArrayList<>();
    for (Schema.Field f : declared.getFields()) {
      if (!ms.containsField(f.getName())) {
        if (!f.getType().getNullable()) {
          throw new BadInputException(file.name(), null, f.getName(), "the file has no such column, but the read"
              + " schema declares it not nullable; the file has " + names(ms));
        }
        columns.add(null);
        continue;
      }
      Type t = ms.getType(f.getName());
      FieldType nat = natural(file, t, t.getName());
      if (!Values.convertible(nat, f.getType())) {
        throw new BadInputException(file.name(), null, f.getName(), "the file stores " + Types.describe(nat)
            + ", which cannot be read as " + Types.describe(f.getType()) + " (read schema)");
      }
      columns.add(t);
    }
    return columns;
  }

  private static List<String> names(MessageType ms) {
    return ms.getFields().stream().map(Type::getName).toList();
  }

  /** The natural Beam type of a Parquet column (see the class doc). */
  static FieldType natural(Input file, Type t, String path) {
    FieldType base;
    if (t.isRepetition(Type.Repetition.REPEATED)) {
      return FieldType.array(nonRepeated(file, t, path));
    }
    base = nonRepeated(file, t, path);
    return base.withNullable(t.isRepetition(Type.Repetition.OPTIONAL));
  }

  private static FieldType nonRepeated(Input file, Type t, String path) {
    if (t.isPrimitive()) {
      return primitive(file, t.asPrimitiveType(), path);
    }
    GroupType g = t.asGroupType();
    LogicalTypeAnnotation lt = g.getLogicalTypeAnnotation();
    if (lt instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
      Type item = listItem(g);
      return FieldType.array(isThreeLevel(g)
          ? natural(file, item, path + "[]")
          : nonRepeated(file, item, path + "[]"));
    }
    if (lt instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
        || lt instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) {
      throw unsupported(file, path, t, "maps are not supported");
    }
    Schema.Builder b = Schema.builder();
    for (Type f : g.getFields()) {
      b.addField(f.getName(), natural(file, f, path + "." + f.getName()));
    }
    return FieldType.row(b.build());
  }

  /** Parquet's backward-compatibility rules for the repeated field of a LIST group. */
  private static boolean isThreeLevel(GroupType list) {
    Type repeated = list.getType(0);
    if (repeated.isPrimitive()) {
      return false;
    }
    GroupType r = repeated.asGroupType();
    return r.getFieldCount() == 1 && !r.getName().equals("array") && !r.getName().equals(list.getName() + "_tuple");
  }

  /** The item type of a LIST group: the repeated group's only child (3-level), else the repeated field. */
  private static Type listItem(GroupType list) {
    Type repeated = list.getType(0);
    return isThreeLevel(list) ? repeated.asGroupType().getType(0) : repeated;
  }

  private static FieldType primitive(Input file, PrimitiveType p, String path) {
    LogicalTypeAnnotation lt = p.getLogicalTypeAnnotation();
    if (lt instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
      return FieldType.logicalType(FixedPrecisionNumeric.of(d.getPrecision(), d.getScale()));
    }
    switch (p.getPrimitiveTypeName()) {
      case BOOLEAN:
        return FieldType.BOOLEAN;
      case INT32:
        if (lt instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i) {
          if (!i.isSigned()) {
            return i.getBitWidth() == 32 ? FieldType.INT64 : FieldType.INT32;
          }
          return i.getBitWidth() == 8 ? FieldType.BYTE : i.getBitWidth() == 16 ? FieldType.INT16 : FieldType.INT32;
        } else if (lt instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
          return Types.DATE;
        } else if (lt instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation) {
          return Types.TIME;
        } else if (lt == null) {
          return FieldType.INT32;
        }
        break;
      case INT64:
        if (lt == null || lt instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation) {
          return FieldType.INT64;
        } else if (lt instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
          return switch (ts.getUnit()) {
            case MILLIS -> FieldType.DATETIME;
            case MICROS -> Types.MICROS;
            case NANOS -> Types.NANOS;
          };
        } else if (lt instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation) {
          return Types.TIME;
        }
        break;
      case INT96:
        return Types.NANOS;
      case FLOAT:
        return FieldType.FLOAT;
      case DOUBLE:
        return FieldType.DOUBLE;
      case BINARY:
        if (lt == null) {
          return FieldType.BYTES;
        } else if (lt instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
            || lt instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
            || lt instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
          return FieldType.STRING;
        }
        break;
      case FIXED_LEN_BYTE_ARRAY:
        if (lt == null || lt instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
          return FieldType.logicalType(FixedBytes.of(p.getTypeLength()));
        }
        break;
      default:
        break;
    }
    throw unsupported(file, path, p, "this type is not supported");
  }

  private static BadInputException unsupported(Input file, String path, Type t, String reason) {
    return new BadInputException(file.name(), null, path, "cannot read Parquet type '" + t.toString().trim()
        + "': " + reason);
  }

  // ------------------------------------------------------------------------------------------ reading

  @Override
  public void read(Input file, Schema schema, Consumer<Row> out) throws IOException {
    try (ParquetFileReader reader = open(file)) {
      MessageType ms = reader.getFooter().getFileMetaData().getSchema();
      List<Type> columns = plan(file, ms, schema);
      List<Type> requested = new ArrayList<>();
      for (Type t : columns) {
        if (t != null) {
          requested.add(t);
        }
      }
      if (requested.isEmpty()) {
        // no declared column is in the file: count the rows with the cheapest column
        requested.add(ms.getType(0));
      }
      MessageType projection = new MessageType(ms.getName(), requested);
      reader.setRequestedSchema(projection);
      MessageColumnIO io = new ColumnIOFactory(false).getColumnIO(projection, ms, true);
      FieldType[] natural = new FieldType[columns.size()];
      int[] index = new int[columns.size()];
      for (int i = 0; i < columns.size(); i++) {
        Type t = columns.get(i);
        index[i] = t == null ? -1 : projection.getFieldIndex(t.getName());
        natural[i] = t == null ? null : natural(file, t, t.getName());
      }
      long row = 0;
      PageReadStore pages;
      while ((pages = reader.readNextRowGroup()) != null) {
        RecordReader<Group> records = io.getRecordReader(pages, new GroupRecordConverter(projection));
        for (long n = pages.getRowCount(); n > 0; n--) {
          Group g = records.read();
          row++;
          List<Object> values = new ArrayList<>(columns.size());
          for (int i = 0; i < columns.size(); i++) {
            Schema.Field f = schema.getField(i);
            Object v = null;
            if (index[i] >= 0 && (g.getFieldRepetitionCount(index[i]) > 0
                || columns.get(i).isRepetition(Type.Repetition.REPEATED))) {
              try {
                Object raw = value(g, index[i], columns.get(i), natural[i], f.getName());
                v = raw == null ? null
                    : Values.convert(raw, natural[i], f.getType(), dateFormat, timestampFormat);
              } catch (Values.ValueException e) {
                throw new BadInputException(file.name(), "row " + row, f.getName(), e.getMessage());
              }
            }
            if (v == null && !f.getType().getNullable()) {
              throw new BadInputException(file.name(), "row " + row, f.getName(), "the value is null, but the"
                  + " column is not nullable");
            }
            values.add(v);
          }
          out.accept(Row.withSchema(schema).attachValues(values));
        }
      }
    }
  }

  /** The natural value of field {@code i} of {@code g} (present at least once). */
  private static Object value(Group g, int i, Type t, FieldType type, String path) throws Values.ValueException {
    if (t.isRepetition(Type.Repetition.REPEATED)) {
      List<Object> list = new ArrayList<>();
      for (int r = 0; r < g.getFieldRepetitionCount(i); r++) {
        list.add(single(g, i, r, t, type.getCollectionElementType(), path));
      }
      return list;
    }
    return single(g, i, 0, t, type, path);
  }

  private static Object single(Group g, int i, int r, Type t, FieldType type, String path)
      throws Values.ValueException {
    if (!t.isPrimitive()) {
      Group child = g.getGroup(i, r);
      GroupType gt = t.asGroupType();
      if (Types.kind(type) == Kind.ARRAY) {
        List<Object> list = new ArrayList<>();
        if (child.getFieldRepetitionCount(0) == 0) {
          return list;
        }
        boolean three = isThreeLevel(gt);
        Type repeated = gt.getType(0);
        FieldType item = type.getCollectionElementType();
        for (int k = 0; k < child.getFieldRepetitionCount(0); k++) {
          if (three) {
            Group wrapper = child.getGroup(0, k);
            Type element = repeated.asGroupType().getType(0);
            list.add(wrapper.getFieldRepetitionCount(0) == 0 ? null
                : single(wrapper, 0, 0, element, item, path + "[]"));
          } else {
            list.add(single(child, 0, k, repeated, item, path + "[]"));
          }
        }
        return list;
      }
      Schema s = type.getRowSchema();
      List<Object> values = new ArrayList<>(s.getFieldCount());
      for (int k = 0; k < s.getFieldCount(); k++) {
        Type ft = gt.getType(k);
        values.add(child.getFieldRepetitionCount(k) == 0 ? null
            : value(child, k, ft, s.getField(k).getType(), path + "." + ft.getName()));
      }
      return Row.withSchema(s).attachValues(values);
    }
    PrimitiveType p = t.asPrimitiveType();
    LogicalTypeAnnotation lt = p.getLogicalTypeAnnotation();
    if (lt instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
      return switch (p.getPrimitiveTypeName()) {
        case INT32 -> BigDecimal.valueOf(g.getInteger(i, r), d.getScale());
        case INT64 -> BigDecimal.valueOf(g.getLong(i, r), d.getScale());
        default -> new BigDecimal(new BigInteger(g.getBinary(i, r).getBytes()), d.getScale());
      };
    }
    switch (Types.kind(type)) {
      case BOOLEAN:
        return g.getBoolean(i, r);
      case BYTE:
        return (byte) g.getInteger(i, r);
      case INT16:
        return (short) g.getInteger(i, r);
      case INT32:
        return g.getInteger(i, r);
      case INT64:
        if (p.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT32) {
          return Integer.toUnsignedLong(g.getInteger(i, r));
        }
        long v = g.getLong(i, r);
        if (v < 0 && lt instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation it && !it.isSigned()) {
          throw new Values.ValueException("the unsigned value " + Long.toUnsignedString(v)
              + " is out of the range of INT64");
        }
        return v;
      case FLOAT:
        return g.getFloat(i, r);
      case DOUBLE:
        return g.getDouble(i, r);
      case STRING:
        return g.getBinary(i, r).toStringUsingUTF8();
      case BYTES:
      case FIXED_BYTES:
        return g.getBinary(i, r).getBytes();
      case DATE:
        return LocalDate.ofEpochDay(g.getInteger(i, r));
      case TIME: {
        LogicalTypeAnnotation.TimeUnit unit = ((LogicalTypeAnnotation.TimeLogicalTypeAnnotation) lt).getUnit();
        return switch (unit) {
          case MILLIS -> LocalTime.ofNanoOfDay(g.getInteger(i, r) * 1_000_000L);
          case MICROS -> LocalTime.ofNanoOfDay(g.getLong(i, r) * 1_000L);
          case NANOS -> LocalTime.ofNanoOfDay(g.getLong(i, r));
        };
      }
      case DATETIME:
        return new org.joda.time.Instant(g.getLong(i, r));
      case MICROS: {
        long us = g.getLong(i, r);
        return Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1_000L);
      }
      case NANOS: {
        if (p.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT96) {
          ByteBuffer b = ByteBuffer.wrap(g.getInt96(i, r).getBytes()).order(ByteOrder.LITTLE_ENDIAN);
          long nanosOfDay = b.getLong();
          long julianDay = Integer.toUnsignedLong(b.getInt());
          return Instant.ofEpochSecond((julianDay - JULIAN_EPOCH_DAY) * 86_400L, nanosOfDay);
        }
        long ns = g.getLong(i, r);
        return Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L));
      }
      default:
        throw new Values.ValueException("cannot read " + Types.describe(type));
    }
  }
}
