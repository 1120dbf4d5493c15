package org.odfbeam.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.data.ParquetLogicalHash;

/** {@code odf hash ...} commands. */
final class HashCommands {
  private HashCommands() {}

  /** {@code odf hash physical FILE}: the SHA3-256 multihash of the file's bytes. */
  static final class Physical implements Command {
    @Override
    public String name() {
      return "hash physical";
    }

    @Override
    public String synopsis() {
      return "hash physical FILE";
    }

    @Override
    public String summary() {
      return "Print the sha3-256 multihash of a file (the name ODF gives data and checkpoint files)";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws IOException {
      String file = args.expect(synopsis(), "FILE").get(0);
      Multihash hash;
      if (file.equals("-")) {
        hash = Multihash.sha3_256(System.in.readAllBytes());
      } else {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
          throw new NoSuchFileException(file);
        }
        hash = Multihash.sha3_256(path);
      }
      out.println(hash);
      return 0;
    }
  }

  /** {@code odf hash logical FILE.parquet}: arrow-digest's RecordDigestV0 over the file, as kamu computes it. */
  static final class Logical implements Command {
    @Override
    public String name() {
      return "hash logical";
    }

    @Override
    public String synopsis() {
      return "hash logical FILE.parquet";
    }

    @Override
    public String summary() {
      return "Print the logical hash of a Parquet file (arrow-digest RecordDigestV0, multihash f9680c0…)";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws IOException {
      String file = args.expect(synopsis(), "FILE.parquet").get(0);
      Path path = Path.of(file);
      if (!Files.isRegularFile(path)) {
        throw new NoSuchFileException(file);
      }
      out.println(ParquetLogicalHash.of(path));
      return 0;
    }
  }
}
