package org.odfbeam.it.cluster;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A real Spark standalone cluster on loopback (Master and Worker processes started by
 * {@code runners-config/clusters/spark-cluster.sh}): the Demo's six pipelines (two ingests and a derivation, month
 * by month) submitted with the standalone master URL (client mode: this JVM is the driver, executors run under the
 * Worker) and the bundled jar, the three datasets verified with {@code bin/odf verify}, their slices compared with
 * the Demo on {@code local[2]}, the cluster stopped. Runs only where the SparkRunner is on the class path (the
 * surefire execution for Spark).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkClusterIT {
  private Path work;
  private ClusterPipelines.Timings timings;

  @BeforeAll
  void setUp() {
    ClusterTestSupport.assumeOnClassPath("org.apache.beam.runners.spark.SparkRunner");
    work = ClusterPipelines.workDir("spark");
    timings = new ClusterPipelines.Timings("spark", work);
  }

  @Test
  void aPipelineSubmittedToTheClusterWritesTheSameDatasetAsLocalSpark() throws Exception {
    Path clusterDataset = work.resolve("datasets/cluster");
    Path localDataset = work.resolve("datasets/local");
    ClusterPipelines.deleteRecursively(work.resolve("datasets"));

    long t0 = System.nanoTime();
    LocalSparkCluster spark = LocalSparkCluster.start(work.resolve("cluster"));
    List<Long> pids;
    List<Integer> ports;
    try (spark) {
      timings.record("cluster prepare (Maven)", spark.prepareTime());
      timings.record("cluster start", spark.startTime());
      assertThat(spark.startOutput(), containsString("spark: " + spark.masterUrl()));
      assertThat(spark.status().toString(), spark.status().exitCode(), is(0));
      pids = spark.pids();
      ports = spark.ports();

      BundledJar.Located[] jar = new BundledJar.Located[1];
      Set<String> provided = spark.providedJarNames();
      timings.time("bundled jar", () -> jar[0] = BundledJar.locate("spark", provided,
          // On this shared test class path only: Beam's GCP extension comes in through the Flink runner's
          // dependencies. Its file-system registrar needs Guava 33, but executors load Spark's Guava 16 first
          // (NoSuchMethodError in GoogleCloudStorageReadOptions). A bundled jar of the spark profile has no GCP
          // extension.
          Set.of("beam-sdks-java-extensions-google-cloud-platform-core-"), work));
      System.out.println("[cluster-it] spark bundled jar " + jar[0]);

      List<String> args = List.of("--runner=SparkRunner", "--sparkMaster=" + spark.masterUrl(),
          "--filesToStage=" + jar[0].jar());
      ClusterTestSupport.checkReachable(args);
      withSystemProperties(spark.driverProperties(),
          () -> timings.time("submit + run (the Demo: 6 pipelines)",
              () -> ClusterPipelines.demo(args, clusterDataset)));

      // No task failed on the executors (spark.task.maxFailures=1 fails the job on the first one; this also
      // catches failures Spark would have retried).
      assertThat(executorErrors(spark.dir()), equalTo(List.of()));
      // It ran on the cluster: the Master lists the application as completed.
      String state = ClusterScripts.httpGet(spark.uiPort(), "/json/");
      assertThat(state, containsString("\"completedapps\""));
      assertThat(state.replaceAll("\\s", ""), containsString("\"state\":\"FINISHED\""));
    }
    timings.record("cluster stop", spark.stopTime());
    timings.record("cluster start..stop total", Duration.ofNanos(System.nanoTime() - t0));
    for (long pid : pids) {
      assertThat("process " + pid + " after stop", ClusterScripts.alive(pid), is(false));
    }
    for (int port : ports) {
      assertThat("port " + port + " after stop", ClusterScripts.listening(port), is(false));
    }
    assertThat(spark.status().exitCode(), is(3));

    ClusterPipelines.Verify[] verified = new ClusterPipelines.Verify[1];
    for (String name : ClusterPipelines.DEMO_DATASETS) {
      timings.time("odf verify " + name,
          () -> verified[0] = ClusterPipelines.odfVerify(clusterDataset.resolve(name)));
      assertThat(verified[0].output(), verified[0].exitCode(), is(0));
    }
    List<String> onCluster = ClusterPipelines.demoSlices(clusterDataset);
    assertThat(onCluster.toString(), onCluster.size(), is(6));

    timings.time("local[2] run (the Demo)", () -> ClusterPipelines.demo(
        List.of("--runner=SparkRunner", "--sparkMaster=local[2]"), localDataset));
    assertThat("slices on the cluster vs local[2]", onCluster,
        equalTo(ClusterPipelines.demoSlices(localDataset)));
  }

  @Test
  void anUnreachableMasterFailsWithinSecondsNamingItsAddress() {
    int port = ClusterScripts.freePort();
    List<String> args = List.of("--runner=SparkRunner", "--sparkMaster=spark://127.0.0.1:" + port);
    long t0 = System.nanoTime();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> {
          ClusterTestSupport.checkReachable(args);
          ClusterPipelines.write(args, work.resolve("datasets/unreachable"));
        });
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    timings.record("unreachable master detected", took);
    assertThat(e.getClass().getSimpleName(), equalTo("UnreachableClusterException"));
    assertThat(e.getMessage(), containsString("127.0.0.1:" + port));
  }

  /** Beam's SparkRunner against a master where nothing listens, without the probe (opt-in measurement). */
  @Test
  void rawRunnerAgainstAnUnreachableMaster() throws Exception {
    ClusterTestSupport.assumeProperty("odf.it.cluster.rawUnreachable");
    int port = ClusterScripts.freePort();
    withSystemProperties(Map.of("spark.driver.host", "127.0.0.1", "spark.driver.bindAddress", "127.0.0.1",
        "spark.ui.enabled", "false"), () -> {
          try {
            ClusterTestSupport.measureRawUnreachable(timings, "spark", List.of("--runner=SparkRunner",
                "--sparkMaster=spark://127.0.0.1:" + port), work.resolve("datasets/raw-unreachable"));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  /** "Exception in task" lines of the executors' logs ({@code <dir>/work/<app>/<n>/stderr}). */
  private static List<String> executorErrors(Path clusterDir) throws java.io.IOException {
    List<String> errors = new java.util.ArrayList<>();
    Path workDir = clusterDir.resolve("work");
    if (!java.nio.file.Files.isDirectory(workDir)) {
      return errors;
    }
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(workDir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
        for (String line : java.nio.file.Files.readAllLines(f, java.nio.charset.StandardCharsets.UTF_8)) {
          if (line.contains("Exception in task") || line.contains("Lost task")) {
            errors.add(f + ": " + line);
          }
        }
      }
    }
    return errors;
  }

  /** Runs {@code action} with the system properties set (SparkConf reads {@code spark.*} ones), then restores them. */
  private static void withSystemProperties(Map<String, String> props, Runnable action) {
    Map<String, String> previous = new HashMap<>();
    props.forEach((k, v) -> previous.put(k, System.setProperty(k, v)));
    try {
      action.run();
    } finally {
      previous.forEach((k, v) -> {
        if (v == null) {
          System.clearProperty(k);
        } else {
          System.setProperty(k, v);
        }
      });
    }
  }
}
