package org.odfbeam.data;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;
import org.odfbeam.data.AssemblyNode.ElementNode;
import org.odfbeam.data.AssemblyNode.LeafNode;
import org.odfbeam.data.AssemblyNode.ListNode;
import org.odfbeam.data.AssemblyNode.StructNode;

/**
 * Assembles Beam {@link Row}s straight into a {@link LogicalHashAssembler}'s node tree, without going through Parquet
 * record events: the values and the struct/list/element begin/end calls are exactly those the Parquet events of
 * {@link RowWriteSupport} would cause, with the same value conversions (shared helpers of {@link RowWriteSupport}),
 * so the hash equals the one of the written file ({@link ParquetLogicalHash}). Covers every schema
 * {@link RowWriteSupport} can write (primitives, logical types, lists, nested lists, structs).
 *
 * <p>Rows must already have been accepted by {@link RowWriteSupport} (nullability and value checks happen there).
 * Not thread-safe; used by one thread at a time.
 */
final class RowAssembler {
  /** Feeds one non-null value into the node it was compiled for. */
  @FunctionalInterface
  private interface Feeder {
    void feed(Object value);
  }

  private final LogicalHashAssembler assembler;
  private final Feeder[] fields;

  /**
   * Compiles feeders for rows of {@code schema} into {@code assembler}, which must have been created for
   * {@code OdfSchemas.toParquet(schema)}.
   */
  RowAssembler(Schema schema, LogicalHashAssembler assembler) {
    this.assembler = assembler;
    this.fields = compileFields(schema, assembler.root(), "");
  }

  /** Adds one row (one record) to the assembler; a full batch is hashed on the calling thread. */
  void add(Row row) {
    assembler.startRecord();
    feedFields(fields, row);
    assembler.endRecord();
  }

  private static void feedFields(Feeder[] fields, Row row) {
    for (int i = 0; i < fields.length; i++) {
      Object v = row.getValue(i);
      if (v != null) { // an absent value: the enclosing StructNode.end() appends the null slot
        fields[i].feed(v);
      }
    }
  }

  private static Feeder[] compileFields(Schema schema, StructNode node, String prefix) {
    if (node.children.length != schema.getFieldCount()) {
      throw mismatch(prefix.isEmpty() ? "<root>" : prefix, "struct with " + node.children.length + " fields");
    }
    Feeder[] out = new Feeder[schema.getFieldCount()];
    for (int i = 0; i < out.length; i++) {
      Schema.Field f = schema.getField(i);
      out[i] = compile(f.getType(), node.children[i], prefix + f.getName());
    }
    return out;
  }

  private static Feeder compile(FieldType type, AssemblyNode node, String path) {
    switch (type.getTypeName()) {
      case ROW: {
        StructNode s = as(StructNode.class, node, path);
        Feeder[] nested = compileFields(type.getRowSchema(), s, path + ".");
        return v -> {
          s.begin();
          feedFields(nested, (Row) v);
          s.end();
        };
      }
      case ARRAY:
        return listFeeder(type.getCollectionElementType(), as(ListNode.class, node, path), path);
      default:
        return leafFeeder(type, as(LeafNode.class, node, path), path);
    }
  }

  private static Feeder listFeeder(FieldType itemType, ListNode list, String path) {
    ElementNode element = list.element;
    if (list.implicit || element == null) {
      throw mismatch(path, "list without element group");
    }
    Feeder item = compile(itemType, list.item, path + ".element");
    return v -> {
      list.begin();
      for (Object x : (Collection<?>) v) {
        element.begin();
        if (x != null) {
          item.feed(x);
        }
        element.end();
      }
      list.end();
    };
  }

  private static Feeder leafFeeder(FieldType type, LeafNode leaf, String path) {
    switch (type.getTypeName()) {
      case BOOLEAN:
        return v -> leaf.addBoolean((Boolean) v);
      case BYTE:
        return v -> leaf.addInt((Byte) v);
      case INT16:
        return v -> leaf.addInt((Short) v);
      case INT32:
        return v -> leaf.addInt((Integer) v);
      case INT64:
        return v -> leaf.addLong((Long) v);
      case FLOAT:
        return v -> leaf.addFloat((Float) v);
      case DOUBLE:
        return v -> leaf.addDouble((Double) v);
      case STRING:
        return v -> leaf.addBytes(((String) v).getBytes(StandardCharsets.UTF_8));
      case BYTES:
        return v -> leaf.addBytes((byte[]) v);
      case DATETIME:
        return v -> leaf.addLong(((ReadableInstant) v).getMillis());
      case LOGICAL_TYPE:
        return logicalFeeder(type, leaf, path);
      default:
        throw mismatch(path, "leaf of Beam type " + type);
    }
  }

  private static Feeder logicalFeeder(FieldType type, LeafNode leaf, String path) {
    switch (BeamLogicalTypes.kind(type)) {
      case DATE:
        return v -> leaf.addInt(RowWriteSupport.epochDay(v));
      case TIME:
        return v -> leaf.addInt(RowWriteSupport.timeMillis(v, path));
      case MICROS_INSTANT:
        return v -> leaf.addLong(RowWriteSupport.epochMicros((java.time.Instant) v, path));
      case NANOS_INSTANT:
        return v -> leaf.addLong(RowWriteSupport.epochNanos((java.time.Instant) v));
      case FIXED_BYTES: {
        int n = BeamLogicalTypes.fixedLength(type);
        return v -> leaf.addFixed(RowWriteSupport.fixed((byte[]) v, n, path));
      }
      case DECIMAL: {
        int precision = BeamLogicalTypes.precision(type);
        int scale = BeamLogicalTypes.scale(type);
        BigInteger limit = BigInteger.TEN.pow(precision);
        int bytes = BeamLogicalTypes.decimalBytes(precision);
        return v -> {
          BigInteger u = RowWriteSupport.unscaled((BigDecimal) v, precision, scale, limit, path);
          if (precision <= 9) {
            leaf.addInt(u.intValue());
          } else if (precision <= 18) {
            leaf.addLong(u.longValue());
          } else {
            leaf.addDecimalBytes(RowWriteSupport.toFixed(u, bytes));
          }
        };
      }
      default:
        throw mismatch(path, "leaf of Beam type " + type);
    }
  }

  private static <T extends AssemblyNode> T as(Class<T> kind, AssemblyNode node, String path) {
    if (!kind.isInstance(node)) {
      throw mismatch(path, node.getClass().getSimpleName() + " where a " + kind.getSimpleName() + " was expected");
    }
    return kind.cast(node);
  }

  private static IllegalStateException mismatch(String path, String what) {
    return new IllegalStateException("Cannot assemble rows for the logical hash: column '" + path
        + "' does not match the Parquet schema (" + what + ")");
  }
}
