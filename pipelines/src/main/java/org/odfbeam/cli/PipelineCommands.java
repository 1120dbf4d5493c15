package org.odfbeam.cli;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code odf pull} and {@code odf ingest}: run the Ingest and Transform pipelines in-process on a Beam runner, like
 * kamu-cli's commands. They reach the pipelines (module {@code pipelines}, package {@code org.odfbeam.pipelines})
 * by reflection so that the tool's other commands never load Beam classes.
 */
final class PipelineCommands {
  static final List<String> RUNNERS = List.of("direct", "flink", "spark");

  private PipelineCommands() {}

  /** {@code odf pull --workspace DIR MANIFEST...}. */
  static final class PullCommand implements Command {
    @Override
    public String name() {
      return "pull";
    }

    @Override
    public String synopsis() {
      return "pull --workspace DIR MANIFEST... [--runner direct|flink|spark] [--system-time RFC3339]"
          + " [--run-with-beam-sql]";
    }

    @Override
    public String summary() {
      return "Create each manifest's dataset under DIR/<name> if absent, then ingest (root) or transform"
          + " (derivative) its new data, in dependency order; one progress line per dataset";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
      String workspace = args.option("--workspace");
      Object launch = launch(args);
      List<String> manifests = args.expectAtLeast(synopsis(), 1, "MANIFEST");
      if (workspace == null) {
        throw new UsageException("pull needs --workspace DIR");
      }
      if (manifests.isEmpty()) {
        throw new UsageException("pull needs at least one MANIFEST");
      }
      invoke("pull", new Class<?>[] {String.class, List.class, launch.getClass(), PrintStream.class},
          workspace, manifests, launch, out);
      return 0;
    }
  }

  /** {@code odf ingest DATASET FILE... [--manifest M.yaml]}. */
  static final class IngestCommand implements Command {
    @Override
    public String name() {
      return "ingest";
    }

    @Override
    public String synopsis() {
      return "ingest DATASET FILE... [--manifest M.yaml] [--runner direct|flink|spark] [--system-time RFC3339]";
    }

    @Override
    public String summary() {
      return "Push files into a root dataset through its push source, in one commit (created from the manifest"
          + " first if it does not exist)";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
      String manifest = args.option("--manifest");
      Object launch = launch(args);
      List<String> words = args.expectAtLeast(synopsis(), 2, "DATASET and FILE");
      if (words.size() < 2) {
        throw new UsageException("ingest needs a DATASET and at least one FILE; usage: odf " + synopsis());
      }
      invoke("ingest", new Class<?>[] {String.class, List.class, String.class, launch.getClass(), PrintStream.class},
          words.get(0), words.subList(1, words.size()), manifest, launch, out);
      return 0;
    }
  }

  /** The {@code Pull.Launch} of {@code --runner}, {@code --system-time} and {@code --run-with-beam-sql}. */
  private static Object launch(Args args) {
    String runner = args.option("--runner");
    String systemTime = args.option("--system-time");
    boolean beamSql = args.flag("--run-with-beam-sql");
    runner = runner == null ? "flink" : runner.toLowerCase(java.util.Locale.ROOT);
    if (!RUNNERS.contains(runner)) {
      throw new UsageException("--runner must be one of " + String.join(", ", RUNNERS) + ", but was '" + runner
          + "'");
    }
    if (systemTime != null) {
      try {
        OffsetDateTime.parse(systemTime);
      } catch (DateTimeParseException e) {
        throw new UsageException("--system-time must be an RFC 3339 time such as 2026-01-01T00:00:00Z, but was '"
            + systemTime + "'");
      }
    }
    try {
      Class<?> type = Class.forName("org.odfbeam.pipelines.Pull$Launch");
      return type.getConstructor(String.class, String.class, boolean.class).newInstance(runner, systemTime, beamSql);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("The pipelines are not on this tool's class path (build with mvn install)",
          e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot create the launch settings: " + e, e);
    }
  }

  private static void invoke(String method, Class<?>[] types, Object... args) {
    try {
      Method m = Class.forName("org.odfbeam.pipelines.Pull").getMethod(method, types);
      m.invoke(null, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot run " + method + ": " + e, e);
    }
  }
}
