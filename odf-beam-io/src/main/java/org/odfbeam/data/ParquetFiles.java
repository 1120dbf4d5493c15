package org.odfbeam.data;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;

/** Opens local Parquet files without a Hadoop {@code Configuration}. */
final class ParquetFiles {
  private ParquetFiles() {}

  static ParquetFileReader open(Path file) throws IOException {
    ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
        .useStatsFilter(false)
        .build();
    LocalInputFile input = new LocalInputFile(file);
    try {
      return ParquetFileReader.open(input, options);
    } catch (RuntimeException e) {
      // parquet-mr names the file by its InputFile's identity hash ("LocalInputFile@1b2c3d"); name the path.
      String message = String.valueOf(e.getMessage()).replace(input.toString(), "the file");
      throw new org.odfbeam.core.OdfFormatException("Cannot read Parquet file " + file + ": " + message, e);
    }
  }
}
