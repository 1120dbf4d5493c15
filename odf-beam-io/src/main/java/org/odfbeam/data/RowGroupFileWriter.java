package org.odfbeam.data;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import org.apache.beam.sdk.values.Row;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * parquet-mr's record-writing loop ({@code InternalParquetRecordWriter}) with kamu's settings and one addition
 * parquet-mr 1.15 lacks: row groups are closed after at most {@code rowGroupRows} rows (DataFusion's
 * {@code max_row_group_size}), as well as when the buffered size reaches the byte limit.
 */
final class RowGroupFileWriter implements Closeable {
  /** kamu/DataFusion's default maximum rows per row group. */
  static final int KAMU_ROW_GROUP_ROWS = 1_048_576;
  /** parquet-mr's default row-group byte size. */
  static final long ROW_GROUP_BYTES = 128L * 1024 * 1024;
  private static final int SIZE_CHECK_INTERVAL = 1_000;

  private final RowWriteSupport writeSupport;
  private final ParquetFileWriter fileWriter;
  private final ParquetProperties props;
  private final CodecFactory codecs;
  private final CodecFactory.BytesCompressor compressor;
  private final MessageType schema;
  private final int rowGroupRows;
  private ColumnChunkPageWriteStore pageStore;
  private ColumnWriteStore columnStore;
  private RecordConsumer recordConsumer;
  private long recordCount;
  private long rowGroups;

  RowGroupFileWriter(OutputFile file, RowWriteSupport writeSupport, int rowGroupRows) throws IOException {
    this.writeSupport = writeSupport;
    this.rowGroupRows = rowGroupRows;
    this.schema = writeSupport.init(new PlainParquetConfiguration()).getSchema();
    this.props = kamuProperties();
    this.codecs = new CodecFactory(new PlainParquetConfiguration(), props.getPageSizeThreshold());
    this.compressor = codecs.getCompressor(CompressionCodecName.SNAPPY);
    this.fileWriter = new ParquetFileWriter(file, schema, ParquetFileWriter.Mode.CREATE, ROW_GROUP_BYTES, 0,
        null, props);
    fileWriter.start();
    startRowGroup();
  }

  /** kamu's writer settings: format 1.0, dictionary on, statistics on (format notes section 7). */
  static ParquetProperties kamuProperties() {
    return ParquetProperties.builder()
        .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
        .withDictionaryEncoding(true)
        .withStatisticsEnabled(true)
        .withPageWriteChecksumEnabled(false)
        .build();
  }

  private void startRowGroup() {
    pageStore = new ColumnChunkPageWriteStore(compressor, schema, props.getAllocator(),
        props.getColumnIndexTruncateLength(), props.getPageWriteChecksumEnabled());
    columnStore = props.newColumnWriteStore(schema, pageStore, pageStore);
    MessageColumnIO io = new ColumnIOFactory(false).getColumnIO(schema);
    recordConsumer = io.getRecordWriter(columnStore);
    writeSupport.prepareForWrite(recordConsumer);
  }

  void write(Row row) throws IOException {
    writeSupport.write(row);
    recordCount++;
    if (recordCount >= rowGroupRows
        || (recordCount % SIZE_CHECK_INTERVAL == 0 && columnStore.getBufferedSize() >= ROW_GROUP_BYTES)) {
      flushRowGroup();
      startRowGroup();
    }
  }

  private void flushRowGroup() throws IOException {
    try {
      if (recordCount > 0) {
        recordConsumer.flush(); // writes the nulls parquet-mr caches for absent groups
        fileWriter.startBlock(recordCount);
        columnStore.flush();
        pageStore.flushToFileWriter(fileWriter);
        fileWriter.endBlock();
        rowGroups++;
        recordCount = 0;
      }
    } finally {
      // the column store was flushed (closing it would flush again); the page store owns the buffers
      pageStore.close();
    }
  }

  /** Row groups written so far. */
  long rowGroups() {
    return rowGroups;
  }

  /** Writes the last row group and the footer (no key-value metadata) and closes the file. */
  @Override
  public void close() throws IOException {
    try {
      flushRowGroup();
      fileWriter.end(Map.of());
    } finally {
      codecs.release();
    }
  }

  /** Closes the output without a footer (after a failure); the caller deletes the file. */
  void abort() {
    try {
      codecs.release();
      fileWriter.close();
    } catch (IOException | RuntimeException e) {
      // best effort: the file is deleted by the caller
    }
  }
}
