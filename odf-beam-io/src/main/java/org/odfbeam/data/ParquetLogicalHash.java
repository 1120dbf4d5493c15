package org.odfbeam.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.odfbeam.core.multiformats.Multihash;

/**
 * The ODF logical hash of a Parquet file, as kamu-cli computes it ({@code get_parquet_logical_hash} in
 * kamu-data/kamu-cli:src/odf/data-utils/src/data/hash.rs): arrow-digest {@code RecordDigestV0<Sha3_256>} over the
 * Arrow view of the file, read in batches of 10,000 rows, as multihash {@code 0x300016}.
 *
 * <p>Works for any Parquet file (dictionary pages, any row-group and page layout, LIST/struct/decimal/date/timestamp
 * columns): the Arrow types are derived from the Parquet schema with arrow-rs' rules ({@link OdfSchemas#toArrow}).
 * Limitation: an embedded {@code ARROW:schema} key is ignored, so a file whose embedded Arrow types differ from the
 * derived ones (e.g. a time zone other than "UTC", Date64) hashes as arrow-rs would read it without that key.
 */
public final class ParquetLogicalHash {
  private ParquetLogicalHash() {}

  /**
   * Computes the logical hash of {@code parquetFile}, streaming one row group and one 10,000-row batch at a time.
   *
   * @throws org.odfbeam.core.arrow.UnsupportedArrowTypeException if a column has a type arrow-digest cannot hash
   * @throws UnsupportedSchemaException if arrow-rs could not read a column's type
   * @throws UncheckedIOException if the file cannot be read
   */
  public static Multihash of(Path parquetFile) {
    try (ParquetFileReader reader = ParquetFiles.open(parquetFile)) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      LogicalHashAssembler assembler = new LogicalHashAssembler(schema);
      MessageColumnIO io = new ColumnIOFactory(false).getColumnIO(schema);
      GroupConverter root = assembler.rootConverter();
      RecordMaterializer<Object> materializer = new RecordMaterializer<>() {
        @Override
        public Object getCurrentRecord() {
          return null;
        }

        @Override
        public GroupConverter getRootConverter() {
          return root;
        }
      };
      PageReadStore pages;
      while ((pages = reader.readNextRowGroup()) != null) {
        RecordReader<Object> records = io.getRecordReader(pages, materializer);
        for (long i = 0, n = pages.getRowCount(); i < n; i++) {
          records.read();
        }
      }
      return assembler.finish();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot compute logical hash of " + parquetFile, e);
    }
  }
}
