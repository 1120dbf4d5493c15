package org.odfbeam.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.odfbeam.core.model.Nullable;

/**
 * A cache of the lines {@code odf log} prints, keyed by block hash, so that printing a long chain
 * again does not open every block file.
 *
 * <p>Blocks are immutable and named by the hash of their bytes, so an entry never goes stale: the
 * cache holds exactly what decoding the block would give (the tool trusts block file names for
 * {@code log} either way; {@code odf verify} re-hashes them). Blocks appended since the cache was
 * written are read from their files, newest first, until a cached block is reached; with no usable
 * cache the whole chain is read in parallel. The cache is then rewritten for the new head. It lives under {@code $ODF_CACHE_DIR} (or the {@code odf.cache.dir} property), else {@code $XDG_CACHE_HOME/odf-beam}, else
 * {@code ~/.cache/odf-beam}, one file per dataset directory, and records the tool build it was written
 * by (a new build starts afresh). A missing, unreadable or malformed cache is ignored; failing to
 * write one is silent.
 */
final class LogCache {
  private static final String MAGIC = "odf-log-cache 1";
  /** System property overriding the cache directory (used by the CDS training run). */
  static final String DIR_PROPERTY = "odf.cache.dir";

  private final Path file;
  /** The build and dataset path the header must name. */
  private final String build;

  private LogCache(Path file, String build) {
    this.file = file;
    this.build = build;
  }

  /** The cache for {@code datasetDir}, or null if no cache directory can be determined. */
  static @Nullable LogCache forDataset(Path datasetDir) {
    String dir = System.getProperty(DIR_PROPERTY, System.getenv("ODF_CACHE_DIR"));
    if (dir == null || dir.isEmpty()) {
      String xdg = System.getenv("XDG_CACHE_HOME");
      String home = System.getProperty("user.home");
      if (xdg != null && !xdg.isEmpty()) {
        dir = Path.of(xdg, "odf-beam").toString();
      } else if (home != null && !home.isEmpty()) {
        dir = Path.of(home, ".cache", "odf-beam").toString();
      } else {
        return null;
      }
    }
    // FNV-1a of the path names the file (no SHA3: the provider lookup alone costs more than a cache
    // hit); the header repeats the path, so a collision is just a miss.
    String path = datasetDir.toAbsolutePath().normalize().toString();
    long h = 0xcbf29ce484222325L;
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    return new LogCache(Path.of(dir, "log", Long.toHexString(h)), buildId() + " " + path);
  }

  /** Identifies the tool build: rendering may change between builds. */
  private static String buildId() {
    try {
      Path code = Path.of(LogCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return code.getFileName() + "@" + Files.getLastModifiedTime(code).toMillis();
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return "unknown";
    }
  }

  /**
   * The cached entries by block hash: {hash, prev hash or "", printed line}; empty if there is no
   * usable cache.
   */
  Map<String, String[]> load() {
    Map<String, String[]> entries = new HashMap<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      if (!(MAGIC + " " + build).equals(in.readLine())) {
        return Map.of();
      }
      String line;
      while ((line = in.readLine()) != null) {
        String[] parts = line.split("\t", 3);
        if (parts.length != 3) {
          return Map.of();
        }
        entries.put(parts[0], parts);
      }
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
    return entries;
  }

  /** The entries from {@code hash} back to the Seed, newest first, or null if any is not cached. */
  static @Nullable List<String[]> chainFrom(Map<String, String[]> entries, String hash) {
    List<String[]> chain = new ArrayList<>();
    String next = hash;
    while (!next.isEmpty()) {
      String[] entry = entries.get(next);
      if (entry == null || chain.size() > entries.size()) {
        return null;
      }
      chain.add(entry);
      next = entry[1];
    }
    return chain;
  }

  /** Replaces the cache with the chain just printed (hash, prev hash or "", line), newest first. */
  void write(Iterable<String[]> chain) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), ".log-", ".tmp");
      try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        out.write(MAGIC + " " + build + "\n");
        for (String[] e : chain) {
          out.write(e[0] + "\t" + e[1] + "\t" + e[2] + "\n");
        }
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      // A cache is an optimization: a read-only or full disk must not fail the command.
    }
  }
}
