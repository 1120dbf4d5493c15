package org.odfbeam.data;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Collection;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.joda.time.ReadableInstant;

/**
 * Writes Beam {@link Row}s straight into Parquet's {@link RecordConsumer} (no Avro), with the Parquet schema of
 * {@link OdfSchemas#toParquet}. Value conversions are compiled once per column. No key-value metadata is written
 * (in particular no {@code ARROW:schema}).
 *
 * <p>A null in a non-nullable column (at any depth), a decimal that does not fit its precision/scale, a fixed-size
 * binary of the wrong length or a time with sub-unit precision fails with an {@link IllegalArgumentException} naming
 * the column; the file being written is then unusable.
 */
public final class RowWriteSupport extends WriteSupport<Row> {
  private final Schema schema;
  private final MessageType messageType;
  private final FieldWriter[] fields;
  private RecordConsumer rc;

  /** Writes rows of {@code schema}. @throws UnsupportedSchemaException if a column cannot be stored */
  public RowWriteSupport(Schema schema) {
    this.schema = schema;
    this.messageType = OdfSchemas.toParquet(schema);
    this.fields = compileFields(schema, "");
  }

  /** The Beam schema of the rows. */
  public Schema schema() {
    return schema;
  }

  /** The Parquet schema written. */
  public MessageType messageType() {
    return messageType;
  }

  @Override
  public WriteContext init(Configuration configuration) {
    return new WriteContext(messageType, Map.of());
  }

  @Override
  public WriteContext init(ParquetConfiguration configuration) {
    return new WriteContext(messageType, Map.of());
  }

  @Override
  public String getName() {
    return "odf-beam";
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.rc = recordConsumer;
  }

  @Override
  public void write(Row row) {
    rc.startMessage();
    writeFields(rc, fields, row);
    rc.endMessage();
  }

  private static void writeFields(RecordConsumer rc, FieldWriter[] fields, Row row) {
    for (int i = 0; i < fields.length; i++) {
      FieldWriter f = fields[i];
      Object v = row.getValue(i);
      if (v == null) {
        if (!f.nullable) {
          throw new IllegalArgumentException("Cannot write row: column '" + f.path + "' is not nullable, but its value"
              + " is null");
        }
        continue;
      }
      rc.startField(f.name, i);
      f.writer.write(rc, v);
      rc.endField(f.name, i);
    }
  }

  // ------------------------------------------------------------------ compiled writers

  @FunctionalInterface
  private interface ValueWriter {
    void write(RecordConsumer rc, Object value);
  }

  private record FieldWriter(String name, String path, boolean nullable, ValueWriter writer) {}

  private static FieldWriter[] compileFields(Schema schema, String prefix) {
    FieldWriter[] out = new FieldWriter[schema.getFieldCount()];
    for (int i = 0; i < out.length; i++) {
      Schema.Field f = schema.getField(i);
      String path = prefix + f.getName();
      out[i] = new FieldWriter(f.getName(), path, Boolean.TRUE.equals(f.getType().getNullable()),
          compile(f.getType(), path));
    }
    return out;
  }

  private static ValueWriter compile(FieldType type, String path) {
    switch (type.getTypeName()) {
      case BOOLEAN:
        return (rc, v) -> rc.addBoolean((Boolean) v);
      case BYTE:
        return (rc, v) -> rc.addInteger((Byte) v);
      case INT16:
        return (rc, v) -> rc.addInteger((Short) v);
      case INT32:
        return (rc, v) -> rc.addInteger((Integer) v);
      case INT64:
        return (rc, v) -> rc.addLong((Long) v);
      case FLOAT:
        return (rc, v) -> rc.addFloat((Float) v);
      case DOUBLE:
        return (rc, v) -> rc.addDouble((Double) v);
      case STRING:
        return (rc, v) -> rc.addBinary(Binary.fromString((String) v));
      case BYTES:
        return (rc, v) -> rc.addBinary(Binary.fromConstantByteArray((byte[]) v));
      case DATETIME:
        return (rc, v) -> rc.addLong(((ReadableInstant) v).getMillis());
      case ARRAY:
        return listWriter(type.getCollectionElementType(), path);
      case ROW: {
        FieldWriter[] nested = compileFields(type.getRowSchema(), path + ".");
        return (rc, v) -> {
          rc.startGroup();
          writeFields(rc, nested, (Row) v);
          rc.endGroup();
        };
      }
      case LOGICAL_TYPE:
        return logicalWriter(type, path);
      default:
        throw BeamToParquet.unsupported(path, type, "no Parquet/ODF equivalent");
    }
  }

  private static ValueWriter listWriter(FieldType itemType, String path) {
    ValueWriter item = compile(itemType, path + ".element");
    boolean nullable = Boolean.TRUE.equals(itemType.getNullable());
    return (rc, v) -> {
      Collection<?> items = (Collection<?>) v;
      rc.startGroup();
      if (!items.isEmpty()) {
        rc.startField("list", 0);
        for (Object x : items) {
          rc.startGroup();
          if (x != null) {
            rc.startField("element", 0);
            item.write(rc, x);
            rc.endField("element", 0);
          } else if (!nullable) {
            throw new IllegalArgumentException("Cannot write row: list column '" + path
                + "' has non-nullable items, but an item is null");
          }
          rc.endGroup();
        }
        rc.endField("list", 0);
      }
      rc.endGroup();
    };
  }

  private static ValueWriter logicalWriter(FieldType type, String path) {
    switch (BeamLogicalTypes.kind(type)) {
      case DATE:
        return (rc, v) -> rc.addInteger(epochDay(v));
      case TIME:
        return (rc, v) -> rc.addInteger(timeMillis(v, path));
      case MICROS_INSTANT:
        return (rc, v) -> rc.addLong(epochMicros((java.time.Instant) v, path));
      case NANOS_INSTANT:
        return (rc, v) -> rc.addLong(epochNanos((java.time.Instant) v));
      case FIXED_BYTES: {
        int n = BeamLogicalTypes.fixedLength(type);
        return (rc, v) -> rc.addBinary(Binary.fromConstantByteArray(fixed((byte[]) v, n, path)));
      }
      case DECIMAL:
        return decimalWriter(BeamLogicalTypes.precision(type), BeamLogicalTypes.scale(type), path);
      default:
        throw BeamToParquet.unsupported(path, type, "no Parquet/ODF equivalent");
    }
  }

  private static ValueWriter decimalWriter(int precision, int scale, String path) {
    BigInteger limit = BigInteger.TEN.pow(precision);
    int bytes = BeamLogicalTypes.decimalBytes(precision);
    return (rc, v) -> {
      BigInteger unscaled = unscaled((BigDecimal) v, precision, scale, limit, path);
      if (precision <= 9) {
        rc.addInteger(unscaled.intValue());
      } else if (precision <= 18) {
        rc.addLong(unscaled.longValue());
      } else {
        rc.addBinary(Binary.fromConstantByteArray(toFixed(unscaled, bytes)));
      }
    };
  }

  // ------------------------------------------------------------------ value conversions (shared with RowAssembler)

  /** A DATE value (LocalDate or epoch-day Long) as Parquet DATE: days since the epoch. */
  static int epochDay(Object v) {
    return Math.toIntExact(v instanceof LocalDate d ? d.toEpochDay() : (Long) v);
  }

  /** A TIME value (LocalTime or nanos-of-day Long) as Parquet TIME(MILLIS). */
  static int timeMillis(Object v, String path) {
    long nanos = v instanceof LocalTime t ? t.toNanoOfDay() : (Long) v;
    if (nanos % 1_000_000 != 0) {
      throw new IllegalArgumentException("Cannot write row: column '" + path + "' stores milliseconds, but "
          + v + " has sub-millisecond precision");
    }
    return (int) (nanos / 1_000_000);
  }

  /** An instant as Parquet TIMESTAMP(MICROS). */
  static long epochMicros(java.time.Instant t, String path) {
    if (t.getNano() % 1_000 != 0) {
      throw new IllegalArgumentException("Cannot write row: column '" + path + "' stores microseconds, but "
          + t + " has sub-microsecond precision");
    }
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }

  /** An instant as Parquet TIMESTAMP(NANOS). */
  static long epochNanos(java.time.Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
  }

  /** {@code b}, checked to hold exactly {@code n} bytes. */
  static byte[] fixed(byte[] b, int n, String path) {
    if (b.length != n) {
      throw new IllegalArgumentException("Cannot write row: column '" + path + "' holds " + n
          + " bytes per value, but a value has " + b.length);
    }
    return b;
  }

  /** The unscaled value of {@code d} at {@code scale}, checked to be below {@code limit} = 10^precision. */
  static BigInteger unscaled(BigDecimal d, int precision, int scale, BigInteger limit, String path) {
    BigInteger unscaled;
    try {
      unscaled = d.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("Cannot write row: column '" + path + "' has scale " + scale + ", but "
          + d + " needs rounding", e);
    }
    if (unscaled.abs().compareTo(limit) >= 0) {
      throw new IllegalArgumentException("Cannot write row: column '" + path + "' has precision " + precision
          + ", but " + d + " does not fit");
    }
    return unscaled;
  }

  /** Big-endian two's complement of {@code v}, sign-extended to {@code n} bytes. */
  static byte[] toFixed(BigInteger v, int n) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[n];
    byte fill = v.signum() < 0 ? (byte) 0xFF : 0;
    int pad = n - raw.length;
    for (int i = 0; i < pad; i++) {
      out[i] = fill;
    }
    System.arraycopy(raw, Math.max(0, -pad), out, Math.max(0, pad), Math.min(n, raw.length));
    return out;
  }
}
