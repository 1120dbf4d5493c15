package org.odfbeam.core.arrow;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.odfbeam.core.multiformats.Multicodec;
import org.odfbeam.core.multiformats.Multihash;

/**
 * The ODF logical hash of tabular data: a faithful streaming port of kamu-data/arrow-digest's
 * {@code RecordDigestV0<Sha3_256>} (src/record_digest.rs, array_digest.rs, schema_digest.rs, utils.rs), wrapped as
 * multihash {@link Multicodec#ARROW0_SHA3_256} like kamu-cli's {@code get_parquet_logical_hash}.
 *
 * <p>Usage (one hasher per data file):
 *
 * <pre>{@code
 * LogicalHasher h = new LogicalHasher(fields);            // throws UnsupportedArrowTypeException
 * for (each batch of LogicalHasher.KAMU_BATCH_SIZE rows, the last one smaller) {
 *   BatchBuilder b = h.batch(rows);
 *   b.structValidity("s", structNulls);                     // only for struct columns, before their leaves
 *   b.column(0).putLongs(offsets, rows);                    // leaves in any order
 *   b.column(1).validity(nulls).putStrings(names, rows);
 *   b.end();
 * }
 * Multihash logicalHash = h.finish();
 * }</pre>
 *
 * <p><b>Batching.</b> kamu reads the Parquet file with {@code ParquetRecordBatchReader} in batches of exactly
 * {@value #KAMU_BATCH_SIZE} rows (the last batch smaller; arrow-rs batches run across row-group boundaries, so cut
 * by row count only). Without struct columns the hash does not depend on
 * batching or on how a batch's values are chunked into {@code put*} calls. With struct columns it does (arrow-digest
 * combines struct and child null buffers per batch, see {@link BatchBuilder}), so callers must cut batches at exactly
 * 10,000 rows to match kamu.
 *
 * <p><b>Leaves.</b> Leaf columns are the non-struct fields in depth-first pre-order (see {@link #leafPaths()}); struct
 * columns are numbered in the same pre-order (see {@link #structPaths()}). Paths join names with {@code '.'}.
 *
 * <p>Not thread-safe.
 */
public final class LogicalHasher {
  /** kamu's {@code LOGICAL_HASH_BATCH_SIZE} (kamu-data/kamu-cli:src/odf/data-utils/src/data/hash.rs). */
  public static final int KAMU_BATCH_SIZE = 10_000;

  private final List<ArrowField> schema;
  private final MessageDigest root;
  private final List<String> leafPaths = new ArrayList<>();
  private final List<ArrowType> leafTypes = new ArrayList<>();
  private final List<Integer> leafParent = new ArrayList<>();
  private final List<String> structPaths = new ArrayList<>();
  private final List<Integer> structParent = new ArrayList<>();
  private final Map<String, Integer> leafByPath = new HashMap<>();
  private final Map<String, Integer> structByPath = new HashMap<>();
  final ColumnDigest[] columns;
  private BatchBuilder open;
  private boolean finished;

  /**
   * Starts a hash for data of the given schema: the root hasher is fed every field name (u64 LE length, UTF-8 bytes,
   * u64 LE nesting level) in pre-order, and every leaf column hasher its type hash.
   *
   * @throws UnsupportedArrowTypeException if a column has a type arrow-digest cannot hash
   */
  public LogicalHasher(List<ArrowField> schema) {
    this.schema = List.copyOf(Objects.requireNonNull(schema, "schema"));
    checkHashable(this.schema);
    this.root = ColumnDigest.newSha3();
    ByteArrayOutputStream names = new ByteArrayOutputStream();
    walk(this.schema, 0, "", -1, names);
    root.update(names.toByteArray());
    columns = new ColumnDigest[leafTypes.size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = new ColumnDigest();
      byte[] th = typeHash(leafTypes.get(i));
      columns[i].bytes(th, 0, th.length);
    }
  }

  private void walk(List<ArrowField> fields, int level, String prefix, int parent, ByteArrayOutputStream names) {
    for (ArrowField f : fields) {
      byte[] name = f.name().getBytes(StandardCharsets.UTF_8);
      writeU64(names, name.length);
      names.writeBytes(name);
      writeU64(names, level);
      String path = prefix + f.name();
      if (f.type() instanceof ArrowType.Struct s) {
        int idx = structPaths.size();
        structPaths.add(path);
        structParent.add(parent);
        structByPath.putIfAbsent(path, idx);
        walk(s.fields(), level + 1, path + ".", idx, names);
      } else {
        leafByPath.putIfAbsent(path, leafTypes.size());
        leafPaths.add(path);
        leafTypes.add(f.type());
        leafParent.add(parent);
      }
    }
  }

  private static void writeU64(ByteArrayOutputStream out, long v) {
    for (int i = 0; i < 8; i++) {
      out.write((int) (v >>> (8 * i)));
    }
  }

  /**
   * Throws {@link UnsupportedArrowTypeException} if arrow-digest cannot hash data of this schema (Null, Map,
   * Duration, Interval, Dictionary, Union, list views, run-end encoded, or a struct as a list item).
   */
  public static void checkHashable(List<ArrowField> schema) {
    for (ArrowField f : schema) {
      checkField(f.name(), f.type(), false);
    }
  }

  private static void checkField(String path, ArrowType t, boolean inList) {
    if (t instanceof ArrowType.Unsupported u) {
      throw new UnsupportedArrowTypeException(path, u.name(), inList ? "(as a list item)" : "");
    } else if (t instanceof ArrowType.Struct s) {
      if (inList) {
        throw new UnsupportedArrowTypeException(path, "Struct", "(as a list item)");
      }
      for (ArrowField c : s.fields()) {
        checkField(path + "." + c.name(), c.type(), false);
      }
    } else if (t instanceof ArrowType.ListType l) {
      checkField(path + "." + l.item().name(), l.item().type(), true);
    }
  }

  /** The schema being hashed. */
  public List<ArrowField> schema() {
    return schema;
  }

  /** Number of leaf (non-struct) columns. */
  public int leafCount() {
    return leafPaths.size();
  }

  /** Dotted paths of the leaf columns, in leaf order (depth-first pre-order). */
  public List<String> leafPaths() {
    return Collections.unmodifiableList(leafPaths);
  }

  /** Types of the leaf columns, in leaf order. */
  public List<ArrowType> leafTypes() {
    return Collections.unmodifiableList(leafTypes);
  }

  /** Dotted paths of the struct columns, in pre-order (the {@code structIndex} of {@link BatchBuilder}). */
  public List<String> structPaths() {
    return Collections.unmodifiableList(structPaths);
  }

  /** Index of the innermost struct enclosing leaf {@code leaf}, or -1 for a top-level leaf. */
  int leafParent(int leaf) {
    return leafParent.get(leaf);
  }

  /** Index of the struct enclosing struct {@code struct}, or -1. */
  int structParent(int struct) {
    return structParent.get(struct);
  }

  int leafIndex(String path) {
    Integer i = leafByPath.get(path);
    if (i == null) {
      throw new IllegalArgumentException("No leaf column '" + path + "'; leaves are " + leafPaths);
    }
    return i;
  }

  int structIndex(String path) {
    Integer i = structByPath.get(path);
    if (i == null) {
      throw new IllegalArgumentException("No struct column '" + path + "'; structs are " + structPaths);
    }
    return i;
  }

  /**
   * Starts the next batch (arrow's RecordBatch) of {@code rowCount} rows. The previous batch must have been ended.
   * To match kamu when struct columns are present, {@code rowCount} must be {@value #KAMU_BATCH_SIZE} for every batch
   * but the last.
   */
  public BatchBuilder batch(int rowCount) {
    checkNotFinished();
    if (open != null) {
      throw new IllegalStateException("The previous batch has not been ended (call BatchBuilder.end())");
    }
    if (rowCount < 0) {
      throw new IllegalArgumentException("rowCount must be >= 0, but was " + rowCount);
    }
    open = new BatchBuilder(this, rowCount);
    return open;
  }

  void batchEnded(BatchBuilder b) {
    if (open == b) {
      open = null;
    }
  }

  /**
   * Finishes the hash: each column hasher's digest is fed to the root hasher in leaf order. The hasher cannot be
   * used afterwards.
   */
  public Multihash finish() {
    checkNotFinished();
    if (open != null) {
      throw new IllegalStateException("The last batch has not been ended (call BatchBuilder.end())");
    }
    finished = true;
    for (ColumnDigest c : columns) {
      root.update(c.finish());
    }
    return Multihash.ofDigest(Multicodec.ARROW0_SHA3_256, root.digest());
  }

  private void checkNotFinished() {
    if (finished) {
      throw new IllegalStateException("LogicalHasher is already finished");
    }
  }

  // ------------------------------------------------------------------ type hash (schema_digest.rs)

  /** The type hash fed first into a leaf column hasher (arrow-digest schema_digest.rs {@code hash_data_type}). */
  static byte[] typeHash(ArrowType type) {
    ColumnBytes out = new ColumnBytes();
    hashDataType(type, out);
    return out.toByteArray();
  }

  private static void hashDataType(ArrowType type, ColumnBytes out) {
    if (type instanceof ArrowType.Int t) {
      out.u16(1);
      out.u8(t.signed() ? 1 : 0);
      out.u64(t.bitWidth());
    } else if (type instanceof ArrowType.FloatingPoint t) {
      out.u16(2);
      out.u64(t.bitWidth());
    } else if (type instanceof ArrowType.Binary || type instanceof ArrowType.FixedSizeBinary) {
      out.u16(3);
    } else if (type instanceof ArrowType.Utf8) {
      out.u16(4);
    } else if (type instanceof ArrowType.Bool) {
      out.u16(5);
    } else if (type instanceof ArrowType.Decimal t) {
      out.u16(6);
      out.u64(t.bitWidth());
      out.u64(t.precision() & 0xFF); // u8 as u64
      out.u64((byte) t.scale()); // i8 as u64: sign-extended
    } else if (type instanceof ArrowType.Date t) {
      out.u16(7);
      out.u64(t.bitWidth());
      out.u16(t.unit().ordinal());
    } else if (type instanceof ArrowType.Time t) {
      out.u16(8);
      out.u64(t.bitWidth());
      out.u16(t.unit().ordinal());
    } else if (type instanceof ArrowType.Timestamp t) {
      out.u16(9);
      out.u16(t.unit().ordinal());
      if (t.timezone() == null) {
        out.u8(0);
      } else {
        byte[] tz = t.timezone().getBytes(StandardCharsets.UTF_8);
        out.u64(tz.length);
        out.bytes(tz);
      }
    } else if (type instanceof ArrowType.ListType t) {
      out.u16(11);
      hashDataType(t.item().type(), out);
    } else {
      // Struct, Unsupported: rejected by checkHashable before we get here
      throw new IllegalStateException("No type hash for " + type);
    }
  }

  /** Little-endian byte collector for the small type hashes. */
  private static final class ColumnBytes extends ByteArrayOutputStream {
    void u8(int v) {
      write(v);
    }

    void u16(int v) {
      write(v);
      write(v >>> 8);
    }

    void u64(long v) {
      for (int i = 0; i < 8; i++) {
        write((int) (v >>> (8 * i)));
      }
    }

    void bytes(byte[] b) {
      writeBytes(b);
    }
  }
}
