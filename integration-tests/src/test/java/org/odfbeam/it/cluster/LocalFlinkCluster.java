package org.odfbeam.it.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A Flink 1.19 session cluster on loopback: a JobManager and a TaskManager in their own processes, started by
 * {@code runners-config/clusters/flink-cluster.sh} from Maven-resolved jars, its REST endpoint on a free port.
 * Submit with {@code --runner=FlinkRunner --flinkMaster=}{@link #flinkMaster()}{@code --filesToStage=<bundled jar>}.
 *
 * <pre>{@code
 * try (LocalFlinkCluster flink = LocalFlinkCluster.start(Path.of("target/cluster-it/flink/cluster"))) {
 *   ... --flinkMaster=" + flink.flinkMaster() ...
 * }
 * }</pre>
 */
public final class LocalFlinkCluster extends LocalCluster {
  private final int restPort;

  private LocalFlinkCluster(Path dir, int restPort) {
    super("Flink", "flink-cluster.sh", dir, List.of("--port", String.valueOf(restPort), "--slots", "2"));
    this.restPort = Integer.parseInt(env("REST_PORT"));
  }

  /** Starts a cluster whose files go to {@code dir}; returns once a TaskManager has registered. */
  public static LocalFlinkCluster start(Path dir) {
    return new LocalFlinkCluster(dir, ClusterScripts.freePort());
  }

  /** The REST port. */
  public int restPort() {
    return restPort;
  }

  /** {@code 127.0.0.1:<rest port>}, the value of {@code --flinkMaster}. */
  public String flinkMaster() {
    return "127.0.0.1:" + restPort;
  }

  /** File names of the jars on the cluster's class path (a bundled jar need not carry them). */
  public Set<String> providedJarNames() {
    try {
      String cp = Files.readString(Path.of(env("CLASSPATH_FILE"))).trim();
      return Arrays.stream(cp.split(":")).map(p -> Path.of(p).getFileName().toString()).collect(Collectors.toSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public List<Long> pids() {
    return List.of(ClusterScripts.pid(dir(), "jobmanager"), ClusterScripts.pid(dir(), "taskmanager"));
  }

  @Override
  public List<Integer> ports() {
    return List.of(restPort, Integer.parseInt(env("RPC_PORT")));
  }
}
