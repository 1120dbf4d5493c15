package org.odfbeam.runners;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.odfbeam.runners.ClusterProbe.Endpoint;
import org.odfbeam.runners.ClusterProbe.UnreachableClusterException;

class ClusterProbeTest {

  /** A loopback port that nothing listens on (bound, then released). */
  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void embeddedAndUnprobedMastersNameNoEndpoint() {
    for (String arg : List.of("--flinkMaster=[local]", "--flinkMaster=[auto]", "--flinkMaster=[collection]",
        "--sparkMaster=local[2]", "--sparkMaster=local[*]", "--sparkMaster=yarn", "--sparkMaster=k8s://https://h:6443",
        "--runner=DirectRunner")) {
      assertThat(arg, ClusterProbe.endpoints(List.of(arg)), empty());
    }
    ClusterProbe.checkReachable("--runner=FlinkRunner", "--flinkMaster=[local]");
    ClusterProbe.checkReachable();
  }

  @Test
  void parsesFlinkAddresses() {
    assertThat(ClusterProbe.endpoints(List.of("--flinkMaster=127.0.0.1:8082")),
        contains(new Endpoint("--flinkMaster", "127.0.0.1:8082", "127.0.0.1", 8082)));
    assertThat(ClusterProbe.endpoints(List.of("--flinkMaster=localhost")).get(0).port(), equalTo(8081));
    assertThat(ClusterProbe.endpoints(List.of("--flinkMaster=http://flink.example:9000/")).get(0).address(),
        equalTo("flink.example:9000"));
    assertThat(ClusterProbe.endpoints(List.of("--flinkMaster=[::1]:8081")).get(0).address(), equalTo("[::1]:8081"));
    // Two-argument form and last-one-wins.
    assertThat(ClusterProbe.endpoints(List.of("--flinkMaster", "h1:1", "--flinkMaster=h2:2")).get(0).host(),
        equalTo("h2"));
  }

  @Test
  void parsesSparkMasters() {
    assertThat(ClusterProbe.endpoints(List.of("--sparkMaster=spark://a:7000,b")).stream().map(Endpoint::address)
        .toList(), contains("a:7000", "b:7077"));
  }

  @Test
  void malformedAddressesNameTheArgument() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ClusterProbe.endpoints(List.of("--flinkMaster=host:eighty")));
    assertThat(e.getMessage(), equalTo("--flinkMaster=host:eighty: port 'eighty' is not a number"));
    e = assertThrows(IllegalArgumentException.class, () -> ClusterProbe.endpoints(List.of("--sparkMaster=spark://:7077")));
    assertThat(e.getMessage(), containsString("--sparkMaster=spark://:7077: no host"));
    e = assertThrows(IllegalArgumentException.class, () -> ClusterProbe.endpoints(List.of("--flinkMaster=h:70000")));
    assertThat(e.getMessage(), containsString("port 70000 is out of range"));
  }

  @Test
  void aListeningPortIsReachable() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      int port = s.getLocalPort();
      assertThat(ClusterProbe.probe("127.0.0.1", port, Duration.ofSeconds(2)), nullValue());
      ClusterProbe.checkReachable("--runner=FlinkRunner", "--flinkMaster=127.0.0.1:" + port);
      ClusterProbe.checkReachable("--runner=SparkRunner", "--sparkMaster=spark://127.0.0.1:" + port);
    }
  }

  @Test
  void anUnreachableFlinkClusterFailsFastNamingItsAddress() throws IOException {
    int port = closedPort();
    long t0 = System.nanoTime();
    UnreachableClusterException e = assertThrows(UnreachableClusterException.class,
        () -> ClusterProbe.checkReachable("--runner=FlinkRunner", "--flinkMaster=127.0.0.1:" + port));
    long millis = (System.nanoTime() - t0) / 1_000_000;
    assertThat(millis, lessThan(5_000L));
    assertThat(e.getMessage(), equalTo("Cannot reach the Flink cluster at 127.0.0.1:" + port + " (--flinkMaster=127.0.0.1:"
        + port + "): 127.0.0.1:" + port + ": connection refused. Is it running? (A local one: "
        + "runners-config/clusters/flink-cluster.sh status)"));
    assertThat(e.endpoints().get(0).port(), equalTo(port));
  }

  @Test
  void anUnreachableSparkMasterFailsFastNamingItsAddress() throws IOException {
    int port = closedPort();
    UnreachableClusterException e = assertThrows(UnreachableClusterException.class,
        () -> ClusterProbe.checkReachable(List.of("--sparkMaster=spark://127.0.0.1:" + port), Duration.ofSeconds(1)));
    assertThat(e.getMessage(), containsString("Cannot reach the Spark master at 127.0.0.1:" + port));
    assertThat(e.getMessage(), containsString("spark-cluster.sh status"));
  }

  @Test
  void oneAnsweringSparkMasterOfSeveralIsEnough() throws IOException {
    int dead = closedPort();
    try (ServerSocket s = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      ClusterProbe.checkReachable(
          "--sparkMaster=spark://127.0.0.1:" + dead + ",127.0.0.1:" + s.getLocalPort());
    }
  }

  @Test
  void anUnknownHostIsReported() {
    UnreachableClusterException e = assertThrows(UnreachableClusterException.class,
        () -> ClusterProbe.checkReachable(List.of("--flinkMaster=no-such-host.invalid:8081"), Duration.ofSeconds(2)));
    assertThat(e.getMessage(), containsString("no-such-host.invalid:8081"));
  }
}
