package org.odfbeam.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.odfbeam.core.codec.MetadataBlockCodec;
import org.odfbeam.core.model.MetadataBlock;
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
        + "--yaml prints every block as a MetadataBlock manifest, separated by '---' lines.\n"
        + "Printed lines are cached by block hash (blocks are immutable) under $ODF_CACHE_DIR,\n"
        + "$XDG_CACHE_HOME/odf-beam or ~/.cache/odf-beam, so printing a long chain again is fast.\n";
  }

  @Override
  public int run(Args args, PrintStream out, PrintStream err) throws IOException {
    boolean yaml = args.flag("--yaml");
    String dataset = args.expect(synopsis(), "DATASET").get(0);
    Path dir = Inputs.datasetDir(dataset);
    Multihash head = new LocalFsDatasetStorage(dir).readHead()
        .orElseThrow(() -> new UsageException("Cannot log dataset '" + dataset + "': it has no head block"));
    if (yaml) {
      printYaml(dir, head, out);
    } else {
      printLines(dir, head, out);
    }
    return 0;
  }

  /** Blocks read one by one from the head before giving up on the cache and reading all in parallel. */
  private static final int INCREMENTAL_LIMIT = 256;

  private static void printLines(Path dir, Multihash head, PrintStream out) throws IOException {
    LogCache cache = LogCache.forDataset(dir);
    Map<String, String[]> cached = cache == null ? Map.of() : cache.load();
    List<String[]> fresh = new ArrayList<>();
    List<String[]> older = cached.isEmpty() ? null : newBlocksThenCached(dir, head, cached, fresh);
    if (older == null) {
      fresh.clear();
      for (LocalChainReader.Entry entry : LocalChainReader.open(dir, head, LogCommand::line)) {
        Multihash prev = entry.block().prevBlockHash();
        fresh.add(new String[] {entry.hash(), prev == null ? "" : prev.toString(), entry.rendered()});
      }
      older = List.of();
    }
    StringBuilder text = new StringBuilder(1 << 16);
    for (String[] entry : fresh) {
      text.append(entry[2]).append('\n');
      flushIfLarge(text, out);
    }
    for (String[] entry : older) {
      text.append(entry[2]).append('\n');
      flushIfLarge(text, out);
    }
    out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
    if (cache != null && !fresh.isEmpty()) {
      List<String[]> chain = new ArrayList<>(fresh);
      chain.addAll(older);
      cache.write(chain); // only the current chain: entries of a replaced dataset do not pile up
    }
  }

  /**
   * Reads blocks from the head into {@code fresh} until one is cached; returns the cached lines from
   * there on, or null if none was reached within {@link #INCREMENTAL_LIMIT} blocks.
   */
  private static List<String[]> newBlocksThenCached(Path dir, Multihash head, Map<String, String[]> cached,
      List<String[]> fresh) {
    LocalFsDatasetStorage storage = new LocalFsDatasetStorage(dir);
    Multihash hash = head;
    while (hash != null && !cached.containsKey(hash.toString())) {
      if (fresh.size() == INCREMENTAL_LIMIT) {
        return null;
      }
      MetadataBlock block = MetadataBlockCodec.decode(storage.readBlock(hash));
      Multihash prev = block.prevBlockHash();
      fresh.add(new String[] {hash.toString(), prev == null ? "" : prev.toString(), line(hash.toString(), block)});
      hash = prev;
    }
    return hash == null ? List.of() : LogCache.chainFrom(cached, hash.toString());
  }

  private static String line(String hash, MetadataBlock block) {
    return block.sequenceNumber() + " " + hash + " " + BlockSummary.time(block.systemTime()) + " "
        + block.event().kindName() + " " + BlockSummary.of(block.event());
  }

  private static void printYaml(Path dir, Multihash head, PrintStream out) throws IOException {
    StringBuilder text = new StringBuilder(1 << 16);
    boolean first = true;
    for (LocalChainReader.Entry entry
        : LocalChainReader.open(dir, head, (hash, block) -> ManifestYaml.writeBlock(block))) {
      if (!first) {
        text.append("---\n");
      }
      text.append(entry.rendered());
      first = false;
      flushIfLarge(text, out);
    }
    out.write(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void flushIfLarge(StringBuilder text, PrintStream out) throws IOException {
    if (text.length() > (1 << 20)) {
      out.write(text.toString().getBytes(StandardCharsets.UTF_8));
      text.setLength(0);
    }
  }
}
