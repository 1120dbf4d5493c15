package org.odfbeam.pipelines.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.core.model.ReadStep;

/** Test helpers: write a file, read it with a read step as ReadFiles would (schema declared or inferred). */
final class Formats {
  private Formats() {}

  /** Writes {@code text} trimmed, as kamu's {@code test_reader_success_textual} does. */
  static Path write(Path dir, String name, String text) {
    try {
      Path p = dir.resolve(name);
      Files.writeString(p, text.trim(), StandardCharsets.UTF_8);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The schema ReadFiles would use for these files. */
  static Schema schema(ReadStep step, Path... files) {
    try {
      Schema declared = ReadFiles.declaredSchema(step, "read");
      FileFormat format = ReadFiles.format(step, "read");
      if (declared != null) {
        format.check(inputs(files), declared);
        return declared;
      }
      return format.infer(inputs(files));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the files with the step's schema (declared or inferred from these files). */
  static List<Row> read(ReadStep step, Path... files) {
    Schema schema = schema(step, files);
    FileFormat format = ReadFiles.format(step, "read");
    List<Row> out = new ArrayList<>();
    try {
      for (FileFormat.Input in : inputs(files)) {
        format.read(in, schema, out::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static List<FileFormat.Input> inputs(Path... files) {
    List<FileFormat.Input> out = new ArrayList<>();
    for (Path p : files) {
      out.add(FileFormat.Input.of(p));
    }
    return out;
  }

  static Row row(Schema schema, Object... values) {
    return Row.withSchema(schema).addValues(values).build();
  }
}
