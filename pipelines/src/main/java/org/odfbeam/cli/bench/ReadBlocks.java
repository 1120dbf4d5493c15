package org.odfbeam.cli.bench;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The I/O floor of {@code odf log} for {@code bench/odf-startup.sh}: reads every file of
 * {@code DATASET/blocks} the way the tool does (one thread per core, FileInputStream, reused buffer)
 * and does nothing else. Started like the tool: {@code ODF_MAIN=org.odfbeam.cli.bench.ReadBlocks bin/odf DATASET}.
 */
public final class ReadBlocks {
  private ReadBlocks() {}

  public static void main(String[] args) throws Exception {
    File dir = new File(args[0], "blocks");
    String[] names = dir.list((d, n) -> !n.startsWith("."));
    int threads = Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Long>> parts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int stripe = t;
      parts.add(pool.submit(() -> {
        byte[] buffer = new byte[64 * 1024];
        long bytes = 0;
        for (int i = stripe; i < names.length; i += threads) {
          try (InputStream in = new FileInputStream(new File(dir, names[i]))) {
            int n;
            while ((n = in.read(buffer)) > 0) {
              bytes += n;
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        return bytes;
      }));
    }
    long total = 0;
    for (Future<Long> part : parts) {
      total += part.get();
    }
    pool.shutdown();
    System.out.println(names.length + " files, " + total + " bytes");
  }
}
