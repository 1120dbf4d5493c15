package org.odfbeam.transforms.merge;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.core.model.Checkpoint;
import org.odfbeam.core.model.MetadataEvent;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.model.SetDataSchema;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.multiformats.Varint;
import org.odfbeam.core.yaml.ManifestYaml;
import org.odfbeam.data.OdfSchemas;
import org.odfbeam.transforms.InvalidDataException;
import org.odfbeam.transforms.changelog.PrimaryKey;

/**
 * A dataset's merge state by primary key, as stored in an ODF checkpoint file, so that a merge need not re-read the
 * dataset's whole history on every run: the rows given to a merge as {@link Merge#STATE}.
 *
 * <h2>Contents</h2>
 * <ul>
 *   <li>{@link Kind#CURRENT_STATE} (Snapshot, ChangelogStream, UpsertStream): for each live key its latest record,
 *       system columns included (what {@link org.odfbeam.transforms.changelog.Changelog#currentState} yields);
 *   <li>{@link Kind#SEEN_KEYS} (Ledger): every key the dataset ever held, key columns only.
 * </ul>
 * with the key columns, the offset of the last record the state reflects ({@link #lastOffset()}; null for an empty
 * dataset) and the rows' schema.
 *
 * <h2>File format (version 1)</h2>
 * Deterministic: equal states give equal bytes, so the file's name (its SHA3-256 multihash, as for every ODF
 * checkpoint) identifies the state. All integers unsigned LEB128 varints unless said otherwise.
 * <pre>
 *   magic        8 bytes  "ODFBMS" 0x00 0x01   (the last byte is the format version)
 *   kind         1 byte   0 = CURRENT_STATE, 1 = SEEN_KEYS
 *   lastOffset   1 byte 0 (absent) | 1 followed by the offset as a varint
 *   primaryKey   count, then each column name as length + UTF-8
 *   schema       length + UTF-8 of a SetDataSchema MetadataEvent manifest (YAML, as kamu writes it)
 *   rows         count, then each row as length + its Beam RowCoder encoding under that schema,
 *                sorted by primary key (OrderedBytes, unsigned), one row per key
 * </pre>
 *
 * <h2>Use</h2>
 * {@link MergeWrite} does this: a run that merged records up to offset {@code N} writes {@code encode()} to
 * {@code checkpoints/<hash>} and names it in its last {@code AddData.newCheckpoint}; the next run finds the newest
 * {@code AddData} with a checkpoint, reads its {@link #header} and checks {@link Header#kind()},
 * {@link Header#primaryKey()}, the schema and that {@link Header#lastOffset()} is that block's last offset. If they
 * match, the state is the checkpoint's rows plus only the records of later blocks (e.g. written by kamu, which
 * leaves the slot empty), projected with {@code currentState}; otherwise the merge falls back to projecting the
 * whole changelog.
 *
 * @param kind what the rows are
 * @param primaryKey the key columns
 * @param lastOffset the offset of the last record reflected, or null if the dataset has none
 * @param schema the rows' schema (must be representable as an ODF schema)
 * @param rows one row per key, sorted by key
 */
public record MergeCheckpoint(Kind kind, PrimaryKey primaryKey, @Nullable Long lastOffset, Schema schema,
    List<Row> rows) {

  /** What a checkpoint's rows are. */
  public enum Kind {
    /** The latest live record of each key (Snapshot, ChangelogStream, UpsertStream). */
    CURRENT_STATE,
    /** The key columns of every key ever seen (Ledger). */
    SEEN_KEYS
  }

  private static final byte[] MAGIC = {'O', 'D', 'F', 'B', 'M', 'S', 0x00, 0x01};
  private static final String ACTION = "create merge checkpoint";

  /** Checks the fields, sorts the rows by key and checks that keys are unique. */
  public MergeCheckpoint {
    Objects.requireNonNull(kind, "MergeCheckpoint.kind is required");
    Objects.requireNonNull(primaryKey, "MergeCheckpoint.primaryKey is required");
    Objects.requireNonNull(schema, "MergeCheckpoint.schema is required");
    Objects.requireNonNull(rows, "MergeCheckpoint.rows is required");
    if (lastOffset != null && lastOffset < 0) {
      throw new IllegalArgumentException("Cannot " + ACTION + ": lastOffset must be >= 0, but was " + lastOffset);
    }
    primaryKey.checkColumns(schema, ACTION, "the state rows");
    int n = rows.size();
    byte[][] keys = new byte[n][];
    boolean inOrder = true;
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      if (!r.getSchema().equals(schema)) {
        throw new IllegalArgumentException("Cannot " + ACTION + ": row " + r + " has schema " + r.getSchema()
            + ", expected " + schema);
      }
      keys[i] = primaryKey.encode(r, ACTION); // once per row: states hold millions
      inOrder &= i == 0 || Arrays.compareUnsigned(keys[i - 1], keys[i]) <= 0;
    }
    List<Row> sorted = rows;
    if (!inOrder) {
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(keys[a], keys[b]));
      byte[][] sortedKeys = new byte[n][];
      List<Row> reordered = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        sortedKeys[i] = keys[order[i]];
        reordered.add(rows.get(order[i]));
      }
      System.arraycopy(sortedKeys, 0, keys, 0, n);
      sorted = reordered;
    }
    for (int i = 1; i < n; i++) {
      if (Arrays.equals(keys[i - 1], keys[i])) {
        throw new InvalidDataException("Cannot " + ACTION + ": key " + primaryKey.describe(sorted.get(i))
            + " has two rows");
      }
    }
    rows = List.copyOf(sorted);
  }

  /** A checkpoint of {@code rows} (any order). */
  public static MergeCheckpoint of(Kind kind, PrimaryKey primaryKey, @Nullable Long lastOffset, Schema schema,
      Collection<Row> rows) {
    return new MergeCheckpoint(kind, primaryKey, lastOffset, schema, new ArrayList<>(rows));
  }

  /**
   * The file's bytes (format version 1).
   *
   * @throws IllegalArgumentException if the schema has a column an ODF schema cannot hold
   */
  public byte[] encode() {
    Schema stored = storedSchema(schema);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(MAGIC);
    out.write(kind.ordinal());
    if (lastOffset == null) {
      out.write(0);
    } else {
      out.write(1);
      Varint.write(out, lastOffset);
    }
    Varint.write(out, primaryKey.columns().size());
    for (String c : primaryKey.columns()) {
      writeBytes(out, c.getBytes(StandardCharsets.UTF_8));
    }
    writeBytes(out, ManifestYaml.writeEvent(OdfSchemas.toSetDataSchema(stored)).getBytes(StandardCharsets.UTF_8));
    RowCoder coder = RowCoder.of(stored);
    Varint.write(out, rows.size());
    for (Row r : rows) {
      try {
        writeBytes(out, CoderUtils.encodeToByteArray(coder, r));
      } catch (CoderException e) {
        throw new IllegalArgumentException("Cannot " + ACTION + ": cannot encode row " + r, e);
      }
    }
    return out.toByteArray();
  }

  /** The {@code Checkpoint} an {@code AddData} block names for {@code encoded} (its SHA3-256 multihash and size). */
  public static Checkpoint reference(byte[] encoded) {
    return new Checkpoint(Multihash.sha3_256(encoded), encoded.length);
  }

  /**
   * What a checkpoint file says about its rows, read without decoding them: enough to decide whether a merge can
   * use the file (kind, key, schema, last offset).
   *
   * @param rowCount how many rows the file holds
   */
  public record Header(Kind kind, PrimaryKey primaryKey, @Nullable Long lastOffset, Schema schema, long rowCount) {}

  /**
   * Reads the header of a checkpoint file from {@code bytes}, the file or any prefix of it that holds the header
   * (its rows follow and are not read).
   *
   * @throws IllegalArgumentException naming the problem and its byte offset if the bytes do not start with a
   *     version 1 header
   */
  public static Header header(byte[] bytes) {
    return header(new Reader(bytes));
  }

  /**
   * Reads a checkpoint file.
   *
   * @throws IllegalArgumentException naming the problem and its byte offset if the bytes are not a version 1 file
   */
  public static MergeCheckpoint decode(byte[] bytes) {
    Reader in = new Reader(bytes);
    Header header = header(in);
    Schema schema = header.schema();
    RowCoder coder = RowCoder.of(schema);
    long rowCount = header.rowCount();
    List<Row> rows = new ArrayList<>();
    for (long i = 0; i < rowCount; i++) {
      byte[] encoded = in.bytes(in.length("row " + i), "row " + i);
      try {
        rows.add(CoderUtils.decodeFromByteArray(coder, encoded));
      } catch (CoderException | RuntimeException e) {
        throw new IllegalArgumentException("Cannot read merge checkpoint: row " + i + " does not decode: "
            + e.getMessage(), e);
      }
    }
    if (!in.atEnd()) {
      throw in.error("trailing bytes");
    }
    return new MergeCheckpoint(header.kind(), header.primaryKey(), header.lastOffset(), schema, rows);
  }

  private static Header header(Reader in) {
    byte[] magic = in.bytes(MAGIC.length, "magic");
    if (!Arrays.equals(Arrays.copyOf(magic, 7), Arrays.copyOf(MAGIC, 7))) {
      throw in.error("not a merge checkpoint (bad magic)");
    }
    if (magic[7] != MAGIC[7]) {
      throw in.error("unsupported format version " + magic[7] + ", expected " + MAGIC[7]);
    }
    int kindByte = in.bytes(1, "kind")[0];
    if (kindByte < 0 || kindByte >= Kind.values().length) {
      throw in.error("unknown kind " + kindByte);
    }
    int hasOffset = in.bytes(1, "lastOffset flag")[0];
    Long lastOffset = switch (hasOffset) {
      case 0 -> null;
      case 1 -> in.varint("lastOffset");
      default -> throw in.error("bad lastOffset flag " + hasOffset);
    };
    long keyCount = in.varint("primary key length");
    List<String> key = new ArrayList<>();
    for (long i = 0; i < keyCount; i++) {
      key.add(in.string("primary key column"));
    }
    String yaml = in.string("schema");
    Schema schema;
    try {
      MetadataEvent event = ManifestYaml.readEvent(yaml);
      if (!(event instanceof SetDataSchema s)) {
        throw in.error("the schema is a " + event.getClass().getSimpleName() + ", expected SetDataSchema");
      }
      schema = OdfSchemas.toBeam(s);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Cannot read merge checkpoint: bad schema: " + e.getMessage(), e);
    }
    long rowCount = in.varint("row count");
    return new Header(Kind.values()[kindByte], new PrimaryKey(key), lastOffset, schema, rowCount);
  }

  /** The schema as an ODF schema stores it; fails naming the difference if a column would change. */
  private static Schema storedSchema(Schema schema) {
    Schema stored = OdfSchemas.toBeam(OdfSchemas.toSetDataSchema(schema));
    if (stored.getFieldCount() != schema.getFieldCount()) {
      throw new IllegalArgumentException("Cannot " + ACTION + ": the schema " + schema + " changes when stored: "
          + stored);
    }
    for (int i = 0; i < stored.getFieldCount(); i++) {
      Schema.Field a = schema.getField(i);
      Schema.Field b = stored.getField(i);
      if (!a.getName().equals(b.getName()) || !a.getType().equals(b.getType())) {
        throw new IllegalArgumentException("Cannot " + ACTION + ": column '" + a.getName() + "' of type "
            + a.getType() + " would be stored as '" + b.getName() + "' of type " + b.getType());
      }
    }
    return stored;
  }

  private static void writeBytes(ByteArrayOutputStream out, byte[] bytes) {
    Varint.write(out, bytes.length);
    out.writeBytes(bytes);
  }

  /** A cursor over the file's bytes whose errors name the offset. */
  private static final class Reader {
    private final byte[] bytes;
    private int pos;

    Reader(byte[] bytes) {
      this.bytes = Objects.requireNonNull(bytes, "bytes");
    }

    byte[] bytes(int n, String what) {
      if (n < 0 || pos + n > bytes.length) {
        throw error("truncated " + what + " (needs " + n + " bytes, " + (bytes.length - pos) + " left)");
      }
      byte[] out = Arrays.copyOfRange(bytes, pos, pos + n);
      pos += n;
      return out;
    }

    long varint(String what) {
      try {
        Varint.Decoded d = Varint.readU64(bytes, pos);
        pos = d.next();
        return d.value();
      } catch (IllegalArgumentException e) {
        throw error("bad " + what + ": " + e.getMessage());
      }
    }

    int length(String what) {
      long n = varint(what + " length");
      if (n > bytes.length - pos) {
        throw error("truncated " + what + " (length " + n + ", " + (bytes.length - pos) + " bytes left)");
      }
      return (int) n;
    }

    String string(String what) {
      return new String(bytes(length(what), what), StandardCharsets.UTF_8);
    }

    boolean atEnd() {
      return pos == bytes.length;
    }

    IllegalArgumentException error(String message) {
      return new IllegalArgumentException("Cannot read merge checkpoint at byte " + pos + ": " + message);
    }
  }
}
