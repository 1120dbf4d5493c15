package org.odfbeam.runners;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The Flink configuration directory ({@code --flinkConfDir}) odf-beam gives an embedded Flink cluster
 * ({@code --flinkMaster=[local]}) when the user gives none. One per JVM, in the temporary directory, deleted when
 * the JVM exits.
 *
 * <p>Why: with an empty user class path (no jars, no {@code pipeline.classpaths}) Flink's library cache wraps the
 * <em>system</em> class loader as the job's user-code class loader. Under {@code mvn exec:java} the system class
 * loader is Maven's and sees neither Flink nor the pipeline, so the job fails with
 * {@code ClassNotFoundException: org.apache.flink.api.common.ExecutionConfig}. A non-empty
 * {@code pipeline.classpaths} (here an empty directory) makes Flink build a user-code class loader whose parent is
 * the loader that loaded Flink, which sees everything; classes are still loaded once, from that parent. Outside
 * Maven the result is the same as Flink's default. {@code io.tmp.dirs} and {@code web.tmpdir} keep the mini cluster's blobs,
 * working and upload directories inside this directory, so they are removed with it.
 */
final class EmbeddedFlinkConf {
  private static Path directory;

  private EmbeddedFlinkConf() {}

  /** The directory holding {@code flink-conf.yaml}; created on first use. */
  static synchronized Path directory() {
    if (directory == null) {
      directory = create();
    }
    return directory;
  }

  private static Path create() {
    try {
      Path dir = Files.createTempDirectory("odf-beam-flink-");
      Path classes = Files.createDirectories(dir.resolve("user-classpath"));
      Path tmp = Files.createDirectories(dir.resolve("tmp"));
      String conf = """
          # Written by odf-beam (org.odfbeam.runners.OdfRunners) for an embedded Flink cluster ([local]).
          # A non-empty user class path makes Flink's user-code class loader a child of the loader that loaded
          # Flink (not of the system class loader, which under mvn exec:java cannot see Flink). The directory is
          # empty: every class comes from that parent.
          pipeline.classpaths: %s
          io.tmp.dirs: %s
          web.tmpdir: %s
          """.formatted(classes.toUri(), tmp, tmp);
      Files.writeString(dir.resolve("flink-conf.yaml"), conf, StandardCharsets.UTF_8);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir), "odf-beam-flink-conf-cleanup"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a Flink configuration directory for the embedded cluster in "
          + System.getProperty("java.io.tmpdir") + "; pass --flinkConfDir=<directory>", e);
    }
  }

  private static void deleteQuietly(Path root) {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      // Best effort at JVM exit: a file still open elsewhere stays behind in the temporary directory.
    }
  }
}
