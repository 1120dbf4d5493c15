package org.odfbeam.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.odfbeam.core.OdfFormatException;
import org.odfbeam.core.model.DatasetSnapshot;
import org.odfbeam.core.yaml.DatasetSnapshotValidator;
import org.odfbeam.core.yaml.ManifestYaml;

/** {@code odf yaml normalize} and {@code odf manifest check}. */
final class ManifestCommands {
  private ManifestCommands() {}

  /** {@code odf yaml normalize FILE}. */
  static final class Normalize implements Command {
    @Override
    public String name() {
      return "yaml normalize";
    }

    @Override
    public String synopsis() {
      return "yaml normalize FILE";
    }

    @Override
    public String summary() {
      return "Print a MetadataBlock or DatasetSnapshot manifest in the canonical form kamu-cli writes";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws IOException {
      String file = args.expect(synopsis(), "FILE").get(0);
      String text = new String(Inputs.read(file), StandardCharsets.UTF_8);
      try {
        out.print(ManifestYaml.normalize(text));
      } catch (OdfFormatException e) {
        throw new OdfFormatException(Inputs.display(file) + ": " + e.getMessage(), e);
      }
      return 0;
    }
  }

  /** {@code odf manifest check FILE}. */
  static final class Check implements Command {
    @Override
    public String name() {
      return "manifest check";
    }

    @Override
    public String synopsis() {
      return "manifest check FILE";
    }

    @Override
    public String summary() {
      return "Validate a DatasetSnapshot manifest: exit 0 if valid, else 1 and the field (and line) at fault";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws IOException {
      String file = args.expect(synopsis(), "FILE").get(0);
      String text = new String(Inputs.read(file), StandardCharsets.UTF_8);
      List<DatasetSnapshot> snapshots;
      try {
        snapshots = ManifestYaml.readSnapshots(text);
        for (DatasetSnapshot snapshot : snapshots) {
          DatasetSnapshotValidator.normalize(snapshot);
        }
      } catch (OdfFormatException e) {
        err.println("odf: " + Inputs.display(file) + ": " + e.getMessage());
        return Odf.EXIT_PROBLEMS;
      }
      for (DatasetSnapshot snapshot : snapshots) {
        out.println(Inputs.display(file) + ": " + snapshot.name() + " (" + snapshot.kind().name().charAt(0)
            + snapshot.kind().name().substring(1).toLowerCase(java.util.Locale.ROOT) + ", "
            + snapshot.metadata().size() + " events): valid");
      }
      return 0;
    }
  }
}
