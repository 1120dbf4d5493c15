package org.odfbeam.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The runner a {@code RunnerIT*} test runs on, named by the system property {@value #PROPERTY} ({@code direct},
 * {@code flink} or {@code spark}; the surefire execution of that name sets it and puts only that runner on the class
 * path). Options are built from strings, so this class compiles against no runner and loads only the one in use.
 */
final class Runners {
  static final String PROPERTY = "odf.it.runner";

  private Runners() {}

  /** The runner named by {@value #PROPERTY}; {@code direct} when unset (e.g. a test started from an IDE). */
  static String name() {
    String name = System.getProperty(PROPERTY, "direct");
    if (!List.of("direct", "flink", "spark").contains(name)) {
      throw new IllegalArgumentException(PROPERTY + " must be direct, flink or spark, but was '" + name + "'");
    }
    return name;
  }

  /**
   * Options for the runner: DirectRunner; FlinkRunner on an embedded mini cluster ({@code [local]}) with
   * parallelism 2; SparkRunner with master {@code local[2]}.
   */
  static PipelineOptions options() {
    String[] args = switch (name()) {
      case "direct" -> new String[] {"--runner=DirectRunner"};
      case "flink" -> new String[] {"--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2"};
      case "spark" -> new String[] {"--runner=SparkRunner", "--sparkMaster=local[2]"};
      default -> throw new AssertionError(name());
    };
    return PipelineOptionsFactory.fromArgs(args).withValidation().create();
  }

  /** A new pipeline for the runner. */
  static Pipeline pipeline() {
    return Pipeline.create(options());
  }

  /** Runs {@code p} to completion; fails unless it ends {@code DONE}. */
  static void run(Pipeline p) {
    PipelineResult.State state = p.run().waitUntilFinish();
    if (state != PipelineResult.State.DONE) {
      throw new AssertionError("Pipeline on " + name() + " ended " + state);
    }
  }

  /**
   * Deletes what the runners left in this JVM's temporary directory (embedded Flink leaves a jar and a
   * {@code minicluster_*} folder per run). Only acts on a temporary directory under a {@code target/} directory,
   * which the surefire executions set; never on the system's.
   */
  static void cleanTempDir() {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
    Path parent = tmp.getParent();
    if (parent == null || parent.getFileName() == null || !parent.getFileName().toString().equals("target")
        || !Files.isDirectory(tmp)) {
      return;
    }
    try (Stream<Path> children = Files.list(tmp)) {
      for (Path child : children.toList()) {
        deleteRecursively(child);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot clean " + tmp, e);
    }
  }

  /** Creates this JVM's temporary directory if the surefire execution points it at a missing one. */
  static void ensureTempDir() {
    try {
      Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
