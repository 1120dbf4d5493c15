package org.odfbeam.it.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Spark 3.5 standalone cluster on loopback: a Master and a Worker (2 cores, 3 GB) in their own processes, started
 * by {@code runners-config/clusters/spark-cluster.sh} from Maven-copied jars, on free ports. Submit with
 * {@code --runner=SparkRunner --sparkMaster=}{@link #masterUrl()} and the driver settings of
 * {@link #driverProperties()}.
 */
public final class LocalSparkCluster extends LocalCluster {
  private final int masterPort;
  private final int uiPort;

  private LocalSparkCluster(Path dir, int masterPort, int uiPort) {
    super("Spark", "spark-cluster.sh", dir, List.of("--port", String.valueOf(masterPort),
        "--ui-port", String.valueOf(uiPort), "--cores", "2", "--memory", "3g"));
    this.masterPort = Integer.parseInt(env("MASTER_PORT"));
    this.uiPort = Integer.parseInt(env("UI_PORT"));
  }

  /** Starts a cluster whose files go to {@code dir}; returns once the Worker has registered with the Master. */
  public static LocalSparkCluster start(Path dir) {
    int master = ClusterScripts.freePort();
    int ui = ClusterScripts.freePort();
    while (ui == master) {
      ui = ClusterScripts.freePort();
    }
    return new LocalSparkCluster(dir, master, ui);
  }

  /** {@code spark://127.0.0.1:<port>}, the value of {@code --sparkMaster}. */
  public String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** The Master's web UI port ({@code /json/} tells the cluster's state). */
  public int uiPort() {
    return uiPort;
  }

  /** The directory holding Parquet 1.15.2 for the executors (Spark's own jars have 1.13.1). */
  public Path executorParquetDir() {
    return Path.of(env("EXECUTOR_PARQUET"));
  }

  /**
   * The Spark settings a driver (here: the test JVM, client mode) needs for this cluster, to set as system
   * properties before the SparkContext is created: loopback driver, no driver UI, 1 GB executors, no task retries,
   * and Parquet 1.15.2
   * first on the executors' class path ({@code spark.executor.extraClassPath}; without it ParquetIO/OdfIO fail on
   * the executors with NoSuchMethodError).
   */
  public java.util.Map<String, String> driverProperties() {
    return java.util.Map.of(
        "spark.driver.host", "127.0.0.1",
        "spark.driver.bindAddress", "127.0.0.1",
        "spark.ui.enabled", "false",
        "spark.executor.memory", "1g",
        "spark.cores.max", "2",
        // A failed task fails the job at once instead of being retried (and hidden) up to 4 times.
        "spark.task.maxFailures", "1",
        "spark.executor.extraClassPath", executorParquetDir() + "/*");
  }

  /** File names of the jars in the cluster's SPARK_HOME/jars (provided: a bundled jar need not carry them). */
  public Set<String> providedJarNames() {
    try (Stream<Path> jars = Files.list(Path.of(env("SPARK_HOME"), "jars"))) {
      return jars.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public List<Long> pids() {
    return List.of(ClusterScripts.pid(dir(), "master"), ClusterScripts.pid(dir(), "worker"));
  }

  @Override
  public List<Integer> ports() {
    return List.of(masterPort, uiPort);
  }
}
