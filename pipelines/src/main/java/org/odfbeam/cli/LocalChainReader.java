package org.odfbeam.cli;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.odfbeam.core.OdfFormatException;
import org.odfbeam.core.codec.MetadataBlockCodec;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.multiformats.Multihash;

/**
 * Reads the whole metadata chain of a local dataset for printing, newest first, as fast as the
 * machine allows: the block files are read and decoded by one thread per core, then linked from
 * {@code refs/head}. Rendering the printed text also happens on the reader threads. A block that is not on the chain is never an error; a block on the chain that
 * is missing or cannot be decoded is, naming it.
 *
 * <p>Block hashes are taken from the file names ({@code odf verify} re-hashes them).
 */
final class LocalChainReader implements Iterable<LocalChainReader.Entry> {
  /** One block of the chain and its rendering. */
  record Entry(String hash, MetadataBlock block, String rendered) {}

  /** Turns a block into the text a command prints for it (called on the reader threads). */
  interface Renderer {
    String render(String hash, MetadataBlock block);
  }

  private final Path blocksDir;
  private final String head;
  private final Map<String, Object> decoded;

  private LocalChainReader(Path blocksDir, String head, Map<String, Object> decoded) {
    this.blocksDir = blocksDir;
    this.head = head;
    this.decoded = decoded;
  }

  /** Reads, decodes and renders every file in {@code dataset/blocks} in parallel. */
  static LocalChainReader open(Path dataset, Multihash head, Renderer renderer) {
    Path blocksDir = dataset.resolve("blocks");
    String[] names = blocksDir.toFile().list((dir, name) -> !name.startsWith("."));
    if (names == null) {
      throw new OdfFormatException("Cannot read blocks of " + dataset + ": " + blocksDir + " is not a directory");
    }
    int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), names.length / 256));
    Map<String, Object> decoded = new HashMap<>(names.length * 2);
    if (threads == 1) {
      decodeStripe(blocksDir.toFile(), names, 0, 1, renderer, decoded);
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
        Thread t = new Thread(r, "odf-block-reader");
        t.setDaemon(true);
        return t;
      });
      try {
        List<Future<Map<String, Object>>> parts = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          int stripe = i;
          parts.add(pool.submit(() -> {
            Map<String, Object> part = new HashMap<>(names.length * 2 / threads + 16);
            decodeStripe(blocksDir.toFile(), names, stripe, threads, renderer, part);
            return part;
          }));
        }
        for (Future<Map<String, Object>> part : parts) {
          decoded.putAll(part.get());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while reading blocks of " + dataset, e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("Cannot read blocks of " + dataset + ": " + e.getCause().getMessage(),
            e.getCause());
      } finally {
        pool.shutdownNow();
      }
    }
    return new LocalChainReader(blocksDir, head.toString(), decoded);
  }

  /** Decodes every {@code threads}-th file starting at {@code stripe}; failures are kept, not thrown. */
  private static void decodeStripe(
      File dir, String[] names, int stripe, int threads, Renderer renderer, Map<String, Object> out) {
    byte[] buffer = new byte[64 * 1024];
    for (int i = stripe; i < names.length; i += threads) {
      String name = names[i];
      try {
        byte[] bytes = readFile(new File(dir, name), buffer);
        buffer = bytes.length > buffer.length ? new byte[bytes.length] : buffer;
        MetadataBlock block = MetadataBlockCodec.decode(bytes);
        out.put(name, new Entry(name, block, renderer.render(name, block)));
      } catch (IOException | RuntimeException e) {
        out.put(name, e);
      }
    }
  }

  private static byte[] readFile(File file, byte[] buffer) throws IOException {
    try (InputStream in = new FileInputStream(file)) {
      int n = 0;
      int r;
      while ((r = in.read(buffer, n, buffer.length - n)) > 0) {
        n += r;
        if (n == buffer.length) {
          buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
      }
      return Arrays.copyOf(buffer, n);
    }
  }

  @Override
  public Iterator<Entry> iterator() {
    return new Iterator<>() {
      private String next = head;
      private long expectedSeq = -1;

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public Entry next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        String hash = next;
        Object value = decoded.get(hash);
        String where = expectedSeq < 0 ? "the head block" : "block " + expectedSeq;
        if (value == null) {
          throw new OdfFormatException("Cannot read " + where + " " + hash + ": no such file "
              + blocksDir.resolve(hash));
        }
        if (value instanceof Exception e) {
          throw new OdfFormatException("Cannot read " + where + " " + hash + ": " + e.getMessage(), e);
        }
        Entry entry = (Entry) value;
        MetadataBlock block = entry.block();
        next = block.prevBlockHash() == null ? null : block.prevBlockHash().toString();
        expectedSeq = block.sequenceNumber() - 1;
        return entry;
      }
    };
  }
}
