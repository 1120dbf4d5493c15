package org.odfbeam.it.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.core.chain.BlockRef;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.model.DataSlice;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.io.OdfIO;

/**
 * The pipeline the cluster tests submit, and what they check afterwards. The pipeline uses only Beam and OdfIO
 * transforms (no test code runs on the cluster), so the bundled jar alone carries what the job needs.
 */
final class ClusterPipelines {
  static final Schema SCHEMA = Schema.builder()
      .addDateTimeField("event_time")
      .addInt64Field("id")
      .addStringField("name")
      .build();
  static final int ROWS = 1_000;
  /** 1,000 rows in slices of 400: three AddData blocks (400 + 400 + 200). */
  static final long MAX_RECORDS_PER_SLICE = 400;
  static final Instant SYSTEM_TIME = Instant.parse("2024-05-01T00:00:00Z");

  private ClusterPipelines() {}

  /** Where the cluster tests of {@code runner} keep their files: {@code integration-tests/target/cluster-it/<runner>}. */
  static Path workDir(String runner) {
    Path dir = ClusterScripts.REPO.resolve("integration-tests/target/cluster-it").resolve(runner);
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Row> rows() {
    long base = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    List<Row> rows = new ArrayList<>(ROWS);
    for (int i = 0; i < ROWS; i++) {
      // Event times repeat (50 distinct minutes), so the offset order also depends on the row encoding.
      rows.add(Row.withSchema(SCHEMA)
          .addValues(new org.joda.time.Instant(base + 60_000L * ((i * 37L) % 50)), (long) i, "row-" + (i * 7919 % 1000))
          .build());
    }
    Collections.shuffle(rows, new java.util.Random(42));
    return rows;
  }

  /**
   * Writes {@link #rows()} to a new dataset at {@code dataset} with OdfIO on the runner {@code args} select; fails
   * unless the pipeline ends {@code DONE}.
   */
  static void write(List<String> args, Path dataset) {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).withValidation().create());
    p.apply("Rows", Create.of(rows()).withRowSchema(SCHEMA))
        .apply("Write", OdfIO.write().to(dataset.toString())
            .withSystemTime(SYSTEM_TIME)
            .withMaxRecordsPerSlice(MAX_RECORDS_PER_SLICE));
    PipelineResult.State state = p.run().waitUntilFinish();
    if (state != PipelineResult.State.DONE) {
      throw new AssertionError("Pipeline " + args + " ended " + state);
    }
  }

  /** The datasets the Demo writes, in the order it writes them. */
  static final List<String> DEMO_DATASETS = List.of("weather.stations", "weather.readings", "weather.city-daily");

  /**
   * Runs the Demo (the README's main job: two ingests and a derivation, month by month) with its datasets in
   * {@code workspace}, on the runner {@code args} select, with the Demo's fixed system times.
   */
  static void demo(List<String> args, Path workspace) {
    List<String> all = new ArrayList<>(args);
    all.add("--workspace=" + workspace);
    all.add("--systemTime=2026-03-01T00:00:00Z");
    all.add("--demoData=" + ClusterScripts.REPO.resolve("examples/demo"));
    org.odfbeam.pipelines.Demo.Options options = PipelineOptionsFactory.fromArgs(all.toArray(String[]::new))
        .withValidation().as(org.odfbeam.pipelines.Demo.Options.class);
    org.odfbeam.pipelines.Demo.run(options);
  }

  /** "start..end logicalHash" of every data block (AddData or ExecuteTransform) of each Demo dataset. */
  static List<String> demoSlices(Path workspace) {
    List<String> out = new ArrayList<>();
    for (String name : DEMO_DATASETS) {
      for (String slice : committedSlices(workspace.resolve(name))) {
        out.add(name + " " + slice);
      }
    }
    return out;
  }

  /** "start..end logicalHash" of every data block (AddData or ExecuteTransform), genesis first. */
  static List<String> committedSlices(Path dataset) {
    List<BlockRef> blocks = new MetadataChain(LocalFsDatasetStorage.open(dataset.toString())).blocks()
        .collect(Collectors.toCollection(ArrayList::new));
    Collections.reverse(blocks);
    List<String> out = new ArrayList<>();
    for (BlockRef b : blocks) {
      if (b.block().event() instanceof org.odfbeam.core.model.DataEvent add && add.newData() != null) {
        DataSlice s = add.newData();
        out.add(s.offsetInterval().start() + ".." + s.offsetInterval().end() + " " + s.logicalHash());
      }
    }
    return out;
  }

  /** Exit code and output of {@code bin/odf verify <dataset>}, run as a user would. */
  record Verify(int exitCode, String output) {}

  static Verify odfVerify(Path dataset) {
    Path odf = ClusterScripts.REPO.resolve("bin/odf");
    try {
      Path out = Files.createTempFile("odf-verify", ".out");
      try {
        ProcessBuilder pb = new ProcessBuilder(odf.toString(), "verify", dataset.toString())
            .directory(ClusterScripts.REPO.toFile()).redirectErrorStream(true).redirectOutput(out.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("ODF_CACHE_DIR",
            Files.createDirectories(ClusterScripts.REPO.resolve("integration-tests/target/odf-cache")).toString());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IllegalStateException("bin/odf verify " + dataset + " did not finish in 120 s");
        }
        return new Verify(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The entries of this JVM's temporary directory, to remove what an embedded run adds (see {@link #cleanTemp}). */
  static Set<Path> tempEntries() {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    if (!Files.isDirectory(tmp)) {
      return Set.of();
    }
    try (Stream<Path> s = Files.list(tmp)) {
      return s.collect(Collectors.toSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Deletes the entries of the temporary directory that are not in {@code before} (an embedded Flink run leaves a
   * jar and a {@code minicluster_*} folder); only when that directory is under a {@code target/} directory, as the
   * surefire executions set it, never the system's.
   */
  static void cleanTemp(Set<Path> before) {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
    Path parent = tmp.getParent();
    if (parent == null || parent.getFileName() == null || !parent.getFileName().toString().equals("target")) {
      return;
    }
    for (Path p : tempEntries()) {
      if (!before.contains(p)) {
        deleteRecursively(p);
      }
    }
  }

  /** Wall times of one test class, printed and appended to {@code <workDir>/timings.txt}. */
  static final class Timings {
    private final Path file;
    private final String runner;

    Timings(String runner, Path workDir) {
      this.runner = runner;
      this.file = workDir.resolve("timings.txt");
    }

    void record(String what, Duration d) {
      String line = String.format(java.util.Locale.ROOT, "%s %s %-32s %7.1f s", Instant.now(), runner, what,
          d.toMillis() / 1000.0);
      System.out.println("[cluster-it] " + line);
      try {
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Runs {@code action}, records its wall time, returns it. */
    Duration time(String what, Runnable action) {
      long t0 = System.nanoTime();
      action.run();
      Duration d = Duration.ofNanos(System.nanoTime() - t0);
      record(what, d);
      return d;
    }
  }
}
