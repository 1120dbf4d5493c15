package org.odfbeam.pipelines.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/** One read step's format: infers a schema from files and reads one file into rows of a schema. */
interface FileFormat extends Serializable {

  /** Records read per file when inferring a schema (kamu's {@code DEFAULT_INFER_SCHEMA_ROWS}). */
  int INFER_RECORDS = 1000;

  /** A file to read: its name for messages, its bytes, and, if local, its path. */
  interface Input {
    /** The name used in messages (the path or URI). */
    String name();

    /** Opens the bytes. */
    InputStream open() throws IOException;

    /** The local path (Parquet needs random access). */
    Path path();

    /** A local file. */
    static Input of(Path file) {
      return new Input() {
        @Override
        public String name() {
          return file.toString();
        }

        @Override
        public InputStream open() throws IOException {
          return Files.newInputStream(file);
        }

        @Override
        public Path path() {
          return file;
        }
      };
    }
  }

  /** The format's name in step names, e.g. {@code CSV}. */
  String name();

  /**
   * The schema of rows read from these files when the read step declares none.
   *
   * @throws BadInputException if a file cannot be read
   */
  Schema infer(List<Input> files) throws IOException;

  /**
   * Checks, when the read is planned, that files can be read with a declared schema (Parquet compares it with the
   * files' own schemas); by default nothing to check.
   *
   * @throws BadInputException naming the file and column that do not fit
   */
  default void check(List<Input> files, Schema declared) throws IOException {}

  /**
   * Reads every record of {@code file} as a row of {@code schema}.
   *
   * @throws BadInputException naming the file, the record, the column and the value of the first bad record
   */
  void read(Input file, Schema schema, Consumer<Row> out) throws IOException;
}
