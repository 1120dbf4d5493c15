package org.odfbeam.it.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the scripts under {@code runners-config/clusters/} ({@code flink-cluster.sh}, {@code spark-cluster.sh}) as a
 * user would, and reads what they record in a cluster's directory.
 */
final class ClusterScripts {
  /** The repository root: the directory above the working directory that holds {@code runners-config/clusters}. */
  static final Path REPO = locateRepo();
  static final Path CLUSTERS = REPO.resolve("runners-config/clusters");

  private ClusterScripts() {}

  /** Exit code and combined stdout/stderr of one script run. */
  record Result(String command, int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }

    @Override
    public String toString() {
      return command + " -> exit " + exitCode + "\n" + output;
    }
  }

  private static Path locateRepo() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("runners-config/clusters/flink-cluster.sh"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("Cannot find runners-config/clusters above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  /**
   * Runs {@code runners-config/clusters/<script> <args>} and waits at most {@code timeout}; a script still running
   * then is killed and reported as exit code -1.
   */
  static Result run(String script, List<String> args, Duration timeout) {
    List<String> command = new ArrayList<>();
    command.add(CLUSTERS.resolve(script).toString());
    command.addAll(args);
    String shown = script + " " + String.join(" ", args);
    try {
      Path out = Files.createTempFile("cluster-script", ".out");
      try {
        ProcessBuilder pb = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true)
            .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        return new Result(shown, finished ? p.exitValue() : -1,
            finished ? output : output + "\n(killed after " + timeout.toSeconds() + " s)");
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + shown, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + shown, e);
    }
  }

  /** The {@code key=value} lines a script records in {@code <dir>/cluster.env}. */
  static Map<String, String> readEnv(Path dir) {
    Map<String, String> env = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(dir.resolve("cluster.env"), StandardCharsets.UTF_8)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          env.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + dir.resolve("cluster.env"), e);
    }
    return env;
  }

  /** A loopback port nothing listens on right now (bound to port 0, then released). */
  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether something accepts connections on 127.0.0.1:{@code port}. */
  static boolean listening(int port) {
    try (java.net.Socket s = new java.net.Socket()) {
      s.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Whether process {@code pid} is alive; a zombie (exited, not yet reaped by its new parent, since the scripts
   * detach the daemons from the shell that started them) counts as dead.
   */
  static boolean alive(long pid) {
    if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      int close = stat.lastIndexOf(')');
      return close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) != 'Z';
    } catch (IOException e) {
      return false; // gone meanwhile
    }
  }

  /** The PID recorded in {@code <dir>/<role>.pid}, or -1. */
  static long pid(Path dir, String role) {
    try {
      Path f = dir.resolve(role + ".pid");
      return Files.isRegularFile(f) ? Long.parseLong(Files.readString(f).trim()) : -1;
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }

  /** Body of GET http://127.0.0.1:{@code port}{@code path}. */
  static String httpGet(int port, String path) throws IOException {
    java.net.HttpURLConnection c = (java.net.HttpURLConnection)
        java.net.URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
    c.setConnectTimeout(3_000);
    c.setReadTimeout(10_000);
    try (var in = c.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      c.disconnect();
    }
  }
}
