package org.odfbeam.cli;

import java.io.IOException;
import java.io.PrintStream;
import org.odfbeam.core.chain.BlockRef;
import org.odfbeam.core.chain.MetadataChain;
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
    MetadataChain chain = new MetadataChain(new LocalFsDatasetStorage(Inputs.datasetDir(dataset)));
    StringBuilder line = new StringBuilder(256);
    boolean first = true;
    for (BlockRef ref : chain) {
      line.setLength(0);
      if (yaml) {
        if (!first) {
          line.append("---\n");
        }
        line.append(ManifestYaml.writeBlock(ref.block()));
      } else {
        line.append(ref.sequenceNumber()).append(' ').append(ref.hash()).append(' ')
            .append(BlockSummary.time(ref.block().systemTime())).append(' ')
            .append(ref.block().event().kindName()).append(' ')
            .append(BlockSummary.of(ref.block().event())).append('\n');
      }
      out.append(line);
      first = false;
    }
    return 0;
  }
}
