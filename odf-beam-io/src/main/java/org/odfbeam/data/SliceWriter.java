package org.odfbeam.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.model.DataSlice;
import org.odfbeam.core.model.OffsetInterval;

/**
 * Writes one ODF data slice: Beam {@link Row}s in, one Parquet file out, as kamu-cli writes them (Parquet format 1.0,
 * SNAPPY, dictionary encoding, page statistics, at most 1,048,576 rows per row group, no {@code ARROW:schema} key).
 *
 * <h2>Writing</h2>
 * <pre>{@code
 * SliceWriter writer = SliceWriter.of(schema);               // schema starts with offset, op, system_time, event_time
 * try (SliceWriter.Session s = writer.open(tempFile, 0)) {   // first offset of the slice
 *   for (Row r : rows) s.write(r);
 *   Optional<SliceFile> out = s.finish();                   // empty if no rows were written (no file, like kamu)
 *   out.ifPresent(f -> storage.moveDataIn(f.slice().physicalHash(), f.file()));
 * }
 * }</pre>
 * {@link Session#append(Row)} instead takes rows of event time and data columns and fills in offset, op = 0 (append)
 * and the system time given to {@link #open(Path, long, Instant)}.
 *
 * <h2>Guarantees</h2>
 * Rows are streamed: the physical hash (SHA3-256 of the bytes) and size are computed on the output stream. The
 * same rows give the same bytes in every JVM: the footer is made canonical when the file is finished (parquet-mr
 * lists a column chunk's encodings in an order that changes between JVM runs; see {@code CanonicalFooter}). The
 * logical hash (arrow-digest {@code RecordDigestV0}, fed in kamu's 10,000-row batches) is computed from the same rows
 * off the Parquet write path: each written row's reference is kept, and every full batch is assembled and hashed on
 * a per-session daemon thread while the next one is written ({@link BackgroundLogicalHash}), so at most two batches
 * of rows are referenced; writing waits when the hasher falls behind. Rows (and their byte arrays and lists) must
 * therefore not be mutated after being written. Offsets must be contiguous and ascending from the start offset.
 *
 * <h2>Errors</h2>
 * A row of another schema, a non-contiguous offset or a null in a non-nullable column throws an
 * {@link IllegalArgumentException} naming the column or value; the session is then failed: {@code close()} deletes
 * the partial file. I/O failures are {@link UncheckedIOException}s.
 */
public final class SliceWriter {
  private final Schema schema;
  private final Vocabulary vocabulary;
  private final int rowGroupRows;

  private SliceWriter(Schema schema, Vocabulary vocabulary, int rowGroupRows) {
    this.schema = schema;
    this.vocabulary = vocabulary;
    this.rowGroupRows = rowGroupRows;
  }

  /**
   * A writer for rows of {@code schema} with the default vocabulary.
   *
   * @throws IllegalArgumentException if the schema lacks the system columns or has an unsupported column
   */
  public static SliceWriter of(Schema schema) {
    return of(schema, Vocabulary.DEFAULT);
  }

  /** A writer for rows of {@code schema} whose system columns are named by {@code vocabulary}. */
  public static SliceWriter of(Schema schema, Vocabulary vocabulary) {
    return new SliceWriter(Objects.requireNonNull(schema, "schema"),
        Objects.requireNonNull(vocabulary, "vocabulary"), RowGroupFileWriter.KAMU_ROW_GROUP_ROWS).validated();
  }

  /** The same writer with at most {@code rows} rows per row group (default 1,048,576 like kamu; for tests). */
  public SliceWriter withRowGroupRows(int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("withRowGroupRows() must be > 0, but was " + rows);
    }
    return new SliceWriter(schema, vocabulary, rows);
  }

  private SliceWriter validated() {
    OdfSchemas.checkSystemColumns(schema, vocabulary);
    OdfSchemas.toParquet(schema);
    return this;
  }

  /** The row schema. */
  public Schema schema() {
    return schema;
  }

  /** Starts a slice whose first row has offset {@code startOffset}, written to the new file {@code file}. */
  public Session open(Path file, long startOffset) {
    return new Session(file, startOffset, null);
  }

  /** As {@link #open(Path, long)}, with the system time {@link Session#append(Row)} fills in. */
  public Session open(Path file, long startOffset, Instant systemTime) {
    return new Session(file, startOffset, Objects.requireNonNull(systemTime, "systemTime"));
  }

  /** One slice being written. Not thread-safe. */
  public final class Session implements AutoCloseable {
    private final Path file;
    private final long startOffset;
    private final Instant systemTime;
    private final HashingOutputFile out;
    private final BackgroundLogicalHash logicalHash;
    private final RowGroupFileWriter writer;
    private final Schema appendSchema;
    private Schema lastSchema;
    private long nextOffset;
    private boolean failed;
    private boolean done;

    private Session(Path file, long startOffset, Instant systemTime) {
      if (startOffset < 0) {
        throw new IllegalArgumentException("Cannot open slice: start offset must be >= 0, but was " + startOffset);
      }
      this.file = file;
      this.startOffset = startOffset;
      this.nextOffset = startOffset;
      this.systemTime = systemTime;
      this.lastSchema = schema;
      this.out = new HashingOutputFile(file);
      this.logicalHash = new BackgroundLogicalHash(schema);
      try {
        this.writer = new RowGroupFileWriter(out, new RowWriteSupport(schema), rowGroupRows);
      } catch (IOException e) {
        logicalHash.close();
        deleteQuietly();
        throw new UncheckedIOException("Cannot create data file " + file, e);
      }
      Schema.Builder b = Schema.builder();
      for (int i = 3; i < schema.getFieldCount(); i++) {
        b.addField(schema.getField(i));
      }
      this.appendSchema = b.build();
    }

    /** Schema of the rows {@link #append(Row)} takes: event time and data columns. */
    public Schema appendSchema() {
      return appendSchema;
    }

    /** Writes a row that includes the system columns; its offset must be the next one. */
    public void write(Row row) {
      checkUsable();
      Schema s = row.getSchema();
      if (s != lastSchema) {
        if (!s.equals(schema)) {
          failed = true;
          throw new IllegalArgumentException("Cannot write row with offset " + nextOffset
              + ": its schema differs from the writer's; expected " + schema + " but was " + s);
        }
        lastSchema = s;
      }
      Object offset = row.getValue(0);
      if (!(offset instanceof Long o) || o != nextOffset) {
        failed = true;
        throw new IllegalArgumentException("Cannot write row: offsets must be contiguous, expected "
            + vocabulary.offsetColumn() + " = " + nextOffset + " but was " + offset);
      }
      writeUnchecked(row);
    }

    /**
     * Writes a row of {@link #appendSchema()} (event time and data columns) as an append ({@code op} 0) with the
     * next offset and the session's system time.
     */
    public void append(Row eventTimeAndData) {
      checkUsable();
      if (systemTime == null) {
        throw new IllegalStateException("Cannot append: open the session with a system time");
      }
      Schema s = eventTimeAndData.getSchema();
      if (s != appendSchema && !s.equals(appendSchema)) {
        failed = true;
        throw new IllegalArgumentException("Cannot append row with offset " + nextOffset
            + ": its schema differs from the writer's; expected " + appendSchema + " but was " + s);
      }
      Object[] values = new Object[schema.getFieldCount()];
      values[0] = nextOffset;
      values[1] = 0;
      values[2] = systemTime;
      for (int i = 3; i < values.length; i++) {
        values[i] = eventTimeAndData.getValue(i - 3);
      }
      writeUnchecked(Row.withSchema(schema).attachValues(values));
    }

    private void writeUnchecked(Row row) {
      try {
        writer.write(row);
      } catch (IllegalArgumentException | ClassCastException e) {
        failed = true;
        throw new IllegalArgumentException("Cannot write row with offset " + nextOffset + ": " + e.getMessage(), e);
      } catch (IOException e) {
        failed = true;
        throw new UncheckedIOException("Cannot write data file " + file, e);
      }
      try {
        logicalHash.add(row); // after the write: only rows the writer accepted are hashed
      } catch (RuntimeException e) {
        failed = true; // a failure of an earlier batch on the background thread
        throw e;
      }
      nextOffset++;
    }

    /** Rows written so far. */
    public long rowCount() {
      return nextOffset - startOffset;
    }

    /**
     * Completes the file and returns it with its {@link DataSlice}; empty (and no file left behind) if no rows were
     * written.
     */
    public Optional<SliceFile> finish() {
      checkUsable();
      done = true;
      if (rowCount() == 0) {
        logicalHash.close();
        writer.abort();
        deleteQuietly();
        return Optional.empty();
      }
      try {
        writer.close();
        out.finish();
      } catch (IOException e) {
        failed = true;
        logicalHash.close();
        deleteQuietly();
        throw new UncheckedIOException("Cannot complete data file " + file, e);
      }
      Multihash logical;
      try {
        logical = logicalHash.finish();
      } catch (RuntimeException e) {
        failed = true;
        deleteQuietly();
        throw e;
      }
      DataSlice slice = new DataSlice(logical, out.physicalHash(),
          new OffsetInterval(startOffset, nextOffset - 1), out.size());
      return Optional.of(new SliceFile(slice, file));
    }

    /** Row groups written (complete after {@link #finish()}). */
    public long rowGroups() {
      return writer.rowGroups();
    }

    /** Discards an unfinished or failed slice (deleting its file); a no-op after a successful {@link #finish()}. */
    @Override
    public void close() {
      if (!done || failed) {
        done = true;
        logicalHash.close();
        writer.abort();
        deleteQuietly();
      }
    }

    private void checkUsable() {
      if (failed) {
        throw new IllegalStateException("Cannot use slice session for " + file + ": an earlier write failed");
      }
      if (done) {
        throw new IllegalStateException("Cannot use slice session for " + file + ": it is finished");
      }
    }

    private void deleteQuietly() {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // nothing more to do
      }
    }
  }
}
