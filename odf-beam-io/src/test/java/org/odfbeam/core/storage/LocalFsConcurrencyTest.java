package org.odfbeam.core.storage;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.emptyArray;
import static org.hamcrest.Matchers.equalTo;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.core.multiformats.Multihash;

class LocalFsConcurrencyTest {
  @TempDir Path dir;

  @Test
  void twoThreadsCasFromTheSameHeadExactlyOneWins() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 50; round++) {
        LocalFsDatasetStorage ds = new LocalFsDatasetStorage(dir.resolve("ds" + round));
        ds.init();
        Multihash base = Multihash.sha3_256(("base" + round).getBytes(StandardCharsets.US_ASCII));
        ds.compareAndSetHead(null, base);
        Multihash[] next = {Multihash.sha3_256(new byte[] {1}), Multihash.sha3_256(new byte[] {2})};
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (Multihash n : next) {
          // separate storage instances, as separate workers would have
          LocalFsDatasetStorage mine = new LocalFsDatasetStorage(ds.root());
          results.add(pool.submit(() -> {
            start.await();
            try {
              mine.compareAndSetHead(base, n);
              return true;
            } catch (RefCasException e) {
              return false;
            }
          }));
        }
        start.countDown();
        boolean first = results.get(0).get(10, TimeUnit.SECONDS);
        boolean second = results.get(1).get(10, TimeUnit.SECONDS);
        assertThat("exactly one wins in round " + round, first ^ second, equalTo(true));
        assertThat(ds.readHead(), equalTo(Optional.of(first ? next[0] : next[1])));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void casIsAtomicAcrossProcesses() throws Exception {
    // Each worker process appends 'n' links: block = "<prev head>|<worker>-<i>", CAS(prev, hash(block)), retry on
    // RefCasException. If two CAS from the same head both succeeded, a link would be lost from the chain.
    LocalFsDatasetStorage ds = new LocalFsDatasetStorage(dir.resolve("ds"));
    ds.init();
    int perWorker = 60;
    List<Process> workers = new ArrayList<>();
    for (String name : new String[] {"p1", "p2"}) {
      workers.add(new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-cp", System.getProperty("java.class.path"),
              CasWorker.class.getName(), ds.root().toString(), name, Integer.toString(perWorker))
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve(name + ".log").toFile())
          .start());
    }
    for (Process p : workers) {
      assertThat(p.waitFor(120, TimeUnit.SECONDS), equalTo(true));
      assertThat(Files.readString(dir.resolve("p1.log")) + Files.readString(dir.resolve("p2.log")),
          p.exitValue(), equalTo(0));
    }
    int links = 0;
    Optional<Multihash> cur = ds.readHead();
    while (cur.isPresent()) {
      String block = new String(ds.readBlock(cur.get()), StandardCharsets.US_ASCII);
      String prev = block.substring(0, block.indexOf('|'));
      cur = prev.isEmpty() ? Optional.empty() : Optional.of(Multihash.parse(prev));
      links++;
    }
    assertThat(links, equalTo(2 * perWorker));
  }

  /** Worker process for {@link #casIsAtomicAcrossProcesses}. */
  public static final class CasWorker {
    public static void main(String[] args) {
      LocalFsDatasetStorage ds = new LocalFsDatasetStorage(Path.of(args[0]));
      int n = Integer.parseInt(args[2]);
      for (int i = 0; i < n; i++) {
        while (true) {
          Optional<Multihash> head = ds.readHead();
          byte[] block = (head.map(Multihash::toString).orElse("") + "|" + args[1] + "-" + i)
              .getBytes(StandardCharsets.US_ASCII);
          Multihash h = ds.writeBlock(block);
          try {
            ds.compareAndSetHead(head.orElse(null), h);
            break;
          } catch (RefCasException retry) {
            // someone else moved the head; rebuild on top of it
          }
        }
      }
    }
  }

  @Test
  void readersNeverSeePartialObjectsUnderTheFinalName() throws Exception {
    LocalFsDatasetStorage ds = new LocalFsDatasetStorage(dir.resolve("ds"));
    ds.init();
    List<byte[]> contents = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      byte[] b = new byte[512 * 1024];
      java.util.Arrays.fill(b, (byte) i);
      b[0] = (byte) (i + 100);
      contents.add(b);
    }
    AtomicBoolean done = new AtomicBoolean();
    AtomicBoolean sawPartial = new AtomicBoolean();
    Path data = ds.root().resolve("data");
    Thread reader = new Thread(() -> {
      while (!done.get()) {
        for (byte[] b : contents) {
          Path p = data.resolve(Multihash.sha3_256(b).toString());
          try {
            byte[] read = Files.readAllBytes(p);
            if (read.length != b.length) {
              sawPartial.set(true);
            }
          } catch (NoSuchFileException notYet) {
            // fine
          } catch (Exception e) {
            sawPartial.set(true);
          }
        }
      }
    });
    reader.start();
    for (byte[] b : contents) {
      ds.putData(b);
    }
    done.set(true);
    reader.join();
    assertThat(sawPartial.get(), equalTo(false));
    try (Stream<Path> s = Files.list(data)) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toArray(String[]::new),
          emptyArray());
    }
    assertThat(new File(data.toString()).list().length, equalTo(20));
  }
}
