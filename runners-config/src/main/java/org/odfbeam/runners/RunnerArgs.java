package org.odfbeam.runners;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.odfbeam.core.model.Nullable;

/**
 * Rewrites command-line arguments for a runner preset: resolves the runner's name to its class and appends the
 * preset's defaults for options the arguments do not set. Pure: everything it asks of the JVM comes from an
 * {@link Environment}, so every runner can be tested on a class path that has none of them.
 */
final class RunnerArgs {
  static final String RUNNER = "--runner";
  static final String SPARK_CONTEXT = "org.apache.spark.SparkContext";
  static final String EMBEDDED_FLINK = "[local]";

  private RunnerArgs() {}

  /**
   * What {@link RunnerArgs#apply} needs from the JVM.
   *
   * @param cores processors available to this JVM
   * @param classPresent whether a class can be loaded by the pipeline's class loader
   * @param registeredRunners fully-qualified classes of the runners Beam's registrars know on the class path
   * @param runnerProperty the {@value OdfRunners#RUNNER_PROPERTY} system property, or {@code null}
   * @param flinkConfDirEnvSet whether the environment variable {@code FLINK_CONF_DIR} is set (Flink reads it)
   * @param embeddedFlinkConfDir creates (once) the configuration directory for embedded Flink
   */
  record Environment(int cores, Predicate<String> classPresent, List<String> registeredRunners,
      @Nullable String runnerProperty, boolean flinkConfDirEnvSet, Supplier<Path> embeddedFlinkConfDir) {
    Environment {
      registeredRunners = List.copyOf(registeredRunners);
    }
  }

  /**
   * The rewritten arguments.
   *
   * @param args the arguments to give {@code PipelineOptionsFactory}
   * @param runnerClass the runner's fully-qualified class, or {@code null} if the arguments ask for help
   * @param preset the preset applied, or {@code null} for a runner outside the three
   * @param added the arguments the preset added (defaults the user did not set), in order
   */
  record Result(List<String> args, @Nullable String runnerClass, @Nullable RunnerPreset preset, List<String> added) {
    Result {
      args = List.copyOf(args);
      added = List.copyOf(added);
    }
  }

  static Result apply(List<String> args, Environment env) {
    if (args.stream().anyMatch(a -> a.equals("--help") || a.startsWith("--help="))) {
      return new Result(args, null, null, List.of());
    }
    List<String> runnerArgs = args.stream().filter(a -> a.equals(RUNNER) || a.startsWith(RUNNER + "=")).toList();
    if (runnerArgs.size() > 1) {
      throw new IllegalArgumentException("Cannot choose a runner: --runner is given " + runnerArgs.size()
          + " times (" + String.join(" ", runnerArgs) + ")");
    }
    String requested;
    String source;
    if (runnerArgs.size() == 1) {
      if (runnerArgs.get(0).equals(RUNNER)) {
        throw new IllegalArgumentException("Cannot choose a runner: --runner has no value; " + validRunners());
      }
      requested = runnerArgs.get(0).substring(RUNNER.length() + 1);
      source = "--runner=" + requested;
    } else if (env.runnerProperty() != null) {
      requested = env.runnerProperty();
      source = "-D" + OdfRunners.RUNNER_PROPERTY + "=" + requested;
    } else {
      RunnerPreset only = onlyPresetOnClassPath(env);
      requested = only.shortName();
      source = "the class path (the only runner on it)";
    }

    Optional<RunnerPreset> preset = RunnerPreset.ofShortName(requested);
    String runnerClass;
    if (preset.isPresent()) {
      runnerClass = preset.get().runnerClass();
    } else {
      preset = RunnerPreset.ofClassName(requested);
      if (preset.isPresent()) {
        runnerClass = preset.get().qualify(requested).orElseThrow();
      } else {
        runnerClass = otherRunner(requested, source, env);
      }
    }
    if (preset.isPresent()) {
      checkOnClassPath(preset.get(), runnerClass, env);
    }

    List<String> out = new ArrayList<>(args.size() + 4);
    for (String a : args) {
      if (!runnerArgs.contains(a)) {
        out.add(a);
      }
    }
    out.add(RUNNER + "=" + runnerClass);
    List<String> added = preset.isPresent() ? defaults(preset.get(), args, env) : List.of();
    out.addAll(added);
    return new Result(out, runnerClass, preset.orElse(null), added);
  }

  /** The preset defaults for options {@code args} leaves unset. */
  private static List<String> defaults(RunnerPreset preset, List<String> args, Environment env) {
    List<String> added = new ArrayList<>();
    switch (preset) {
      case DIRECT -> {
        addIfAbsent(args, added, "enforceImmutability", "true");
        addIfAbsent(args, added, "enforceEncodability", "true");
      }
      case FLINK -> {
        addIfAbsent(args, added, "flinkMaster", EMBEDDED_FLINK);
        String master = value(args, "flinkMaster").orElse(EMBEDDED_FLINK);
        if (master.equals(EMBEDDED_FLINK)) {
          addIfAbsent(args, added, "parallelism", Integer.toString(env.cores()));
          if (value(args, "flinkConfDir").isEmpty() && !env.flinkConfDirEnvSet()) {
            added.add("--flinkConfDir=" + env.embeddedFlinkConfDir().get());
          }
        }
      }
      case SPARK -> addIfAbsent(args, added, "sparkMaster", "local[" + env.cores() + "]");
      default -> throw new AssertionError(preset);
    }
    return added;
  }

  private static void addIfAbsent(List<String> args, List<String> added, String option, String value) {
    if (value(args, option).isEmpty()) {
      added.add("--" + option + "=" + value);
    }
  }

  /** The value of {@code --option=value} in {@code args} ({@code "true"} for a bare {@code --option}). */
  static Optional<String> value(List<String> args, String option) {
    String bare = "--" + option;
    for (String a : args) {
      if (a.equals(bare)) {
        return Optional.of("true");
      }
      if (a.startsWith(bare + "=")) {
        return Optional.of(a.substring(bare.length() + 1));
      }
    }
    return Optional.empty();
  }

  private static RunnerPreset onlyPresetOnClassPath(Environment env) {
    List<RunnerPreset> present = new ArrayList<>();
    for (RunnerPreset p : RunnerPreset.values()) {
      if (env.classPresent().test(p.runnerClass())) {
        present.add(p);
      }
    }
    if (present.isEmpty()) {
      throw new IllegalStateException("Cannot choose a runner: none of " + RunnerPreset.shortNames()
          + " is on the class path. Launch with exactly one of the Maven profiles -P direct, -P flink, -P spark "
          + "(or -D" + OdfRunners.RUNNER_PROPERTY + "=direct|flink|spark), e.g. "
          + "mvn -P flink -pl pipelines exec:java -Dexec.mainClass=<main class>");
    }
    if (present.size() > 1) {
      throw new IllegalArgumentException("Cannot choose a runner: " + present.stream().map(RunnerPreset::shortName)
          .collect(Collectors.joining(" and ")) + " are all on the class path; pass --runner=" + present.stream()
          .map(RunnerPreset::shortName).collect(Collectors.joining("|")));
    }
    return present.get(0);
  }

  /** A runner outside the presets: a registered simple name or a loadable fully-qualified class. */
  private static String otherRunner(String requested, String source, Environment env) {
    if (requested.contains(".")) {
      if (env.classPresent().test(requested)) {
        return requested;
      }
    } else {
      String lower = requested.toLowerCase(Locale.ROOT);
      for (String registered : env.registeredRunners()) {
        String simple = registered.substring(registered.lastIndexOf('.') + 1);
        if (simple.toLowerCase(Locale.ROOT).equals(lower)) {
          return registered;
        }
      }
    }
    throw new IllegalArgumentException("Unknown runner '" + requested + "' (from " + source + "): " + validRunners()
        + (requested.contains(".") ? "; no class of that name is on the class path" : ""));
  }

  static String validRunners() {
    return "valid runners are " + RunnerPreset.shortNames() + " (any case), Beam's DirectRunner, FlinkRunner, "
        + "SparkRunner, or the fully-qualified class name of a PipelineRunner on the class path";
  }

  private static void checkOnClassPath(RunnerPreset preset, String runnerClass, Environment env) {
    String how = "Launch with the Maven profile that puts it on the class path: -P " + preset.profile() + " (or -D"
        + OdfRunners.RUNNER_PROPERTY + "=" + preset.shortName() + "), e.g. mvn -P " + preset.profile()
        + " -pl pipelines exec:java -Dexec.mainClass=<main class>, or build the bundled jar with mvn -P "
        + preset.profile() + " -Dbundle -pl pipelines -am package; elsewhere add " + preset.artifact() + ".";
    if (!env.classPresent().test(runnerClass)) {
      throw new IllegalStateException("Cannot run on " + preset.shortName() + ": " + runnerClass
          + " is not on the class path. " + how);
    }
    if (preset == RunnerPreset.SPARK && !env.classPresent().test(SPARK_CONTEXT)) {
      throw new IllegalStateException("Cannot run on spark: the Spark runner is on the class path but Spark itself ("
          + SPARK_CONTEXT + ") is not; the runner expects Spark to be provided. Under mvn exec:java use -P spark "
          + "(it sets exec.classpathScope=test, which includes the provided Spark jars); with the bundled jar use "
          + "spark-submit, or add spark-core_2.12, spark-sql_2.12 and spark-streaming_2.12 3.5.0 to the class path.");
    }
  }
}
