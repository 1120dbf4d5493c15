package org.odfbeam.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading command inputs: files or stdin, dataset locations. */
final class Inputs {
  private Inputs() {}

  /** The bytes of FILE, or of stdin for {@code -}. */
  static byte[] read(String file) throws IOException {
    if (file.equals("-")) {
      return System.in.readAllBytes();
    }
    Path path = Path.of(file);
    if (!Files.isRegularFile(path)) {
      throw new NoSuchFileException(file);
    }
    return Files.readAllBytes(path);
  }

  /** A display name for FILE in messages. */
  static String display(String file) {
    return file.equals("-") ? "<stdin>" : file;
  }

  /** The directory of a DATASET argument: a path or a {@code file://} URL. */
  static Path datasetDir(String dataset) {
    Path dir;
    if (dataset.startsWith("file:")) {
      dir = Path.of(URI.create(dataset));
    } else if (dataset.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      throw new UsageException("Cannot open dataset '" + dataset
          + "': only local directories and file:// URLs are supported");
    } else {
      dir = Path.of(dataset);
    }
    if (!Files.isDirectory(dir)) {
      throw new UsageException("Cannot open dataset '" + dataset + "': no such directory");
    }
    if (!Files.isDirectory(dir.resolve("blocks")) || !Files.exists(dir.resolve("refs").resolve("head"))) {
      throw new UsageException("Cannot open dataset '" + dataset
          + "': not an ODF dataset (expected blocks/ and refs/head)");
    }
    return dir;
  }
}
