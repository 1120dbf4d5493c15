package org.odfbeam.runners;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Checks, before a pipeline is submitted, that the cluster its arguments name accepts connections, and fails within
 * seconds with the cluster's address when it does not.
 *
 * <p>Beam's runners wait a long time for a cluster that is not there: the FlinkRunner's REST client retries its
 * submission for minutes, and a Spark driver retries registering with a standalone master for about a minute before
 * it gives up with a message that does not name the master. A pipeline's {@code main} calls
 * {@link #checkReachable(List)} with its arguments right before {@code Pipeline.run()}; arguments that name no
 * cluster (the Direct runner, embedded Flink {@code [local]}/{@code [auto]}/{@code [collection]}, Spark
 * {@code local[...]}, or {@code yarn}/{@code k8s://} masters, which are not probed) pass without a connection attempt.
 *
 * <p>The probe opens and closes one TCP connection per address: to the Flink REST endpoint of
 * {@code --flinkMaster=host:port} (port 8081 when absent, an {@code http://} or {@code https://} prefix allowed) and to
 * each master of {@code --sparkMaster=spark://host:port[,host:port...]} (port 7077 when absent; one answering master
 * of several is enough). It proves that something listens there, not that it is a healthy cluster.
 */
public final class ClusterProbe {
  /** How long one connection attempt may take by default. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
  static final int FLINK_DEFAULT_PORT = 8081;
  static final int SPARK_DEFAULT_PORT = 7077;

  private ClusterProbe() {}

  /** A cluster address named by an argument: the option ({@code --flinkMaster}), its value, and one host and port. */
  public record Endpoint(String option, String value, String host, int port) {
    public Endpoint {
      Objects.requireNonNull(option, "option");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(host, "host");
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException(option + "=" + value + ": port " + port + " is out of range");
      }
    }

    /** {@code host:port}, with brackets around an IPv6 host. */
    public String address() {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /** The cluster could not be reached; the message names the address and the argument that gave it. */
  public static final class UnreachableClusterException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final transient List<Endpoint> endpoints;

    UnreachableClusterException(String message, List<Endpoint> endpoints) {
      super(message);
      this.endpoints = List.copyOf(endpoints);
    }

    /** The addresses that were tried. */
    public List<Endpoint> endpoints() {
      return endpoints;
    }
  }

  /**
   * The cluster addresses {@code args} name ({@code --flinkMaster=...}, {@code --sparkMaster=...}, also written as two
   * arguments {@code --flinkMaster value}); empty when they name none or only embedded/unprobed ones. The last
   * occurrence of an option wins, as in Beam.
   *
   * @throws IllegalArgumentException for a malformed address (the message names it)
   */
  public static List<Endpoint> endpoints(List<String> args) {
    String flink = null;
    String spark = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      String v;
      if ((v = value(args, i, "--flinkMaster")) != null) {
        flink = v;
      } else if ((v = value(args, i, "--sparkMaster")) != null) {
        spark = v;
      } else {
        continue;
      }
      if (!a.contains("=")) {
        i++;
      }
    }
    List<Endpoint> out = new ArrayList<>();
    if (flink != null) {
      out.addAll(flinkEndpoints(flink));
    }
    if (spark != null) {
      out.addAll(sparkEndpoints(spark));
    }
    return List.copyOf(out);
  }

  /** {@link #checkReachable(List, Duration)} with {@link #DEFAULT_TIMEOUT}. */
  public static void checkReachable(List<String> args) {
    checkReachable(args, DEFAULT_TIMEOUT);
  }

  /** {@link #checkReachable(List, Duration)} with {@link #DEFAULT_TIMEOUT}. */
  public static void checkReachable(String... args) {
    checkReachable(List.of(args), DEFAULT_TIMEOUT);
  }

  /**
   * Connects to the cluster {@code args} name (see {@link #endpoints}); returns when it accepts connections (for
   * Spark: when one of its masters does) or when the arguments name no cluster to probe.
   *
   * @param timeout the time one connection attempt may take
   * @throws UnreachableClusterException naming the address, the argument and the reason, e.g.
   *     {@code Cannot reach the Flink cluster at 127.0.0.1:8081 (--flinkMaster=127.0.0.1:8081): connection refused}
   * @throws IllegalArgumentException for a malformed address
   */
  public static void checkReachable(List<String> args, Duration timeout) {
    List<Endpoint> endpoints = endpoints(args);
    List<Endpoint> flink = endpoints.stream().filter(e -> e.option().equals("--flinkMaster")).toList();
    List<Endpoint> spark = endpoints.stream().filter(e -> e.option().equals("--sparkMaster")).toList();
    if (!flink.isEmpty()) {
      requireOne("Flink cluster", flink, timeout);
    }
    if (!spark.isEmpty()) {
      requireOne("Spark master", spark, timeout);
    }
  }

  /** Returns {@code null} when {@code host:port} accepts a connection within {@code timeout}, else why not. */
  public static String probe(String host, int port, Duration timeout) {
    int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      return "unknown host " + host;
    }
    try (Socket socket = new Socket()) {
      socket.connect(address, millis);
      return null;
    } catch (ConnectException e) {
      return "connection refused";
    } catch (SocketTimeoutException e) {
      return "no answer within " + millis + " ms";
    } catch (UnknownHostException e) {
      return "unknown host " + host;
    } catch (IOException e) {
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().toLowerCase(Locale.ROOT);
    }
  }

  private static void requireOne(String what, List<Endpoint> endpoints, Duration timeout) {
    List<String> failures = new ArrayList<>();
    for (Endpoint e : endpoints) {
      String why = probe(e.host(), e.port(), timeout);
      if (why == null) {
        return;
      }
      failures.add(e.address() + ": " + why);
    }
    Endpoint first = endpoints.get(0);
    String addresses = String.join(", ", endpoints.stream().map(Endpoint::address).toList());
    throw new UnreachableClusterException("Cannot reach the " + what + " at " + addresses + " ("
        + first.option() + "=" + first.value() + "): " + String.join("; ", failures)
        + ". Is it running? (A local one: runners-config/clusters/"
        + (first.option().equals("--flinkMaster") ? "flink" : "spark") + "-cluster.sh status)", endpoints);
  }

  /** The value of {@code option} at {@code args[i]} ({@code --opt=v} or {@code --opt v}), else {@code null}. */
  private static String value(List<String> args, int i, String option) {
    String a = args.get(i);
    if (a.startsWith(option + "=")) {
      return a.substring(option.length() + 1).trim();
    }
    if (a.equals(option) && i + 1 < args.size()) {
      return args.get(i + 1).trim();
    }
    return null;
  }

  private static List<Endpoint> flinkEndpoints(String value) {
    String v = value;
    String lower = v.toLowerCase(Locale.ROOT);
    if (v.isEmpty() || v.matches("\\[[A-Za-z]+]")) {
      return List.of(); // [local], [auto], [collection]: embedded, nothing to probe
    }
    if (lower.startsWith("http://")) {
      v = v.substring("http://".length());
    } else if (lower.startsWith("https://")) {
      v = v.substring("https://".length());
    }
    int slash = v.indexOf('/');
    if (slash >= 0) {
      v = v.substring(0, slash);
    }
    return List.of(hostPort("--flinkMaster", value, v, FLINK_DEFAULT_PORT));
  }

  private static List<Endpoint> sparkEndpoints(String value) {
    if (!value.toLowerCase(Locale.ROOT).startsWith("spark://")) {
      return List.of(); // local[...], yarn, k8s://, mesos://: not a standalone master
    }
    String rest = value.substring("spark://".length());
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      rest = rest.substring(0, slash);
    }
    List<Endpoint> out = new ArrayList<>();
    for (String hp : rest.split(",")) {
      out.add(hostPort("--sparkMaster", value, hp.trim(), SPARK_DEFAULT_PORT));
    }
    return out;
  }

  private static Endpoint hostPort(String option, String value, String hostPort, int defaultPort) {
    String host;
    String port = null;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException(option + "=" + value + ": unclosed '[' in the address");
      }
      host = hostPort.substring(1, close);
      String after = hostPort.substring(close + 1);
      if (after.startsWith(":")) {
        port = after.substring(1);
      } else if (!after.isEmpty()) {
        throw new IllegalArgumentException(option + "=" + value + ": unexpected '" + after + "' after the host");
      }
    } else {
      int colon = hostPort.lastIndexOf(':');
      host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      port = colon < 0 ? null : hostPort.substring(colon + 1);
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException(option + "=" + value + ": no host in the address");
    }
    int p;
    try {
      p = port == null ? defaultPort : Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + "=" + value + ": port '" + port + "' is not a number");
    }
    return new Endpoint(option, value, host, p);
  }
}
