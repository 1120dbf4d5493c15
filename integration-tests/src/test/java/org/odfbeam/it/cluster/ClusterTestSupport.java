package org.odfbeam.it.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.odfbeam.runners.ClusterProbe;

/** Small helpers of the cluster tests. */
final class ClusterTestSupport {
  /** How long {@link #measureRawUnreachable} waits for a runner to give up. */
  static final Duration RAW_UNREACHABLE_LIMIT = Duration.ofMinutes(5);

  private ClusterTestSupport() {}

  /**
   * {@code org.odfbeam.runners.ClusterProbe.checkReachable(args)}, what a pipeline's main calls before submitting.
   *
   * @throws IllegalStateException (ClusterProbe.UnreachableClusterException) naming the address
   */
  static void checkReachable(List<String> args) {
    ClusterProbe.checkReachable(args);
  }

  /** Skips the test class unless {@code className} (a runner) is on the class path of this surefire execution. */
  static void assumeOnClassPath(String className) {
    boolean present;
    try {
      Class.forName(className, false, ClusterTestSupport.class.getClassLoader());
      present = true;
    } catch (ClassNotFoundException | LinkageError e) {
      present = false;
    }
    Assumptions.assumeTrue(present, className + " is not on the class path of this test run");
  }

  /** Skips the test unless the system property {@code name} is {@code true}. */
  static void assumeProperty(String name) {
    Assumptions.assumeTrue(Boolean.getBoolean(name), "set -D" + name + "=true to run this measurement");
  }

  /**
   * Runs the pipeline against a cluster address where nothing listens, without {@code ClusterProbe}, and records how
   * long the runner takes to fail and what it says (up to {@link #RAW_UNREACHABLE_LIMIT}; a runner still waiting
   * then is left to its daemon thread).
   */
  static void measureRawUnreachable(ClusterPipelines.Timings timings, String runner, List<String> args, Path dataset)
      throws InterruptedException {
    long t0 = System.nanoTime();
    CompletableFuture<Void> run = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        ClusterPipelines.write(args, dataset);
        run.complete(null);
      } catch (Throwable e) {
        run.completeExceptionally(e);
      }
    }, "raw-unreachable-" + runner);
    t.setDaemon(true);
    t.start();
    String outcome;
    try {
      run.get(RAW_UNREACHABLE_LIMIT.toSeconds(), TimeUnit.SECONDS);
      outcome = "succeeded (?)";
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable c = e.getCause();
      StringBuilder sb = new StringBuilder();
      for (Throwable x = c; x != null; x = x.getCause()) {
        sb.append("\n    ").append(x.getClass().getName()).append(": ").append(x.getMessage());
      }
      outcome = "failed:" + sb;
    } catch (TimeoutException e) {
      outcome = "still waiting";
    }
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    timings.record("raw runner, unreachable cluster", took);
    System.out.println("[cluster-it] " + runner + " raw runner against " + args + ": " + outcome);
  }
}
