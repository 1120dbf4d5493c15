package org.odfbeam.it.cluster;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A real Flink session cluster on loopback (JobManager and TaskManager processes started by
 * {@code runners-config/clusters/flink-cluster.sh}): the Demo's six pipelines (two ingests and a derivation, month
 * by month) submitted by REST with the bundled jar, the three datasets verified with {@code bin/odf verify}, their
 * slices (offset intervals and logical hashes) compared with the Demo on embedded Flink, the cluster stopped. Runs
 * only where the FlinkRunner is on the class path (the surefire execution for Flink).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlinkClusterIT {
  private Path work;
  private ClusterPipelines.Timings timings;

  @BeforeAll
  void setUp() {
    ClusterTestSupport.assumeOnClassPath("org.apache.beam.runners.flink.FlinkRunner");
    work = ClusterPipelines.workDir("flink");
    timings = new ClusterPipelines.Timings("flink", work);
  }

  @Test
  void aPipelineSubmittedToTheClusterWritesTheSameDatasetAsEmbeddedFlink() throws Exception {
    Path clusterDataset = work.resolve("datasets/cluster");
    Path embeddedDataset = work.resolve("datasets/embedded");
    ClusterPipelines.deleteRecursively(work.resolve("datasets"));

    long t0 = System.nanoTime();
    LocalFlinkCluster flink = LocalFlinkCluster.start(work.resolve("cluster"));
    List<Long> pids;
    List<Integer> ports;
    try (flink) {
      timings.record("cluster prepare (Maven)", flink.prepareTime());
      timings.record("cluster start", flink.startTime());
      assertThat(flink.startOutput(), containsString("flink: http://" + flink.flinkMaster()));
      assertThat(flink.status().toString(), flink.status().exitCode(), is(0));
      pids = flink.pids();
      ports = flink.ports();

      BundledJar.Located[] jar = new BundledJar.Located[1];
      Set<String> provided = flink.providedJarNames();
      timings.time("bundled jar", () -> jar[0] = BundledJar.locate("flink", provided, Set.of(), work));
      System.out.println("[cluster-it] flink bundled jar " + jar[0]);

      List<String> args = List.of("--runner=FlinkRunner", "--flinkMaster=" + flink.flinkMaster(), "--parallelism=2",
          "--filesToStage=" + jar[0].jar());
      ClusterTestSupport.checkReachable(args);
      timings.time("submit + run (the Demo: 6 pipelines)", () -> ClusterPipelines.demo(args, clusterDataset));

      // It ran on the cluster: the JobManager lists it as finished.
      String jobs = ClusterScripts.httpGet(flink.restPort(), "/jobs/overview");
      assertThat(jobs, containsString("\"state\":\"FINISHED\""));
    }
    timings.record("cluster stop", flink.stopTime());
    timings.record("cluster start..stop total", Duration.ofNanos(System.nanoTime() - t0));
    for (long pid : pids) {
      assertThat("process " + pid + " after stop", ClusterScripts.alive(pid), is(false));
    }
    for (int port : ports) {
      assertThat("port " + port + " after stop", ClusterScripts.listening(port), is(false));
    }
    assertThat(flink.status().exitCode(), is(3));

    ClusterPipelines.Verify[] verified = new ClusterPipelines.Verify[1];
    for (String name : ClusterPipelines.DEMO_DATASETS) {
      timings.time("odf verify " + name,
          () -> verified[0] = ClusterPipelines.odfVerify(clusterDataset.resolve(name)));
      assertThat(verified[0].output(), verified[0].exitCode(), is(0));
    }
    List<String> onCluster = ClusterPipelines.demoSlices(clusterDataset);
    assertThat(onCluster.toString(), onCluster.size(), is(6));

    Set<Path> tmpBefore = ClusterPipelines.tempEntries();
    try {
      timings.time("embedded run (the Demo)", () -> ClusterPipelines.demo(
          List.of("--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2"), embeddedDataset));
    } finally {
      ClusterPipelines.cleanTemp(tmpBefore);
    }
    assertThat("slices on the cluster vs embedded", onCluster,
        equalTo(ClusterPipelines.demoSlices(embeddedDataset)));
  }

  @Test
  void anUnreachableClusterFailsWithinSecondsNamingItsAddress() {
    int port = ClusterScripts.freePort();
    List<String> args = List.of("--runner=FlinkRunner", "--flinkMaster=127.0.0.1:" + port);
    long t0 = System.nanoTime();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> {
          ClusterTestSupport.checkReachable(args);
          ClusterPipelines.write(args, work.resolve("datasets/unreachable"));
        });
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    timings.record("unreachable cluster detected", took);
    assertThat(e.getClass().getSimpleName(), equalTo("UnreachableClusterException"));
    assertThat(e.getMessage(), containsString("127.0.0.1:" + port));
  }

  /**
   * How Beam's FlinkRunner itself behaves against an address where nothing listens (no probe): measured only when
   * {@code -Dodf.it.cluster.rawUnreachable=true}, since it may wait minutes.
   */
  @Test
  void rawRunnerAgainstAnUnreachableCluster() throws Exception {
    ClusterTestSupport.assumeProperty("odf.it.cluster.rawUnreachable");
    int port = ClusterScripts.freePort();
    ClusterTestSupport.measureRawUnreachable(timings, "flink", List.of("--runner=FlinkRunner",
        "--flinkMaster=127.0.0.1:" + port, "--parallelism=2"), work.resolve("datasets/raw-unreachable"));
  }
}
