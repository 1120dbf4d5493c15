package org.odfbeam.core.codec;

import com.google.flatbuffers.FlatBufferBuilder;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.odfbeam.core.identity.DatasetId;
import org.odfbeam.core.model.Bytes;
import org.odfbeam.core.model.ExtraAttributes;
import org.odfbeam.core.multiformats.Multihash;

/**
 * Serializes a model record into a {@link FlatBufferBuilder} exactly like kamu's generated convertors
 * (kamu-data/kamu-cli:src/odf/metadata/src/serde/flatbuffers/convertors_generated.rs), see format notes 4.2/4.4:
 *
 * <ol>
 *   <li>Pass 1, in declaration order: create every present non-inline child (strings, byte vectors, nested and
 *       union member tables, vectors), recursively and fully finished.
 *   <li>Pass 2: {@code startTable}, add every present field in declaration order (union: type byte, then
 *       value; structs inline), {@code endTable}.
 * </ol>
 *
 * Optional scalars are written whenever present ({@code addX(v); slot(id)}); required scalars are omitted
 * when 0; the Timestamp struct is aligned to 4 (Manifest version 3) or 1 (version 2).
 */
final class BlockWriter {
  private final FlatBufferBuilder fb;
  private final int structAlignment;

  BlockWriter(FlatBufferBuilder fb, int manifestVersion) {
    this.fb = fb;
    this.structAlignment = manifestVersion >= 3 ? 4 : 1;
  }

  /** Writes {@code record} (an instance of {@code d.type}) and returns its table offset. */
  int table(Object record, TableDescriptor d) {
    FieldDescriptor[] fields = d.fields;
    int n = fields.length;
    Object[] values = new Object[n];
    int[] offsets = new int[n];
    // Pass 1: children.
    for (int i = 0; i < n; i++) {
      FieldDescriptor f = fields[i];
      Object v = f.get(record);
      values[i] = v;
      if (v != null) {
        offsets[i] = child(f, v);
      }
    }
    // Pass 2: the table.
    fb.startTable(d.slotCount);
    for (int i = 0; i < n; i++) {
      Object v = values[i];
      if (v != null) {
        addField(fields[i], v, offsets[i]);
      }
    }
    return fb.endTable();
  }

  private int child(FieldDescriptor f, Object v) {
    switch (f.kind) {
      case STRING:
        return fb.createString((String) v);
      case DATASET_REF:
      case DATASET_ALIAS:
        return fb.createString(v.toString());
      case MULTIHASH:
        return fb.createByteVector(((Multihash) v).toBytes());
      case DATASET_ID:
        return fb.createByteVector(((DatasetId) v).toBytes());
      case BYTES:
        return fb.createByteVector(((Bytes) v).toByteArray());
      case EXTRA:
        return extra((ExtraAttributes) v);
      case TABLE:
        return table(v, f.table());
      case UNION:
        return table(v, TableDescriptor.of(v.getClass()));
      case STRING_LIST: {
        List<?> list = (List<?>) v;
        int[] items = new int[list.size()];
        for (int i = 0; i < items.length; i++) {
          items[i] = fb.createString((String) list.get(i));
        }
        return vector(items);
      }
      case TABLE_LIST: {
        List<?> list = (List<?>) v;
        TableDescriptor element = f.table();
        int[] items = new int[list.size()];
        for (int i = 0; i < items.length; i++) {
          items[i] = table(list.get(i), element);
        }
        return vector(items);
      }
      case UNION_LIST: {
        // Per element: the member table, then its wrapper table {value_type, value} (e.g. PrepStepWrapper).
        List<?> list = (List<?>) v;
        int[] items = new int[list.size()];
        for (int i = 0; i < items.length; i++) {
          Object member = list.get(i);
          TableDescriptor md = TableDescriptor.of(member.getClass());
          int value = table(member, md);
          fb.startTable(2);
          fb.addByte(0, (byte) md.variantId, 0);
          fb.addOffset(1, value, 0);
          items[i] = fb.endTable();
        }
        return vector(items);
      }
      default:
        return 0; // scalars and structs are inline
    }
  }

  private void addField(FieldDescriptor f, Object v, int offset) {
    int slot = f.slot;
    switch (f.kind) {
      case BOOL:
        if (f.nullable) {
          fb.addBoolean((Boolean) v);
          fb.slot(slot);
        } else {
          fb.addBoolean(slot, (Boolean) v, false);
        }
        break;
      case SHORT:
        if (f.nullable) {
          fb.addShort((Short) v);
          fb.slot(slot);
        } else {
          fb.addShort(slot, (Short) v, 0);
        }
        break;
      case INT:
        if (f.nullable) {
          fb.addInt((Integer) v);
          fb.slot(slot);
        } else {
          fb.addInt(slot, (Integer) v, 0);
        }
        break;
      case LONG:
        if (f.nullable) {
          fb.addLong((Long) v);
          fb.slot(slot);
        } else {
          fb.addLong(slot, (Long) v, 0L);
        }
        break;
      case ENUM:
        addEnum(f, ((Enum<?>) v).ordinal());
        break;
      case TIMESTAMP:
        timestamp((Instant) v);
        fb.addStruct(slot, fb.offset(), 0);
        break;
      case UNION:
        fb.addByte(slot, (byte) TableDescriptor.of(v.getClass()).variantId, 0);
        fb.addOffset(slot + 1, offset, 0);
        break;
      default:
        fb.addOffset(slot, offset, 0);
    }
  }

  private void addEnum(FieldDescriptor f, int ordinal) {
    int slot = f.slot;
    switch (f.width) {
      case 1:
        if (f.nullable) {
          fb.addByte((byte) ordinal);
          fb.slot(slot);
        } else {
          fb.addByte(slot, (byte) ordinal, 0);
        }
        break;
      case 2:
        if (f.nullable) {
          fb.addShort((short) ordinal);
          fb.slot(slot);
        } else {
          fb.addShort(slot, (short) ordinal, 0);
        }
        break;
      default:
        if (f.nullable) {
          fb.addInt(ordinal);
          fb.slot(slot);
        } else {
          fb.addInt(slot, ordinal, 0);
        }
    }
  }

  /** The Timestamp struct, written back to front as flatc's {@code createTimestamp} does. */
  private void timestamp(Instant instant) {
    OffsetDateTime t = instant.atOffset(ZoneOffset.UTC);
    fb.prep(structAlignment, 16);
    fb.putInt(t.getNano());
    fb.putInt(t.toLocalTime().toSecondOfDay());
    fb.pad(2);
    fb.putShort((short) t.getDayOfYear());
    fb.putInt(t.getYear());
  }

  private int extra(ExtraAttributes extra) {
    int entries = fb.createString(extra.toCanonicalJson());
    fb.startTable(1);
    fb.addOffset(0, entries, 0);
    return fb.endTable();
  }

  private int vector(int[] items) {
    fb.startVector(4, items.length, 4);
    for (int i = items.length - 1; i >= 0; i--) {
      fb.addOffset(items[i]);
    }
    return fb.endVector();
  }
}
