package org.odfbeam.data;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.parquet.schema.MessageType;
import org.odfbeam.core.arrow.ArrowField;
import org.odfbeam.core.arrow.ArrowSchemaDecoder;
import org.odfbeam.core.model.DataField;
import org.odfbeam.core.model.DataSchema;
import org.odfbeam.core.model.DataType;
import org.odfbeam.core.model.DataTypeBinary;
import org.odfbeam.core.model.DataTypeDecimal;
import org.odfbeam.core.model.DataTypeList;
import org.odfbeam.core.model.DataTypeMap;
import org.odfbeam.core.model.DataTypeOption;
import org.odfbeam.core.model.DataTypeStruct;
import org.odfbeam.core.model.DataTypeTime;
import org.odfbeam.core.model.DataTypeTimestamp;
import org.odfbeam.core.model.DataTypeDuration;
import org.odfbeam.core.model.SetDataSchema;
import org.odfbeam.core.model.Variant;

/**
 * The one place where schemas are mapped: ODF {@link DataSchema} &harr; Beam {@link Schema} &rarr; Parquet
 * {@link MessageType} &rarr; the {@link ArrowField}s arrow-rs derives from that Parquet schema (no {@code ARROW:schema}
 * key is ever written) &rarr; ODF again, the way kamu writes {@code SetDataSchema}.
 *
 * <h2>Type table</h2>
 * <table>
 *   <caption>Supported types</caption>
 *   <tr><th>ODF</th><th>Beam</th><th>Parquet</th><th>Arrow (arrow-rs)</th></tr>
 *   <tr><td>Bool</td><td>BOOLEAN</td><td>BOOLEAN</td><td>Boolean</td></tr>
 *   <tr><td>Int8 / Int16</td><td>BYTE / INT16</td><td>INT32 INT(8|16, signed)</td><td>Int8 / Int16</td></tr>
 *   <tr><td>Int32 / Int64</td><td>INT32 / INT64</td><td>INT32 / INT64</td><td>Int32 / Int64</td></tr>
 *   <tr><td>Float32 / Float64</td><td>FLOAT / DOUBLE</td><td>FLOAT / DOUBLE</td><td>Float32 / Float64</td></tr>
 *   <tr><td>String</td><td>STRING</td><td>BINARY (STRING)</td><td>Utf8</td></tr>
 *   <tr><td>Binary</td><td>BYTES</td><td>BINARY</td><td>Binary</td></tr>
 *   <tr><td>Binary{fixedLength n}</td><td>FixedBytes(n)</td><td>FIXED_LEN_BYTE_ARRAY(n)</td>
 *       <td>FixedSizeBinary(n)</td></tr>
 *   <tr><td>Decimal{p, s}</td><td>FixedPrecisionNumeric(p, s)</td><td>DECIMAL(p, s) on INT32 (p &le; 9), INT64
 *       (p &le; 18), else FIXED_LEN_BYTE_ARRAY</td><td>Decimal128(p, s), Decimal256 for p &gt; 38</td></tr>
 *   <tr><td>Date</td><td>SqlTypes.DATE (LocalDate)</td><td>INT32 DATE</td><td>Date32</td></tr>
 *   <tr><td>Time{Millisecond}</td><td>SqlTypes.TIME (LocalTime)</td><td>INT32 TIME(MILLIS)</td><td>Time32(ms)</td></tr>
 *   <tr><td>Timestamp{Millisecond, UTC}</td><td>DATETIME (Joda Instant)</td><td>INT64 TIMESTAMP(MILLIS, UTC)</td>
 *       <td>Timestamp(ms, "UTC")</td></tr>
 *   <tr><td>Timestamp{Microsecond|Nanosecond, UTC}</td><td>MicrosInstant / NanosInstant (java.time.Instant)</td>
 *       <td>INT64 TIMESTAMP(MICROS|NANOS, UTC)</td><td>Timestamp(us|ns, "UTC")</td></tr>
 *   <tr><td>List{item}</td><td>ARRAY(item)</td><td>3-level LIST</td><td>List(item)</td></tr>
 *   <tr><td>Struct{fields}</td><td>ROW</td><td>group</td><td>Struct</td></tr>
 *   <tr><td>Option{inner}</td><td>nullable inner</td><td>OPTIONAL</td><td>nullable</td></tr>
 * </table>
 *
 * <p>Rejected with an {@link UnsupportedSchemaException} naming the column and type: unsigned integers and Float16
 * (Beam has no such types), Time in other units, timestamps in seconds or with a zone other than UTC (not storable in
 * Parquet without an Arrow schema), fixed-size lists, Map, Duration, Null, lists of structs (arrow-digest cannot hash
 * them), nested Option, Beam DECIMAL without precision, Beam MAP/ITERABLE and unknown logical types. An absent
 * Timestamp unit/zone means Millisecond/UTC (kamu's defaults).
 *
 * <h2>System columns</h2>
 * {@link #withSystemColumns} prepends the vocabulary's columns in kamu's order: offset INT64, op INT32, system_time
 * DATETIME (all required), event_time DATETIME or DATE (nullable or not); {@link #checkSystemColumns} validates them.
 */
public final class OdfSchemas {
  private OdfSchemas() {}

  /** ODF schema to Beam schema. @throws UnsupportedSchemaException naming the column and type */
  public static Schema toBeam(DataSchema schema) {
    return OdfToBeam.schema(schema.fields(), "");
  }

  /** Beam schema to the Parquet schema the slice writer writes. @throws UnsupportedSchemaException */
  public static MessageType toParquet(Schema schema) {
    return BeamToParquet.messageType(schema);
  }

  /** Parquet schema to the Arrow fields arrow-rs derives from it (format notes 8.3). */
  public static List<ArrowField> toArrow(MessageType parquet) {
    return ParquetToArrow.fields(parquet);
  }

  /** Arrow fields to an ODF schema as kamu builds it ({@code new_from_arrow} then {@code strip_encoding}). */
  public static DataSchema toOdf(List<ArrowField> arrow) {
    return new DataSchema(ArrowToOdf.fields(arrow, ""), null);
  }

  /**
   * Beam schema to the ODF schema kamu would write for a file written from it: Beam &rarr; Parquet &rarr; Arrow
   * &rarr; ODF, so nullable becomes Option and timestamps carry both unit and {@code "UTC"}.
   */
  public static DataSchema toOdf(Schema schema) {
    return toOdf(toArrow(toParquet(schema)));
  }

  /** Beam schema of an arbitrary Parquet file (Parquet &rarr; Arrow &rarr; ODF &rarr; Beam). */
  public static Schema toBeam(MessageType parquet) {
    return toBeam(toOdf(toArrow(parquet)));
  }

  /** Beam schema of Arrow fields (e.g. a decoded legacy raw Arrow schema), via the ODF schema kamu derives. */
  public static Schema toBeamFromArrow(List<ArrowField> arrow) {
    return toBeam(toOdf(arrow));
  }

  /** A {@code SetDataSchema} event as kamu writes it: only {@code schema}, never {@code rawArrowSchema}. */
  public static SetDataSchema toSetDataSchema(Schema schema) {
    return new SetDataSchema(null, toOdf(schema));
  }

  /**
   * The Beam schema of a {@code SetDataSchema} event, from its {@code schema} or, for legacy events, from its
   * {@code rawArrowSchema} (upgraded the way kamu does: Arrow &rarr; ODF with encodings stripped).
   */
  public static Schema toBeam(SetDataSchema event) {
    if (event.schema() != null) {
      return toBeam(event.schema());
    }
    if (event.rawArrowSchema() != null) {
      return toBeamFromArrow(ArrowSchemaDecoder.decode(event.rawArrowSchema().toByteArray()));
    }
    throw new IllegalArgumentException("Cannot read SetDataSchema: it has neither schema nor rawArrowSchema");
  }

  /**
   * Prepends the system columns of {@code vocab} to {@code data}: offset INT64, op INT32, system_time DATETIME and
   * event_time of {@code eventTimeType} (DATETIME or {@code SqlTypes.DATE}, nullable or not).
   */
  public static Schema withSystemColumns(Vocabulary vocab, FieldType eventTimeType, Schema data) {
    Schema.Builder b = Schema.builder()
        .addField(vocab.offsetColumn(), FieldType.INT64)
        .addField(vocab.operationTypeColumn(), FieldType.INT32)
        .addField(vocab.systemTimeColumn(), FieldType.DATETIME)
        .addField(vocab.eventTimeColumn(), eventTimeType);
    for (Schema.Field f : data.getFields()) {
      if (isSystemColumn(vocab, f.getName())) {
        throw new IllegalArgumentException(
            "Cannot add system columns: data column '" + f.getName() + "' has a system column's name");
      }
      b.addField(f);
    }
    Schema s = b.build();
    checkSystemColumns(s, vocab);
    return s;
  }

  /**
   * Checks that {@code schema} starts with the system columns of {@code vocab} in kamu's order and types.
   *
   * @throws IllegalArgumentException naming the column, e.g. {@code "Cannot use schema: column 0 must be 'offset'
   *     INT64 NOT NULL, but was 'id' INT64 NOT NULL"}
   */
  public static void checkSystemColumns(Schema schema, Vocabulary vocab) {
    String[] names = {vocab.offsetColumn(), vocab.operationTypeColumn(), vocab.systemTimeColumn(),
        vocab.eventTimeColumn()};
    String[] expected = {"INT64 NOT NULL", "INT32 NOT NULL", "DATETIME NOT NULL", "DATETIME or DATE"};
    for (int i = 0; i < names.length; i++) {
      if (schema.getFieldCount() <= i) {
        throw new IllegalArgumentException("Cannot use schema: column " + i + " must be '" + names[i] + "' "
            + expected[i] + ", but the schema has only " + schema.getFieldCount() + " columns");
      }
      Schema.Field f = schema.getField(i);
      FieldType t = f.getType();
      boolean ok = f.getName().equals(names[i]) && switch (i) {
        case 0 -> t.equals(FieldType.INT64);
        case 1 -> t.equals(FieldType.INT32);
        case 2 -> t.equals(FieldType.DATETIME);
        default -> t.getTypeName() == Schema.TypeName.DATETIME
            || BeamLogicalTypes.kind(t) == BeamLogicalTypes.Kind.DATE;
      };
      if (!ok) {
        throw new IllegalArgumentException("Cannot use schema: column " + i + " must be '" + names[i] + "' "
            + expected[i] + ", but was '" + f.getName() + "' " + BeamLogicalTypes.describe(t));
      }
    }
  }

  static boolean isSystemColumn(Vocabulary v, String name) {
    return name.equals(v.offsetColumn()) || name.equals(v.operationTypeColumn())
        || name.equals(v.systemTimeColumn()) || name.equals(v.eventTimeColumn());
  }

  /** A readable ODF type, e.g. {@code UInt32}, {@code Timestamp(Second, UTC)}, {@code List(Option(String))}. */
  static String describe(DataType type) {
    String name = type.getClass().getAnnotation(Variant.class).name();
    if (type instanceof DataTypeOption o) {
      return name + "(" + describe(o.inner()) + ")";
    } else if (type instanceof DataTypeList l) {
      return name + "(" + describe(l.itemType()) + (l.fixedLength() == null ? "" : ", " + l.fixedLength()) + ")";
    } else if (type instanceof DataTypeStruct s) {
      return name + "(" + s.fields().stream().map(f -> f.name() + ": " + describe(f.type()))
          .collect(Collectors.joining(", ")) + ")";
    } else if (type instanceof DataTypeMap m) {
      return name + "(" + describe(m.keyType()) + ", " + describe(m.valueType()) + ")";
    } else if (type instanceof DataTypeTimestamp ts) {
      return name + "(" + ts.unit() + ", " + ts.timezone() + ")";
    } else if (type instanceof DataTypeTime t) {
      return name + "(" + t.unit() + ")";
    } else if (type instanceof DataTypeDuration d) {
      return name + "(" + d.unit() + ")";
    } else if (type instanceof DataTypeDecimal d) {
      return name + "(" + d.precision() + ", " + d.scale() + ")";
    } else if (type instanceof DataTypeBinary b && b.fixedLength() != null) {
      return name + "(" + b.fixedLength() + ")";
    }
    return name;
  }

  /** The fields of an ODF schema as a readable list (used in messages). */
  static String describe(List<DataField> fields) {
    return fields.stream().map(f -> f.name() + ": " + describe(f.type())).collect(Collectors.joining(", "));
  }

  /**
   * Whether two Beam schemas have the same columns in order (names, types, nullability). Not {@code Schema.equals},
   * which compares only the UUIDs when both schemas have one (coders assign random ones), and sees field metadata
   * that differs between schemas decoded in different JVMs (a cluster's workers) though they describe the same rows.
   */
  public static boolean sameColumns(Schema a, Schema b) {
    if (a.getFieldCount() != b.getFieldCount()) {
      return false;
    }
    for (int i = 0; i < a.getFieldCount(); i++) {
      Schema.Field x = a.getField(i);
      Schema.Field y = b.getField(i);
      if (!x.getName().equals(y.getName()) || !x.getType().typesEqual(y.getType())
          || !x.getType().getNullable().equals(y.getType().getNullable())) { // Boolean objects: not ==
        return false;
      }
    }
    return true;
  }
}
