package org.odfbeam.it.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A cluster on loopback started by one of the scripts under {@code runners-config/clusters/}, in its own directory,
 * on free ports. {@link #close()} stops it; so does a JVM shutdown hook if the test never gets to close it. Starting
 * first stops whatever a previous, killed run left in the same directory.
 */
public abstract sealed class LocalCluster implements AutoCloseable permits LocalFlinkCluster, LocalSparkCluster {
  /** How long {@code prepare} (Maven resolving the cluster's jars; minutes on an empty local repository) may take. */
  static final Duration PREPARE_TIMEOUT = Duration.ofMinutes(20);
  /** How long the script waits for the cluster to be ready (its {@code --timeout}). */
  static final int READY_TIMEOUT_SECONDS = 150;
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

  private final String name;
  private final String script;
  private final Path dir;
  private final Thread shutdownHook;
  private final Duration prepareTime;
  private final Duration startTime;
  private final Map<String, String> env;
  private final String startOutput;
  private Duration stopTime;
  private boolean closed;

  LocalCluster(String name, String script, Path dir, List<String> startArgs) {
    this.name = name;
    this.script = script;
    this.dir = dir.toAbsolutePath().normalize();
    long t0 = System.nanoTime();
    ClusterScripts.Result prepared = ClusterScripts.run(script, List.of("prepare"), PREPARE_TIMEOUT);
    if (!prepared.ok()) {
      throw new IllegalStateException("Cannot prepare the " + name + " cluster: " + prepared);
    }
    this.prepareTime = Duration.ofNanos(System.nanoTime() - t0);
    // Leftovers of a run that was killed before it could stop its cluster.
    stopScript();
    this.shutdownHook = new Thread(this::stopScript, "stop local " + name + " cluster in " + this.dir);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    long t1 = System.nanoTime();
    List<String> args = new ArrayList<>(List.of("start", "--dir", this.dir.toString(),
        "--timeout", String.valueOf(READY_TIMEOUT_SECONDS)));
    args.addAll(startArgs);
    ClusterScripts.Result started = ClusterScripts.run(script, args,
        Duration.ofSeconds(READY_TIMEOUT_SECONDS + 60));
    this.startTime = Duration.ofNanos(System.nanoTime() - t1);
    if (!started.ok()) {
      stopScript();
      removeHook();
      throw new IllegalStateException("Cannot start the " + name + " cluster: " + started);
    }
    this.startOutput = started.output();
    this.env = ClusterScripts.readEnv(this.dir);
  }

  /** The cluster's directory (conf/, log/, PID files). */
  public Path dir() {
    return dir;
  }

  /** Time the script's {@code prepare} took (resolving the jars; near zero once cached). */
  public Duration prepareTime() {
    return prepareTime;
  }

  /** Wall time from {@code start} until the cluster was ready. */
  public Duration startTime() {
    return startTime;
  }

  /** Wall time of {@link #close()}, or {@code null} before. */
  public Duration stopTime() {
    return stopTime;
  }

  /** What the start script printed (the address line). */
  public String startOutput() {
    return startOutput;
  }

  /** A value the script recorded in {@code <dir>/cluster.env}. */
  String env(String key) {
    String v = env.get(key);
    if (v == null) {
      throw new IllegalStateException(dir.resolve("cluster.env") + " has no " + key + ": " + env);
    }
    return v;
  }

  /** The script's {@code status} of this cluster. */
  public ClusterScripts.Result status() {
    return ClusterScripts.run(script, List.of("status", "--dir", dir.toString()), Duration.ofSeconds(30));
  }

  /** The PIDs of the cluster's processes as recorded by the script. */
  public abstract List<Long> pids();

  /** The ports the test relies on (they must be closed after {@link #close()}). */
  public abstract List<Integer> ports();

  /** Stops the cluster (SIGTERM, SIGKILL after a grace period) and checks that its processes are gone. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<Long> pids = pids();
    long t0 = System.nanoTime();
    ClusterScripts.Result r = stopScript();
    stopTime = Duration.ofNanos(System.nanoTime() - t0);
    removeHook();
    if (!r.ok()) {
      throw new IllegalStateException("Cannot stop the " + name + " cluster: " + r);
    }
    for (long pid : pids) {
      if (ClusterScripts.alive(pid)) {
        throw new IllegalStateException("The " + name + " cluster's process " + pid + " still runs after stop: " + r);
      }
    }
  }

  private ClusterScripts.Result stopScript() {
    return ClusterScripts.run(script, List.of("stop", "--dir", dir.toString()), STOP_TIMEOUT);
  }

  private void removeHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // The hook runs (or ran) already.
    }
  }

  @Override
  public String toString() {
    return name + " cluster in " + dir;
  }
}
