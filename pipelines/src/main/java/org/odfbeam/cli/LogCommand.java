package org.odfbeam.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.core.yaml.ManifestYaml;

/** {@code odf log DATASET [--yaml]}. */
final class LogCommand implements Command {
  @Override
  public String name() {
    return "log";
  }

  @Override
  public String synopsis() {
    return "log DATASET [--yaml]";
  }

  @Override
  public String summary() {
    return "Print the metadata chain from head: seq, block hash, system time, event kind, summary";
  }

  @Override
  public String help() {
    return Command.super.help() + "\nOne line per block, newest first, fields separated by single spaces:\n"
        + "  <sequence number> <block hash> <system time> <event kind> <summary>\n"
        + "--yaml prints every block as a MetadataBlock manifest, separated by '---' lines.\n";
  }

  @Override
  public int run(Args args, PrintStream out, PrintStream err) throws IOException {
    boolean yaml = args.flag("--yaml");
    String dataset = args.expect(synopsis(), "DATASET").get(0);
    Path dir = Inputs.datasetDir(dataset);
    Multihash head = new LocalFsDatasetStorage(dir).readHead()
        .orElseThrow(() -> new UsageException("Cannot log dataset '" + dataset + "': it has no head block"));
    LocalChainReader.Renderer renderer = yaml
        ? (hash, block) -> ManifestYaml.writeBlock(block)
        : (hash, block) -> block.sequenceNumber() + " " + hash + " " + BlockSummary.time(block.systemTime()) + " "
            + block.event().kindName() + " " + BlockSummary.of(block.event()) + "\n";
    StringBuilder text = new StringBuilder(1 << 16);
    boolean first = true;
    for (LocalChainReader.Entry entry : LocalChainReader.open(dir, head, renderer)) {
      if (yaml && !first) {
        text.append("---\n");
      }
      text.append(entry.rendered());
      first = false;
      if (text.length() > (1 << 20)) {
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        text.setLength(0);
      }
    }
    out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    return 0;
  }
}
