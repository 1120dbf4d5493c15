package org.odfbeam.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads an ODF data file back into Beam {@link Row}s of the dataset's schema, streaming one row group at a time.
 *
 * <h2>Reading</h2>
 * <pre>{@code
 * SliceReader reader = SliceReader.of(datasetSchema)
 *     .withColumns("offset", "city")          // projection (default: all columns), output in this order
 *     .withOffsetRange(100, 199);             // closed range; row groups whose statistics exclude it are skipped
 * try (SliceReader.Rows rows = reader.open(file)) {
 *   while (rows.hasNext()) { Row r = rows.next(); ... }
 * }
 * }</pre>
 *
 * <p>Columns are matched by name. <b>Schema evolution:</b> files written before a nullable column was added to the
 * dataset (by a later {@code SetDataSchema}) lack it; it reads as null in every row of such a file, so older slices
 * read with the dataset's current schema. A non-nullable column missing from the file, or a column stored with an
 * incompatible Parquet type, fails at {@link #open} with the file and column named. The offset column (from the vocabulary) is read for filtering even when it
 * is not projected. Memory: one row group's pages plus one row.
 */
public final class SliceReader {
  private final Schema datasetSchema;
  private final Schema outputSchema;
  private final Vocabulary vocabulary;
  private final long fromOffset;
  private final long toOffset;
  private final boolean filtered;

  private SliceReader(Schema datasetSchema, Schema outputSchema, Vocabulary vocabulary, long from, long to,
      boolean filtered) {
    this.datasetSchema = datasetSchema;
    this.outputSchema = outputSchema;
    this.vocabulary = vocabulary;
    this.fromOffset = from;
    this.toOffset = to;
    this.filtered = filtered;
  }

  /** A reader producing rows of {@code datasetSchema} (all columns, no filter, default vocabulary). */
  public static SliceReader of(Schema datasetSchema) {
    Objects.requireNonNull(datasetSchema, "datasetSchema");
    return new SliceReader(datasetSchema, datasetSchema, Vocabulary.DEFAULT, 0, Long.MAX_VALUE, false);
  }

  /** The same reader for a dataset with the given system column names. */
  public SliceReader withVocabulary(Vocabulary vocabulary) {
    return new SliceReader(datasetSchema, outputSchema, Objects.requireNonNull(vocabulary, "vocabulary"),
        fromOffset, toOffset, filtered);
  }

  /** The same reader producing only the named columns, in this order. */
  public SliceReader withColumns(String... columns) {
    if (columns.length == 0) {
      throw new IllegalArgumentException("withColumns() needs at least one column");
    }
    Schema.Builder b = Schema.builder();
    for (String c : columns) {
      if (!datasetSchema.hasField(c)) {
        throw new IllegalArgumentException("withColumns(): no column '" + c + "' in the dataset schema; columns are "
            + datasetSchema.getFieldNames());
      }
      b.addField(datasetSchema.getField(c));
    }
    return new SliceReader(datasetSchema, b.build(), vocabulary, fromOffset, toOffset, filtered);
  }

  /** The same reader returning only rows with {@code from <= offset <= to}. */
  public SliceReader withOffsetRange(long from, long to) {
    if (from > to) {
      throw new IllegalArgumentException("withOffsetRange() needs from <= to, but was " + from + " > " + to);
    }
    return new SliceReader(datasetSchema, outputSchema, vocabulary, from, to, true);
  }

  /** Schema of the rows produced. */
  public Schema outputSchema() {
    return outputSchema;
  }

  /** Reads every matching row of {@code file} into {@code consumer}; returns the number of rows. */
  public long read(Path file, Consumer<Row> consumer) {
    long n = 0;
    try (Rows rows = open(file)) {
      while (rows.hasNext()) {
        consumer.accept(rows.next());
        n++;
      }
    }
    return n;
  }

  /** Opens {@code file}; the caller closes the returned iterator. */
  public Rows open(Path file) {
    try {
      return new Rows(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open data file " + file, e);
    }
  }

  /** Matching rows of one file, streamed row group by row group. */
  public final class Rows implements Iterator<Row>, AutoCloseable {
    private final Path file;
    private final ParquetFileReader reader;
    private final MessageColumnIO io;
    private final RecordMaterializer<Row> materializer;
    private final List<BlockMetaData> blocks;
    private final long[] offset = new long[1];
    private int nextBlock;
    private RecordReader<Row> records;
    private long remaining;
    private Row next;
    private long groupsRead;
    private long groupsSkipped;

    private Rows(Path file) throws IOException {
      this.file = file;
      this.reader = ParquetFiles.open(file);
      try {
        MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
        String offsetColumn = vocabulary.offsetColumn();
        List<Type> requested = new ArrayList<>();
        List<Integer> targets = new ArrayList<>();
        int offsetFileIndex = -1;
        for (int i = 0; i < outputSchema.getFieldCount(); i++) {
          Schema.Field f = outputSchema.getField(i);
          if (!fileSchema.containsField(f.getName()) && f.getType().getNullable()) {
            continue; // written before the column was added: stays null
          }
          if (f.getName().equals(offsetColumn)) {
            offsetFileIndex = requested.size();
          }
          requested.add(fileField(fileSchema, f.getName()));
          targets.add(i);
        }
        if (offsetFileIndex < 0 && (filtered || requested.isEmpty())) {
          // read for filtering, or to count rows when every projected column is absent from the file
          offsetFileIndex = requested.size();
          requested.add(fileField(fileSchema, offsetColumn));
          targets.add(-1);
        }
        MessageType projection = new MessageType(fileSchema.getName(), requested);
        reader.setRequestedSchema(projection);
        this.io = new ColumnIOFactory(false).getColumnIO(projection, fileSchema, true);
        int[] idx = targets.stream().mapToInt(Integer::intValue).toArray();
        this.materializer = materializer(projection, idx, offsetFileIndex);
        this.blocks = reader.getRowGroups();
      } catch (RuntimeException e) {
        reader.close();
        throw e;
      }
    }

    private Type fileField(MessageType fileSchema, String name) {
      if (!fileSchema.containsField(name)) {
        throw new IllegalArgumentException("Cannot read data file " + file + ": column '" + name
            + "' is missing and not nullable; the file has " + fileSchema.getFields().stream().map(Type::getName).toList());
      }
      return fileSchema.getType(name);
    }

    private RecordMaterializer<Row> materializer(MessageType projection, int[] idx, int offsetFileIndex) {
      RowConverters.RowConverter root = new RowConverters.RowConverter(outputSchema, projection, idx, "", null) {
        @Override
        Converter hiddenConverter(int fileIndex) {
          return offsetCapture();
        }

        @Override
        public Converter getConverter(int fieldIndex) {
          if (fieldIndex == offsetFileIndex && idx[fieldIndex] >= 0) {
            Converter real = super.getConverter(fieldIndex);
            return new PrimitiveConverter() {
              @Override
              public void addLong(long v) {
                offset[0] = v;
                real.asPrimitiveConverter().addLong(v);
              }
            };
          }
          return super.getConverter(fieldIndex);
        }
      };
      return new RecordMaterializer<>() {
        @Override
        public Row getCurrentRecord() {
          return root.current();
        }

        @Override
        public GroupConverter getRootConverter() {
          return root;
        }
      };
    }

    private PrimitiveConverter offsetCapture() {
      return new PrimitiveConverter() {
        @Override
        public void addLong(long v) {
          offset[0] = v;
        }
      };
    }

    @Override
    public boolean hasNext() {
      try {
        while (next == null) {
          if (remaining == 0 && !nextRowGroup()) {
            return false;
          }
          remaining--;
          Row r = records.read();
          if (!filtered || (offset[0] >= fromOffset && offset[0] <= toOffset)) {
            next = r;
          }
        }
        return true;
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read data file " + file, e);
      }
    }

    private boolean nextRowGroup() throws IOException {
      while (nextBlock < blocks.size()) {
        BlockMetaData block = blocks.get(nextBlock++);
        if (filtered && excluded(block)) {
          reader.skipNextRowGroup();
          groupsSkipped++;
          continue;
        }
        PageReadStore pages = reader.readNextRowGroup();
        groupsRead++;
        records = io.getRecordReader(pages, materializer);
        remaining = pages.getRowCount();
        if (remaining > 0) {
          return true;
        }
      }
      return false;
    }

    /** True if the offset column's statistics prove that no row of {@code block} is in range. */
    private boolean excluded(BlockMetaData block) {
      for (ColumnChunkMetaData c : block.getColumns()) {
        if (c.getPath().size() == 1 && c.getPath().toArray()[0].equals(vocabulary.offsetColumn())) {
          Statistics<?> s = c.getStatistics();
          if (s == null || s.isEmpty() || !s.hasNonNullValue() || !(s.genericGetMin() instanceof Long)) {
            return false;
          }
          long min = (Long) s.genericGetMin();
          long max = (Long) s.genericGetMax();
          return max < fromOffset || min > toOffset;
        }
      }
      return false;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row r = next;
      next = null;
      return r;
    }

    /** Row groups decoded so far. */
    public long rowGroupsRead() {
      return groupsRead;
    }

    /** Row groups skipped by their offset statistics so far. */
    public long rowGroupsSkipped() {
      return groupsSkipped;
    }

    @Override
    public void close() {
      try {
        reader.close();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot close data file " + file, e);
      }
    }
  }
}
