package org.odfbeam.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code odf pull} and {@code odf ingest} through {@code bin/odf}, as a user runs them (embedded Flink, the default
 * runner): datasets created from manifests, dependency order, one progress line per dataset, incremental re-runs,
 * pushes into a root dataset, and the errors a user will hit.
 */
class PipelineCommandsTest {
  private static final String HASH = "f1620[0-9a-f]{64}";

  @TempDir
  Path tmp;

  @Test
  void pullCreatesAndUpdatesDatasetsInDependencyOrder() throws Exception {
    Path demo = OdfTool.REPO.resolve("examples/demo");
    String ws = tmp.resolve("ws").toString();
    // The derivative is listed first: pull must still run it after the dataset it reads.
    OdfTool.Result r = OdfTool.run("pull", "--workspace", ws, "--system-time", "2026-03-01T00:00:00Z",
        demo.resolve("weather.readings-fahrenheit.yaml").toString(), demo.resolve("weather.stations.yaml").toString(),
        demo.resolve("weather.readings.yaml").toString());
    assertThat(r.toString(), r.exitCode(), is(0));
    List<String> lines = r.stdout().lines().toList();
    assertThat(r.toString(), lines, hasSize(3));
    // The derivative comes right after the dataset it reads, the unrelated root after them (manifest order).
    assertThat(lines.get(0), matchesPattern("ingest weather\\.readings: 6336 records in \\d+ blocks, head " + HASH));
    assertThat(lines.get(1),
        matchesPattern("transform weather\\.readings-fahrenheit: 6336 records in \\d+ blocks, head " + HASH));
    assertThat(lines.get(2), matchesPattern("ingest weather\\.stations: 45 records in \\d+ blocks, head " + HASH));
    for (String name : List.of("weather.stations", "weather.readings", "weather.readings-fahrenheit")) {
      OdfTool.Result v = OdfTool.run("verify", Path.of(ws, name).toString());
      assertThat(v.toString(), v.exitCode(), is(0));
    }

    OdfTool.Result again = OdfTool.run("pull", "--workspace", ws, "--system-time", "2026-03-02T00:00:00Z",
        demo.resolve("weather.stations.yaml").toString(), demo.resolve("weather.readings.yaml").toString(),
        demo.resolve("weather.readings-fahrenheit.yaml").toString());
    assertThat(again.toString(), again.exitCode(), is(0));
    for (String line : again.stdout().lines().toList()) {
      assertThat(line, containsString(": up to date, head f1620"));
    }
  }

  @Test
  void ingestPushesFilesThroughThePushSource() throws Exception {
    Path push = OdfTool.REPO.resolve("integration-tests/src/test/resources/push");
    String dataset = tmp.resolve("sensors").toString();
    OdfTool.Result r = OdfTool.run("ingest", dataset, push.resolve("batch-1.ndjson").toString(), "--manifest",
        push.resolve("sensors.yaml").toString(), "--system-time", "2026-01-02T00:00:00Z");
    assertThat(r.toString(), r.exitCode(), is(0));
    assertThat(r.stdout().strip(), matchesPattern("ingest sensors: 2 records in \\d+ blocks, head " + HASH));
    OdfTool.Result second = OdfTool.run("ingest", dataset, push.resolve("batch-2.ndjson").toString(),
        "--system-time", "2026-01-03T00:00:00Z");
    assertThat(second.toString(), second.exitCode(), is(0));
    assertThat(second.stdout().strip(), matchesPattern("ingest sensors: 1 record in 1 block, head " + HASH));
    OdfTool.Result tail = OdfTool.run("tail", dataset, "--ndjson");
    assertThat(tail.stdout().lines().toList(), hasSize(3));
    assertThat(OdfTool.run("verify", dataset).exitCode(), is(0));
  }

  /**
   * {@code --runner} picks the runner of the pipelines {@code pull} runs in-process: the same manifest pulled on
   * Direct, Flink and Spark commits the same data (offsets and logical hashes). bin/odf resolves the Direct and Spark
   * runners' class paths on first use.
   */
  @Test
  void pullRunsOnTheRunnerItIsGivenWithTheSameResult() throws Exception {
    Path stations = OdfTool.REPO.resolve("examples/demo/weather.stations.yaml");
    List<String> expected = null;
    for (List<String> runnerArgs
        : List.of(List.of("--runner=direct"), List.of("--runner", "spark"), List.<String>of())) {
      Path ws = tmp.resolve("ws-" + String.join("", runnerArgs).replace("--runner", "").replace("=", ""));
      List<String> args = new java.util.ArrayList<>(List.of("pull", "--workspace", ws.toString(), "--system-time",
          "2026-03-01T00:00:00Z", stations.toString()));
      args.addAll(runnerArgs);
      OdfTool.Result r = OdfTool.run(args.toArray(String[]::new));
      assertThat(r.toString(), r.exitCode(), is(0));
      assertThat(r.toString(), r.stdout().strip(),
          matchesPattern("ingest weather\\.stations: 45 records in \\d+ blocks, head " + HASH));
      List<String> slices = RunnerITPipelines.slices(ws.resolve("weather.stations"));
      assertThat(runnerArgs.toString(), slices, hasSize(2));
      if (expected == null) {
        expected = slices;
      } else {
        assertThat(runnerArgs + " vs --runner=direct", slices, is(expected));
      }
    }
  }

  @Test
  void errorsNameWhatIsWrong() throws Exception {
    Path demo = OdfTool.REPO.resolve("examples/demo");
    OdfTool.Result missingInput = OdfTool.run("pull", "--workspace", tmp.resolve("empty").toString(),
        demo.resolve("weather.readings-fahrenheit.yaml").toString());
    assertThat(missingInput.exitCode(), is(2));
    assertThat(missingInput.stderr(), containsString("reads input 'weather.readings', but there is no dataset at"));
    OdfTool.Result badRunner = OdfTool.run("pull", "--workspace", tmp.toString(), "--runner", "sprak",
        demo.resolve("weather.stations.yaml").toString());
    assertThat(badRunner.exitCode(), is(2));
    assertThat(badRunner.stderr(), containsString("--runner must be one of direct, flink, spark, but was 'sprak'"));
    OdfTool.Result noDataset = OdfTool.run("ingest", tmp.resolve("nothing").toString(), "x.ndjson");
    assertThat(noDataset.exitCode(), is(2));
    assertThat(noDataset.stderr(), containsString("give its manifest (--manifest) to create it"));
  }
}
