package org.odfbeam.runners;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The three runners odf-beam has presets for: the short name a user types ({@code --runner=flink}), Beam's runner
 * classes of that family, the Maven artifact that brings it and the Maven profile that puts it on the class path.
 */
enum RunnerPreset {
  DIRECT("direct", "org.apache.beam.runners.direct.", "org.apache.beam:beam-runners-direct-java",
      List.of("DirectRunner"), List.of()),
  FLINK("flink", "org.apache.beam.runners.flink.", "org.apache.beam:beam-runners-flink-1.19",
      List.of("FlinkRunner", "TestFlinkRunner"),
      List.of("org.apache.flink.shaded.guava31.com.google.common.cache.RemovalCause")),
  SPARK("spark", "org.apache.beam.runners.spark.", "org.apache.beam:beam-runners-spark-3",
      List.of("SparkRunner", "TestSparkRunner", "SparkStructuredStreamingRunner"),
      List.of("org.apache.hadoop.util.ShutdownHookManager$2"));

  private final String shortName;
  private final String packagePrefix;
  private final String artifact;
  private final List<String> simpleClassNames;
  private final List<String> exitHookClasses;

  RunnerPreset(String shortName, String packagePrefix, String artifact, List<String> simpleClassNames,
      List<String> exitHookClasses) {
    this.shortName = shortName;
    this.packagePrefix = packagePrefix;
    this.artifact = artifact;
    this.simpleClassNames = simpleClassNames;
    this.exitHookClasses = exitHookClasses;
  }

  /**
   * Classes the runner's JVM shutdown hooks load only at exit; {@code OdfRunners} loads them up front because under
   * {@code mvn exec:java} the class loader is closed by then.
   */
  List<String> exitHookClasses() {
    return exitHookClasses;
  }

  /** What a user types: {@code direct}, {@code flink}, {@code spark}; also the Maven profile's id. */
  String shortName() {
    return shortName;
  }

  /** The Maven profile that puts this runner (and only it) on the class path. */
  String profile() {
    return shortName;
  }

  /** {@code groupId:artifactId} of the runner. */
  String artifact() {
    return artifact;
  }

  /** The runner's main class, e.g. {@code org.apache.beam.runners.flink.FlinkRunner}. */
  String runnerClass() {
    return packagePrefix + simpleClassNames.get(0);
  }

  /** The simple name of {@link #runnerClass()}, e.g. {@code FlinkRunner}. */
  String runnerSimpleName() {
    return simpleClassNames.get(0);
  }

  /** The preset whose short name is {@code name} (any case). */
  static Optional<RunnerPreset> ofShortName(String name) {
    for (RunnerPreset preset : values()) {
      if (preset.shortName.equalsIgnoreCase(name)) {
        return Optional.of(preset);
      }
    }
    return Optional.empty();
  }

  /**
   * The fully-qualified runner class a known Beam class name means: a simple name of this family (any case, as
   * Beam accepts them, e.g. {@code flinkrunner}) or a fully-qualified name in its package.
   */
  Optional<String> qualify(String className) {
    if (className.startsWith(packagePrefix)) {
      return Optional.of(className);
    }
    for (String simple : simpleClassNames) {
      if (simple.equalsIgnoreCase(className)) {
        return Optional.of(qualifiedName(simple));
      }
    }
    return Optional.empty();
  }

  private String qualifiedName(String simple) {
    // SparkStructuredStreamingRunner lives in a sub-package.
    return simple.equals("SparkStructuredStreamingRunner")
        ? packagePrefix + "structuredstreaming." + simple
        : packagePrefix + simple;
  }

  /** The preset whose family a (simple or fully-qualified) Beam runner class name belongs to. */
  static Optional<RunnerPreset> ofClassName(String className) {
    for (RunnerPreset preset : values()) {
      if (preset.qualify(className).isPresent()) {
        return Optional.of(preset);
      }
    }
    return Optional.empty();
  }

  /** {@code direct, flink, spark}. */
  static String shortNames() {
    return String.join(", ", List.of(DIRECT.shortName, FLINK.shortName, SPARK.shortName));
  }

  @Override
  public String toString() {
    return shortName.toLowerCase(Locale.ROOT);
  }
}
