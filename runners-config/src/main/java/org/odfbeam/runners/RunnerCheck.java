package org.odfbeam.runners;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.odfbeam.io.OdfIO;

/**
 * Checks a runner setup end to end: one pipeline writes 1,000 rows to a new ODF dataset with {@code OdfIO}, a
 * second reads them back and counts them; prints one line with the times, or fails.
 *
 * <pre>
 * mvn -pl pipelines exec:java -Dexec.mainClass=org.odfbeam.runners.RunnerCheck                 # flink (default)
 * mvn -pl pipelines exec:java -Dexec.mainClass=org.odfbeam.runners.RunnerCheck -Drunner=spark
 * java -jar pipelines/target/pipelines-*-bundled.jar org.odfbeam.runners.RunnerCheck
 * </pre>
 * Arguments are those of {@link OdfRunners#fromArgs}. Without {@code --workspace} the dataset goes to a temporary
 * directory that is deleted afterwards; with it, to a new {@code runner-check-<runner>-<millis>} dataset there, which
 * is kept (on a cluster the workspace must be a directory every worker sees). The system time defaults to
 * {@code 2026-01-01T00:00:00Z}.
 */
public final class RunnerCheck {
  static final long ROWS = 1_000;

  private RunnerCheck() {}

  /** Runs the check; see the class documentation. */
  public static void main(String[] args) throws IOException {
    long start = System.nanoTime();
    OdfPipelineOptions options = OdfRunners.fromArgs(args);
    Path temporary = null;
    if (options.getWorkspace() == null) {
      temporary = Files.createTempDirectory("odf-runner-check-");
      options.setWorkspace(temporary.toString());
    }
    if (options.getSystemTime() == null) {
      options.setSystemTime("2026-01-01T00:00:00Z");
    }
    try {
      check(options, start);
    } finally {
      if (temporary != null) {
        deleteRecursively(temporary);
      }
    }
  }

  private static void check(OdfPipelineOptions options, long start) throws IOException {
    OdfSettings odf = OdfSettings.of(options);
    String runner = options.getRunner().getSimpleName();
    String dataset = odf.dataset("runner-check-" + runner.toLowerCase(Locale.ROOT) + "-" + System.currentTimeMillis());

    Schema schema = Schema.builder().addInt64Field("n").addStringField("label").build();
    Pipeline write = Pipeline.create(options);
    write.apply("Generate rows", GenerateSequence.from(0).to(ROWS))
        .apply("To rows", MapElements.into(TypeDescriptors.rows())
            .via((Long n) -> Row.withSchema(schema).addValues(n, "row-" + n).build()))
        .setRowSchema(schema)
        .apply("Write dataset", odf.applyTo(OdfIO.write().to(dataset)));
    expectDone(write.run().waitUntilFinish(), "write", runner);
    long written = System.nanoTime();

    Pipeline read = Pipeline.create(options);
    read.apply("Read dataset", OdfIO.read().from(dataset))
        .apply("Count", Count.globally())
        .apply("Report count", ParDo.of(new ReportCount()));
    PipelineResult result = read.run();
    expectDone(result.waitUntilFinish(), "read", runner);
    long count = 0;
    for (MetricResult<Long> c : result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(RunnerCheck.class, ReportCount.COUNTER)).build()).getCounters()) {
      count += c.getAttempted();
    }
    if (count != ROWS) {
      throw new IllegalStateException("Runner check failed on " + runner + ": read back " + count + " rows of "
          + ROWS + " written to " + dataset);
    }
    String head = Files.readString(Path.of(dataset, "refs", "head"), StandardCharsets.UTF_8).trim();
    System.out.printf(Locale.ROOT, "Runner check OK on %s: %d rows written (%.1f s) and read back (%.1f s); "
        + "dataset %s, head %s%n", runner, count, (written - start) / 1e9, (System.nanoTime() - written) / 1e9,
        dataset, head);
  }

  /** Reports the count as a metric, which the launcher reads on every runner. */
  static final class ReportCount extends DoFn<Long, Void> {
    static final String COUNTER = "rows_read";
    private final Counter rows = Metrics.counter(RunnerCheck.class, COUNTER);

    @ProcessElement
    public void process(@Element Long count) {
      rows.inc(count);
    }
  }

  private static void expectDone(PipelineResult.State state, String pipeline, String runner) {
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException("Runner check failed on " + runner + ": the " + pipeline + " pipeline ended "
          + state);
    }
  }

  private static void deleteRecursively(Path root) {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete the check's temporary workspace " + root, e);
    }
  }
}
