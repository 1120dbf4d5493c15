package org.odfbeam.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.odfbeam.core.OdfFormatException;
import org.odfbeam.core.codec.MetadataBlockCodec;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.yaml.ManifestYaml;

/** {@code odf block ...} commands: hash, encode and decode single metadata blocks. */
final class BlockCommands {
  private BlockCommands() {}

  /** Parses a YAML or JSON MetadataBlock manifest and serializes it in its manifest version. */
  static byte[] encodeManifest(String file) throws IOException {
    String text = new String(Inputs.read(file), StandardCharsets.UTF_8);
    try {
      int version = ManifestYaml.blockManifestVersion(text);
      MetadataBlock block = ManifestYaml.readBlock(text);
      return MetadataBlockCodec.encode(block, version);
    } catch (OdfFormatException | IllegalArgumentException e) {
      throw new OdfFormatException("Cannot read block manifest " + Inputs.display(file) + ": "
          + e.getMessage(), e);
    }
  }

  /** {@code odf block hash FILE}. */
  static final class Hash implements Command {
    @Override
    public String name() {
      return "block hash";
    }

    @Override
    public String synopsis() {
      return "block hash FILE";
    }

    @Override
    public String summary() {
      return "Serialize a MetadataBlock manifest (YAML/JSON, version 2 or 3) and print its block hash";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws IOException {
      String file = args.expect(synopsis(), "FILE").get(0);
      out.println(MetadataBlockCodec.hash(encodeManifest(file)));
      return 0;
    }
  }

  /** {@code odf block encode FILE [--out PATH]}. */
  static final class Encode implements Command {
    @Override
    public String name() {
      return "block encode";
    }

    @Override
    public String synopsis() {
      return "block encode FILE [--out PATH]";
    }

    @Override
    public String summary() {
      return "Write the serialized bytes of a MetadataBlock manifest to PATH (default stdout)";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws IOException {
      String target = args.option("--out");
      String file = args.expect(synopsis(), "FILE").get(0);
      byte[] bytes = encodeManifest(file);
      if (target == null) {
        out.write(bytes);
      } else {
        Files.write(Path.of(target), bytes);
      }
      return 0;
    }
  }

  /** {@code odf block decode FILE}. */
  static final class Decode implements Command {
    @Override
    public String name() {
      return "block decode";
    }

    @Override
    public String synopsis() {
      return "block decode FILE";
    }

    @Override
    public String summary() {
      return "Print a stored binary block as the YAML manifest kamu-cli prints for it";
    }

    @Override
    public String help() {
      return Command.super.help()
          + "\nLike kamu-cli, the manifest carries the current version (3) whatever layout the block\n"
          + "was stored in; use 'odf log --yaml' to see blocks in place.\n";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws IOException {
      String file = args.expect(synopsis(), "FILE").get(0);
      byte[] stored = Inputs.read(file);
      MetadataBlock block;
      try {
        block = MetadataBlockCodec.decode(stored);
      } catch (OdfFormatException e) {
        throw new OdfFormatException("Cannot decode block " + Inputs.display(file) + ": " + e.getMessage(), e);
      }
      out.print(ManifestYaml.writeBlock(block));
      return 0;
    }
  }
}
