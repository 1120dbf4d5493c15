package org.odfbeam.runners;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Argument rewriting for every runner, on a fake environment (this class path has at most one runner). */
class RunnerArgsTest {
  static final String DIRECT = "org.apache.beam.runners.direct.DirectRunner";
  static final String FLINK = "org.apache.beam.runners.flink.FlinkRunner";
  static final String SPARK = "org.apache.beam.runners.spark.SparkRunner";
  static final Path FLINK_CONF = Path.of("/tmp/odf-beam-flink-test");
  static final Set<String> ALL = Set.of(DIRECT, FLINK, "org.apache.beam.runners.flink.TestFlinkRunner", SPARK,
      "org.apache.beam.runners.spark.TestSparkRunner",
      "org.apache.beam.runners.spark.structuredstreaming.SparkStructuredStreamingRunner", RunnerArgs.SPARK_CONTEXT,
      "org.example.MyRunner");

  static RunnerArgs.Environment env(Set<String> present) {
    return new RunnerArgs.Environment(4, present::contains, List.of(), null, false, () -> FLINK_CONF);
  }

  static RunnerArgs.Result apply(String... args) {
    return RunnerArgs.apply(List.of(args), env(ALL));
  }

  @ParameterizedTest
  @CsvSource({
      "direct, " + DIRECT, "DIRECT, " + DIRECT, "Direct, " + DIRECT,
      "flink, " + FLINK, "Flink, " + FLINK,
      "spark, " + SPARK, "SPARK, " + SPARK,
      "DirectRunner, " + DIRECT, "directrunner, " + DIRECT, DIRECT + ", " + DIRECT,
      "FlinkRunner, " + FLINK, "FLINKRUNNER, " + FLINK, FLINK + ", " + FLINK,
      "TestFlinkRunner, org.apache.beam.runners.flink.TestFlinkRunner",
      "SparkRunner, " + SPARK, SPARK + ", " + SPARK,
      "TestSparkRunner, org.apache.beam.runners.spark.TestSparkRunner",
      "SparkStructuredStreamingRunner, "
          + "org.apache.beam.runners.spark.structuredstreaming.SparkStructuredStreamingRunner",
  })
  void shortNamesAndBeamClassNamesBecomeTheRunnerClass(String name, String runnerClass) {
    RunnerArgs.Result r = apply("--runner=" + name);
    assertThat(r.runnerClass(), equalTo(runnerClass));
    assertThat(r.args(), hasItem("--runner=" + runnerClass));
    assertThat(r.args().stream().filter(a -> a.startsWith("--runner=")).toList(), contains("--runner=" + runnerClass));
  }

  @Test
  void otherArgumentsKeepTheirOrderAndTheRunnerComesAfterThem() {
    RunnerArgs.Result r = apply("--workspace=/data", "--runner=spark", "--systemTime=2026-01-01T00:00:00Z");
    assertThat(r.args(), contains("--workspace=/data", "--systemTime=2026-01-01T00:00:00Z", "--runner=" + SPARK,
        "--sparkMaster=local[4]"));
  }

  @Test
  void directKeepsItsEnforcementChecksOn() {
    assertThat(apply("--runner=direct").added(),
        contains("--enforceImmutability=true", "--enforceEncodability=true"));
  }

  @Test
  void directKeepsAUserValue() {
    RunnerArgs.Result r = apply("--runner=direct", "--enforceImmutability=false");
    assertThat(r.added(), contains("--enforceEncodability=true"));
    assertThat(r.args(), hasItem("--enforceImmutability=false"));
  }

  @Test
  void flinkRunsEmbeddedWithOneSlotPerCore() {
    assertThat(apply("--runner=flink").added(),
        contains("--flinkMaster=[local]", "--parallelism=4", "--flinkConfDir=" + FLINK_CONF));
  }

  @Test
  void flinkKeepsUserValues() {
    RunnerArgs.Result r = apply("--runner=flink", "--parallelism=1", "--flinkConfDir=/etc/flink");
    assertThat(r.added(), contains("--flinkMaster=[local]"));
    assertThat(r.args(), hasItem("--parallelism=1"));
    assertThat(r.args(), hasItem("--flinkConfDir=/etc/flink"));
  }

  @Test
  void flinkEmbeddedOnRequestGetsTheEmbeddedDefaults() {
    assertThat(apply("--runner=flink", "--flinkMaster=[local]").added(),
        contains("--parallelism=4", "--flinkConfDir=" + FLINK_CONF));
  }

  @Test
  void flinkOnAClusterGetsNoDefaults() {
    assertThat(apply("--runner=flink", "--flinkMaster=127.0.0.1:8081").added(), empty());
    assertThat(apply("--runner=flink", "--flinkMaster=[auto]").added(), empty());
  }

  @Test
  void flinkUsesFlinkConfDirFromTheEnvironment() {
    RunnerArgs.Environment withEnvConf = new RunnerArgs.Environment(4, ALL::contains, List.of(), null, true,
        () -> {
          throw new AssertionError("must not create a configuration directory");
        });
    assertThat(RunnerArgs.apply(List.of("--runner=flink"), withEnvConf).added(),
        contains("--flinkMaster=[local]", "--parallelism=4"));
  }

  @Test
  void sparkRunsLocallyWithOneThreadPerCore() {
    assertThat(apply("--runner=spark").added(), contains("--sparkMaster=local[4]"));
  }

  @Test
  void sparkKeepsAUserMaster() {
    RunnerArgs.Result r = apply("--runner=spark", "--sparkMaster=spark://127.0.0.1:7077");
    assertThat(r.added(), empty());
    assertThat(r.args(), hasItem("--sparkMaster=spark://127.0.0.1:7077"));
  }

  @Test
  void anUnknownRunnerListsTheValidOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> apply("--runner=sprak"));
    assertThat(e.getMessage(), allOf(containsString("Unknown runner 'sprak' (from --runner=sprak)"),
        containsString("valid runners are direct, flink, spark"),
        containsString("DirectRunner, FlinkRunner, SparkRunner")));
  }

  @Test
  void anUnknownClassNameSaysItIsNotOnTheClassPath() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> apply("--runner=com.example.NoSuchRunner"));
    assertThat(e.getMessage(), allOf(containsString("Unknown runner 'com.example.NoSuchRunner'"),
        containsString("valid runners are direct, flink, spark"), containsString("no class of that name")));
  }

  @Test
  void anEmptyRunnerIsUnknown() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> apply("--runner="));
    assertThat(e.getMessage(), containsString("Unknown runner ''"));
    IllegalArgumentException bare = assertThrows(IllegalArgumentException.class, () -> apply("--runner"));
    assertThat(bare.getMessage(), containsString("--runner has no value; valid runners are direct, flink, spark"));
  }

  @Test
  void aRunnerGivenTwiceIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> apply("--runner=flink", "--runner=spark"));
    assertThat(e.getMessage(), containsString("--runner is given 2 times (--runner=flink --runner=spark)"));
  }

  @ParameterizedTest
  @CsvSource({"flink, flink", "FlinkRunner, flink", FLINK + ", flink", "spark, spark", "direct, direct"})
  void aKnownRunnerMissingFromTheClassPathNamesTheMavenProfile(String name, String profile) {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> RunnerArgs.apply(List.of("--runner=" + name), env(Set.of())));
    assertThat(e.getMessage(), allOf(containsString("Cannot run on " + profile + ": "),
        containsString("is not on the class path"), containsString("-P " + profile),
        containsString("-Drunner=" + profile)));
  }

  @Test
  void theMissingRunnerMessageNamesTheArtifact() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> RunnerArgs.apply(List.of("--runner=flink"), env(Set.of(DIRECT))));
    assertThat(e.getMessage(), allOf(containsString(FLINK + " is not on the class path"),
        containsString("org.apache.beam:beam-runners-flink-1.19")));
  }

  @Test
  void sparkWithoutSparkItselfSaysSparkIsProvided() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> RunnerArgs.apply(List.of("--runner=spark"), env(Set.of(SPARK))));
    assertThat(e.getMessage(), allOf(containsString("Spark itself (org.apache.spark.SparkContext) is not"),
        containsString("-P spark")));
  }

  @Test
  void theSystemPropertyNamesTheRunnerWhenTheArgumentsDoNot() {
    RunnerArgs.Environment env = new RunnerArgs.Environment(2, ALL::contains, List.of(), "Spark", false,
        () -> FLINK_CONF);
    assertThat(RunnerArgs.apply(List.of(), env).args(), contains("--runner=" + SPARK, "--sparkMaster=local[2]"));
    assertThat(RunnerArgs.apply(List.of("--runner=direct"), env).runnerClass(), equalTo(DIRECT));
  }

  @Test
  void anUnknownSystemPropertyNamesItsSource() {
    RunnerArgs.Environment env = new RunnerArgs.Environment(2, ALL::contains, List.of(), "sprak", false,
        () -> FLINK_CONF);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RunnerArgs.apply(List.of(), env));
    assertThat(e.getMessage(), allOf(containsString("Unknown runner 'sprak' (from -Drunner=sprak)"),
        containsString("valid runners are direct, flink, spark")));
  }

  @Test
  void withoutAChoiceTheOnlyRunnerOnTheClassPathIsUsed() {
    RunnerArgs.Result r = RunnerArgs.apply(List.of("--workspace=/data"), env(Set.of(FLINK)));
    assertThat(r.args(), contains("--workspace=/data", "--runner=" + FLINK, "--flinkMaster=[local]",
        "--parallelism=4", "--flinkConfDir=" + FLINK_CONF));
  }

  @Test
  void withoutAChoiceAndNoRunnerTheMessageNamesTheProfiles() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> RunnerArgs.apply(List.of(), env(Set.of())));
    assertThat(e.getMessage(), allOf(containsString("none of direct, flink, spark is on the class path"),
        containsString("-P direct, -P flink, -P spark")));
  }

  @Test
  void withoutAChoiceAndSeveralRunnersTheUserMustChoose() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RunnerArgs.apply(List.of(), env(Set.of(DIRECT, FLINK))));
    assertThat(e.getMessage(), containsString("direct and flink are all on the class path; pass --runner=direct|flink"));
  }

  @Test
  void otherRunnersPassThroughWithoutPresets() {
    RunnerArgs.Result r = apply("--runner=org.example.MyRunner", "--foo=bar");
    assertThat(r.args(), contains("--foo=bar", "--runner=org.example.MyRunner"));
    assertThat(r.preset(), nullValue());
    assertThat(r.added(), empty());
  }

  @Test
  void registeredRunnersAreFoundByTheirSimpleName() {
    RunnerArgs.Environment env = new RunnerArgs.Environment(4, ALL::contains,
        List.of("org.apache.beam.runners.portability.PortableRunner"), null, false, () -> FLINK_CONF);
    RunnerArgs.Result r = RunnerArgs.apply(List.of("--runner=portablerunner"), env);
    assertThat(r.runnerClass(), equalTo("org.apache.beam.runners.portability.PortableRunner"));
    assertThat(r.added(), empty());
  }

  @Test
  void helpIsPassedThroughUntouched() {
    RunnerArgs.Result r = RunnerArgs.apply(List.of("--help", "--runner=nonsense"), env(Set.of()));
    assertThat(r.args(), contains("--help", "--runner=nonsense"));
    assertThat(r.runnerClass(), nullValue());
  }

  @Test
  void aBareBooleanOptionCountsAsSet() {
    assertThat(apply("--runner=direct", "--enforceImmutability").added(), contains("--enforceEncodability=true"));
  }
}
