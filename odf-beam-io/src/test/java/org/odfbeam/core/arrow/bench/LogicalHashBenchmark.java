package org.odfbeam.core.arrow.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.odfbeam.core.arrow.ArrowField;
import org.odfbeam.core.arrow.ArrowType;
import org.odfbeam.core.arrow.BatchBuilder;
import org.odfbeam.core.arrow.LogicalHasher;
import org.odfbeam.core.arrow.Validity;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.bench.Interleaved;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Throughput of {@link LogicalHasher} vs raw JDK SHA3-256 over the same number of bytes.
 *
 * <p>Table: {@value #ROWS} rows in batches of 10,000 with 8 columns — offset Int64, op Int32, system_time and
 * event_time Timestamp(ms, "UTC"), city Utf8, population Int64, lat Float64, nullable note Utf8 (10% nulls). One op
 * of {@code logicalHash} hashes the whole table; one op of {@code rawSha3} hashes a byte[] of {@link #logicalBytes}
 * bytes, the total number of bytes the column hashers consume for that table (printed at setup: 10,043,822 bytes). So
 * MB/s = ops/s * logicalBytes / 1e6 for both, and the ratio of the two ops/s figures is the relative throughput.
 *
 * <p>Run: {@code flock /tmp/odf-mvn.lock mvn -o -q -B -pl odf-beam-io test-compile dependency:build-classpath
 * -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test}, then {@code java -cp
 * odf-beam-io/target/test-classes:odf-beam-io/target/classes:$(cat /tmp/cp.txt)
 * org.odfbeam.core.arrow.bench.LogicalHashBenchmark} (runs both, prints MB/s and the ratio), or
 * {@code org.openjdk.jmh.Main LogicalHashBenchmark -f 1 -wi 3 -i 5} for JMH's own report.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LogicalHashBenchmark {
  static final int ROWS = 100_000;
  static final int BATCH = LogicalHasher.KAMU_BATCH_SIZE;

  static final List<ArrowField> SCHEMA = List.of(
      ArrowField.required("offset", ArrowType.int64()),
      ArrowField.required("op", ArrowType.int32()),
      ArrowField.required("system_time", ArrowType.timestamp(org.odfbeam.core.model.TimeUnit.MILLISECOND, "UTC")),
      ArrowField.required("event_time", ArrowType.timestamp(org.odfbeam.core.model.TimeUnit.MILLISECOND, "UTC")),
      ArrowField.required("city", ArrowType.utf8()),
      ArrowField.required("population", ArrowType.int64()),
      ArrowField.required("lat", ArrowType.float64()),
      ArrowField.nullable("note", ArrowType.utf8()));

  long[][] offset;
  int[][] op;
  long[][] systemTime;
  long[][] eventTime;
  String[][] city;
  long[][] population;
  double[][] lat;
  String[][] note;
  Validity[] noteValidity;
  /** Bytes consumed by the column hashers for one table (excluding the few type-hash bytes). */
  public long logicalBytes;
  byte[] raw;

  @Setup
  public void setup() {
    Random r = new Random(1);
    int batches = (ROWS + BATCH - 1) / BATCH;
    offset = new long[batches][];
    op = new int[batches][];
    systemTime = new long[batches][];
    eventTime = new long[batches][];
    city = new String[batches][];
    population = new long[batches][];
    lat = new double[batches][];
    note = new String[batches][];
    noteValidity = new Validity[batches];
    String[] cities = {"Vancouver", "Kyiv", "São Paulo", "Tokyo", "Berlin", "Nairobi", "Lima", "Reykjavík"};
    long bytes = 0;
    for (int b = 0; b < batches; b++) {
      int n = Math.min(BATCH, ROWS - b * BATCH);
      offset[b] = new long[n];
      op[b] = new int[n];
      systemTime[b] = new long[n];
      eventTime[b] = new long[n];
      city[b] = new String[n];
      population[b] = new long[n];
      lat[b] = new double[n];
      note[b] = new String[n];
      boolean[] nulls = new boolean[n];
      for (int i = 0; i < n; i++) {
        offset[b][i] = (long) b * BATCH + i;
        systemTime[b][i] = 1_700_000_000_000L;
        eventTime[b][i] = 1_600_000_000_000L + r.nextInt(1_000_000_000);
        city[b][i] = cities[r.nextInt(cities.length)] + "-" + r.nextInt(100);
        population[b][i] = r.nextInt(40_000_000);
        lat[b][i] = r.nextDouble() * 180 - 90;
        nulls[i] = r.nextInt(10) == 0;
        note[b][i] = nulls[i] ? null : "note " + r.nextInt(1_000_000) + " about the city";
        bytes += 8 + 4 + 8 + 8 + 8 + 8 + 8;
        bytes += 8 + city[b][i].getBytes(StandardCharsets.UTF_8).length;
        bytes += nulls[i] ? 1 : 8 + note[b][i].getBytes(StandardCharsets.UTF_8).length;
      }
      noteValidity[b] = Validity.ofNulls(nulls, n);
    }
    logicalBytes = bytes;
    raw = new byte[(int) bytes];
    r.nextBytes(raw);
    System.out.println("\nlogical bytes per op: " + logicalBytes);
  }

  /** Hashes the whole table with LogicalHasher (bytes per op: {@link #logicalBytes}). */
  @Benchmark
  public Multihash logicalHash() {
    LogicalHasher h = new LogicalHasher(SCHEMA);
    for (int b = 0; b < offset.length; b++) {
      int n = offset[b].length;
      BatchBuilder batch = h.batch(n);
      batch.column(0).putLongs(offset[b], n);
      batch.column(1).putInts(op[b], n);
      batch.column(2).putLongs(systemTime[b], n);
      batch.column(3).putLongs(eventTime[b], n);
      batch.column(4).putStrings(city[b], n);
      batch.column(5).putLongs(population[b], n);
      batch.column(6).putDoubles(lat[b], n);
      batch.column(7).validity(noteValidity[b]).putStrings(note[b], n);
      batch.end();
    }
    return h.finish();
  }

  /** Raw JDK SHA3-256 over {@link #logicalBytes} bytes in one update. */
  @Benchmark
  public byte[] rawSha3() throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA3-256");
    md.update(raw);
    return md.digest();
  }

  /** Runs both benchmarks in one JVM fork and prints MB/s and the ratio. */
  public static void main(String[] args) throws Exception {
    LogicalHashBenchmark probe = new LogicalHashBenchmark();
    probe.setup();
    // Interleaved comparison first (see Interleaved: robust to the host's speed drifting), then JMH.
    Interleaved.Result interleaved = Interleaved.compare(probe::rawSha3, probe::logicalHash, 200, 40, 3);
    System.out.println("interleaved, LogicalHasher vs raw SHA3-256 over " + probe.logicalBytes + " bytes: "
        + interleaved);
    if (java.util.Arrays.asList(args).contains("--interleaved-only")) {
      return;
    }
    Options opts = new OptionsBuilder().include(LogicalHashBenchmark.class.getName() + "\\.").forks(1)
        .warmupIterations(8).measurementIterations(8).jvmArgsAppend("-Xms1g", "-Xmx1g").build();
    Collection<RunResult> results = new Runner(opts).run();
    double logical = 0;
    double sha = 0;
    for (RunResult rr : results) {
      double score = rr.getPrimaryResult().getScore();
      if (rr.getParams().getBenchmark().endsWith("logicalHash")) {
        logical = score;
      } else {
        sha = score;
      }
    }
    double mb = probe.logicalBytes / 1e6;
    System.out.printf("%nbytes/op %d%nLogicalHasher: %.2f ops/s = %.1f MB/s%nraw SHA3-256:  %.2f ops/s = %.1f MB/s%n"
        + "ratio: %.1f%%%n", probe.logicalBytes, logical, logical * mb, sha, sha * mb, 100 * logical / sha);
  }
}
