package org.odfbeam.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.extensions.avro.schemas.utils.AvroUtils;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Contextful;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.io.OdfIO;

/**
 * Benchmark of {@code OdfIO} against Beam's {@code ParquetIO}: writes and reads the same N synthetic rows
 * ({@link SyntheticRows}, 8 columns of mixed types, generated inside the pipelines) through both, on the same
 * runner in the same JVM, and prints the times, their ratios and each phase's peak heap (issue 4 item 8; figures in
 * {@code docs/benchmarks.md}).
 *
 * <h2>Phases (one pipeline each, timed from construction to {@code DONE})</h2>
 * <ol>
 *   <li><b>write</b>: {@code GenerateSequence} &rarr; rows &rarr; {@code FileIO.write()} with
 *       {@code ParquetIO.sink} (rows converted to Avro records with {@code AvroUtils} inside the sink), versus
 *       {@code OdfIO.write()} (offsets assigned by a deterministic sort, slices of {@code --sliceRecords} records,
 *       one commit);
 *   <li><b>read</b>: {@code ParquetIO.parseGenericRecords} converting every record to a {@code Row} (OdfIO emits
 *       rows, so the baseline must too), versus {@code OdfIO.read()}; both end in {@code Count.globally()}, checked
 *       against N;
 *   <li><b>tail</b>: an incremental read of the last 1% of the dataset ({@code withOffsetRange}), versus a full
 *       read of a dataset holding only that many rows (written once, before the repeats). Proportional to the 1%
 *       means: about the time of reading a 1% dataset, and about 1% of the files read ({@code bytes_read}).
 * </ol>
 * With {@code --repeats} &gt; 1 the two sides of each pair alternate (AB, BA, AB...) so the host's speed drift hits
 * both alike; the ratios reported are the medians of the per-pair ratios. The tail pair, seconds long, runs
 * {@code --tailPairs} times per repeat, alternating too. Each phase starts after a full garbage
 * collection and reports its peak heap ({@link HeapWatch}).
 *
 * <h2>Running</h2>
 * {@code bench/odfio-vs-parquetio.sh flink|spark [rows] [repeats]} builds the one-runner class path (the surefire
 * execution of that runner) and runs
 * <pre>{@code
 * java -Xmx2g <opens> -cp <one runner's test class path> org.odfbeam.bench.OdfIoVsParquetIo \
 *     --runner=flink --rows=10000000 --repeats=2 --dir=integration-tests/target/odfio-vs-parquetio
 * }</pre>
 * {@code --runner=flink} means an embedded cluster ({@code --flinkMaster=[local]}, {@code --parallelism=2}),
 * {@code --runner=spark} means {@code --sparkMaster=local[2]}, {@code --runner=direct} the Direct runner (for
 * correctness only); other Beam options pass through. The output ends with {@code RESULT} lines, one per target.
 */
public final class OdfIoVsParquetIo {
  /** The benchmark's options; Beam's own options (runner and its settings) are accepted too. */
  public interface Options extends PipelineOptions {
    @Description("Rows to write and read")
    @Default.Long(10_000_000L)
    long getRows();

    void setRows(long rows);

    @Description("Work directory; the benchmark creates and deletes its own subdirectories in it")
    @Default.String("target/odfio-vs-parquetio")
    String getDir();

    void setDir(String dir);

    @Description("Repeats of every pair, alternating which side goes first")
    @Default.Integer(1)
    int getRepeats();

    void setRepeats(int repeats);

    @Description("Records per OdfIO data slice; 0 = rows / 100, so that the last 1% is exactly the last slice")
    @Default.Long(0L)
    long getSliceRecords();

    void setSliceRecords(long records);

    @Description("Pairs of tail reads per repeat (they take seconds, so a few pairs steady the median)")
    @Default.Integer(3)
    int getTailPairs();

    void setTailPairs(int pairs);

    @Description("Keep the written data after the run")
    @Default.Boolean(false)
    boolean getKeep();

    void setKeep(boolean keep);
  }

  /** Targets of issue 4 item 8. */
  static final double WRITE_TARGET = 1.25;
  static final double READ_TARGET = 1.10;
  /** Tail read: at most this many times a full read of a dataset of the tail's size... */
  static final double TAIL_TIME_TARGET = 1.5;
  /** ...having read at most this share of the dataset's bytes (twice the 1%). */
  static final double TAIL_BYTES_TARGET = 0.02;

  /** The fixed system time of every OdfIO commit (reproducible datasets). */
  private static final Instant SYSTEM_TIME = Instant.parse("2025-01-01T00:00:00Z");
  private static final String BENCH = "bench";

  private final Options options;
  private final String runner;
  private final PrintStream out;
  private final HeapWatch heap = new HeapWatch();
  private final List<Measurement> measurements = new ArrayList<>();

  /** One timed pipeline. */
  record Measurement(String phase, String io, int repeat, double seconds, long records, long bytes,
      HeapWatch.Peak heap) {}

  private OdfIoVsParquetIo(Options options, String runner, PrintStream out) {
    this.options = options;
    this.runner = runner;
    this.out = out;
  }

  /** Parses the arguments, runs the benchmark, exits (the runners may leave non-daemon threads behind). */
  public static void main(String[] args) {
    run(args, System.out);
    System.exit(0);
  }

  /**
   * Runs the benchmark with these arguments, printing to {@code out}; returns the measurements.
   *
   * @throws IllegalStateException if a read does not return every row it should
   */
  static List<Measurement> run(String[] args, PrintStream out) {
    List<String> full = new ArrayList<>(Arrays.asList(args));
    String runner = runnerDefaults(full);
    PipelineOptionsFactory.register(Options.class);
    Options options = PipelineOptionsFactory.fromArgs(full.toArray(String[]::new)).withValidation()
        .as(Options.class);
    if (options.getRows() < 100) {
      throw new IllegalArgumentException("--rows must be >= 100 (the tail read is 1% of them), but was "
          + options.getRows());
    }
    if (options.getRepeats() < 1) {
      throw new IllegalArgumentException("--repeats must be >= 1, but was " + options.getRepeats());
    }
    if (options.getTailPairs() < 1) {
      throw new IllegalArgumentException("--tailPairs must be >= 1, but was " + options.getTailPairs());
    }
    OdfIoVsParquetIo bench = new OdfIoVsParquetIo(options, runner, out);
    bench.runAll();
    return bench.measurements;
  }

  /** Expands {@code --runner=direct|flink|spark} to the runner and its local settings; returns the short name. */
  static String runnerDefaults(List<String> args) {
    String runner = "direct";
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).startsWith("--runner=")) {
        runner = args.get(i).substring("--runner=".length()).toLowerCase(Locale.ROOT).replaceFirst("runner$", "");
        args.set(i, "--runner=" + switch (runner) {
          case "direct" -> "DirectRunner";
          case "flink" -> "FlinkRunner";
          case "spark" -> "SparkRunner";
          default -> throw new IllegalArgumentException("--runner must be direct, flink or spark, but was '"
              + args.get(i).substring("--runner=".length()) + "'");
        });
      }
    }
    if (args.stream().noneMatch(a -> a.startsWith("--runner="))) {
      args.add("--runner=DirectRunner");
    }
    if (runner.equals("flink")) {
      addIfAbsent(args, "--flinkMaster=", "[local]");
      addIfAbsent(args, "--parallelism=", "2");
    } else if (runner.equals("spark")) {
      addIfAbsent(args, "--sparkMaster=", "local[2]");
      // SparkConf reads spark.* system properties: no web UI, loopback only.
      System.setProperty("spark.ui.enabled", System.getProperty("spark.ui.enabled", "false"));
      System.setProperty("spark.driver.host", System.getProperty("spark.driver.host", "127.0.0.1"));
      System.setProperty("spark.driver.bindAddress", System.getProperty("spark.driver.bindAddress", "127.0.0.1"));
    }
    return runner;
  }

  private static void addIfAbsent(List<String> args, String prefix, String value) {
    if (args.stream().noneMatch(a -> a.startsWith(prefix))) {
      args.add(prefix + value);
    }
  }

  private void runAll() {
    long rows = options.getRows();
    long tail = rows / 100;
    long sliceRecords = options.getSliceRecords() > 0 ? options.getSliceRecords() : tail;
    Path dir = Path.of(options.getDir()).toAbsolutePath();
    out.printf(Locale.ROOT, "OdfIO vs ParquetIO on %s: %,d rows x %d columns, %d repeat(s), %,d records per OdfIO"
            + " slice, max heap %d MiB, %d processors, work dir %s%n", runner, rows,
        SyntheticRows.SCHEMA.getFieldCount(), options.getRepeats(), sliceRecords,
        Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(), dir);
    out.printf(Locale.ROOT, "%-32s %6s %9s %12s %10s %10s %10s%n", "phase", "repeat", "seconds", "records",
        "MiB", "peak MiB", "postGC MiB");

    Path small = dir.resolve("tail-sized-odf");
    delete(small);
    time("write tail-sized dataset", "OdfIO", 0, () -> writeOdf(tail, sliceRecords, small));

    for (int r = 1; r <= options.getRepeats(); r++) {
      final int repeat = r;
      Path parquet = dir.resolve("r" + r + "-parquet");
      Path odf = dir.resolve("r" + r + "-odf");
      delete(parquet);
      delete(odf);
      boolean baselineFirst = r % 2 == 1;
      pair(baselineFirst,
          () -> time("write", "ParquetIO", repeat, () -> writeParquet(rows, parquet)),
          () -> time("write", "OdfIO", repeat, () -> writeOdf(rows, sliceRecords, odf)));
      pair(baselineFirst,
          () -> time("read", "ParquetIO", repeat, () -> readParquet(rows, parquet)),
          () -> time("read", "OdfIO", repeat, () -> readOdf(rows, odf, null)));
      for (int t = 0; t < options.getTailPairs(); t++) {
        pair(baselineFirst == (t % 2 == 0),
            () -> time("tail: 1% dataset, full", "OdfIO", repeat, () -> readOdf(tail, small, null)),
            () -> time("tail: last 1%", "OdfIO", repeat, () -> readOdf(tail, odf, new long[] {rows - tail, rows - 1})));
      }
      if (!options.getKeep()) {
        delete(parquet);
        delete(odf);
      }
    }
    if (!options.getKeep()) {
      delete(small);
    }
    report(rows, tail);
  }

  private static void pair(boolean baselineFirst, Runnable baseline, Runnable candidate) {
    if (baselineFirst) {
      baseline.run();
      candidate.run();
    } else {
      candidate.run();
      baseline.run();
    }
  }

  /** What a phase's pipeline did: records and bytes written or read. */
  private record Work(long records, long bytes) {}

  private interface Phase {
    Work run();
  }

  private void time(String phase, String io, int repeat, Phase body) {
    heap.reset();
    // on stderr, to line profiles (JFR) up with the phases
    System.err.println("bench: " + phase + " " + io + " (repeat " + repeat + ") starts at " + Instant.now());
    long start = System.nanoTime();
    Work work = body.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    Measurement m = new Measurement(phase, io, repeat, seconds, work.records(), work.bytes(), heap.peak());
    measurements.add(m);
    out.printf(Locale.ROOT, "%-32s %6d %9.2f %12d %10.1f %10d %10d%n", phase + " " + io, repeat, seconds,
        work.records(), work.bytes() / 1048576.0, m.heap().peak() >> 20, m.heap().afterGc() >> 20);
    out.flush();
  }

  private PCollection<Row> generate(Pipeline p, long rows) {
    return p.apply("Generate row numbers", GenerateSequence.from(0).to(rows))
        .apply("Make synthetic rows", MapElements.via(new SyntheticRows()))
        .setRowSchema(SyntheticRows.SCHEMA);
  }

  private Work writeParquet(long rows, Path dir) {
    Pipeline p = Pipeline.create(options);
    org.apache.avro.Schema avro = AvroUtils.toAvroSchema(SyntheticRows.SCHEMA);
    generate(p, rows).apply("Write Parquet files with ParquetIO", FileIO.<Row>write()
        .via(Contextful.fn(AvroUtils.getRowToGenericRecordFunction(avro)), ParquetIO.sink(avro))
        .to(dir.toString())
        .withPrefix("part")
        .withSuffix(".parquet"));
    run(p);
    return new Work(rows, size(dir));
  }

  private Work writeOdf(long rows, long sliceRecords, Path dir) {
    Pipeline p = Pipeline.create(options);
    generate(p, rows).apply("Write the dataset with OdfIO", OdfIO.write()
        .to(dir.toString())
        .withSystemTime(SYSTEM_TIME)
        .withMaxRecordsPerSlice(sliceRecords));
    Map<String, Long> counters = run(p);
    check("OdfIO write of " + dir, rows, counters.getOrDefault("odf/records_written", -1L));
    return new Work(rows, counters.getOrDefault("odf/bytes_written", 0L));
  }

  private Work readParquet(long rows, Path dir) {
    Pipeline p = Pipeline.create(options);
    p.apply("Read Parquet files with ParquetIO as rows",
            ParquetIO.parseGenericRecords(AvroUtils.getGenericRecordToRowFunction(SyntheticRows.SCHEMA))
                .withCoder(RowCoder.of(SyntheticRows.SCHEMA))
                .from(dir.resolve("*.parquet").toString()))
        .apply("Count", new CountRecords());
    Map<String, Long> counters = run(p);
    check("ParquetIO read of " + dir, rows, counters.getOrDefault(BENCH + "/records_counted", -1L));
    return new Work(rows, size(dir));
  }

  /** Reads the dataset in full, or the closed offset range {@code range}. */
  private Work readOdf(long rows, Path dir, long[] range) {
    Pipeline p = Pipeline.create(options);
    var read = OdfIO.read().from(dir.toString());
    if (range != null) {
      read = read.withOffsetRange(range[0], range[1]);
    }
    p.apply("Read the dataset with OdfIO", read).apply("Count", new CountRecords());
    Map<String, Long> counters = run(p);
    check("OdfIO read of " + dir, rows, counters.getOrDefault(BENCH + "/records_counted", -1L));
    check("OdfIO read of " + dir + " (records_read)", rows, counters.getOrDefault("odf/records_read", -1L));
    return new Work(rows, counters.getOrDefault("odf/bytes_read", 0L));
  }

  /** {@code Count.globally()}, its result added to the counter {@code bench/records_counted}. */
  private static final class CountRecords extends PTransform<PCollection<Row>, PDone> {
    private static final long serialVersionUID = 1L;

    @Override
    public PDone expand(PCollection<Row> rows) {
      rows.apply("Count records", Count.globally())
          .apply("Report the count", ParDo.of(new DoFn<Long, Void>() {
            private static final long serialVersionUID = 1L;
            private final Counter counted = Metrics.counter(BENCH, "records_counted");

            @ProcessElement
            public void processElement(@Element Long n) {
              counted.inc(n);
            }
          }));
      return PDone.in(rows.getPipeline());
    }
  }

  /** Runs to {@code DONE}; returns the attempted counters as {@code namespace/name} -> sum over steps. */
  private static Map<String, Long> run(Pipeline p) {
    PipelineResult result = p.run();
    PipelineResult.State state = result.waitUntilFinish();
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException("Pipeline ended " + state);
    }
    Map<String, Long> counters = new HashMap<>();
    for (MetricResult<Long> c : result.metrics().queryMetrics(MetricsFilter.builder().build()).getCounters()) {
      counters.merge(c.getName().getNamespace() + "/" + c.getName().getName(), c.getAttempted(), Long::sum);
    }
    return counters;
  }

  private static void check(String what, long expected, long actual) {
    if (expected != actual) {
      throw new IllegalStateException("Cannot benchmark: " + what + " gave " + actual + " records, expected "
          + expected);
    }
  }

  private void report(long rows, long tail) {
    List<Double> write = ratios("write", "OdfIO", "write", "ParquetIO");
    List<Double> read = ratios("read", "OdfIO", "read", "ParquetIO");
    List<Double> tailVsSmall = ratios("tail: last 1%", "OdfIO", "tail: 1% dataset, full", "OdfIO");
    List<Double> tailVsFull = ratios("tail: last 1%", "OdfIO", "read", "OdfIO");
    double w = median(write);
    double r = median(read);
    double t = median(tailVsSmall);
    Measurement lastTail = last("tail: last 1%");
    Measurement lastFull = last("read", "OdfIO");
    double tailBytes = lastFull.bytes() == 0 ? 0 : (double) lastTail.bytes() / lastFull.bytes();
    HeapWatch.Peak worst = measurements.stream().map(Measurement::heap)
        .max(Comparator.comparingLong(HeapWatch.Peak::peak)).orElseThrow();
    long afterGc = measurements.stream().mapToLong(m -> m.heap().afterGc()).max().orElseThrow();
    out.printf(Locale.ROOT, "RESULT write: OdfIO / ParquetIO = %.2f%s; target <= %.2f: %s%n", w, list(write),
        WRITE_TARGET, w <= WRITE_TARGET ? "met" : "NOT MET");
    out.printf(Locale.ROOT, "RESULT read: OdfIO / ParquetIO = %.2f%s; target <= %.2f: %s%n", r, list(read),
        READ_TARGET, r <= READ_TARGET ? "met" : "NOT MET");
    out.printf(Locale.ROOT, "RESULT tail: last 1%% (%,d of %,d records, %.1f of %.1f MiB = %.1f%% of the files)"
            + " / full read of a %,d-row dataset = %.2f%s, / full read = %.3f%s; target <= %.2f and <= %.0f%% of"
            + " the bytes: %s%n",
        tail, rows, lastTail.bytes() / 1048576.0, lastFull.bytes() / 1048576.0, 100 * tailBytes, tail, t,
        list(tailVsSmall), median(tailVsFull), list(tailVsFull), TAIL_TIME_TARGET, 100 * TAIL_BYTES_TARGET,
        t <= TAIL_TIME_TARGET && tailBytes <= TAIL_BYTES_TARGET ? "met" : "NOT MET");
    out.printf(Locale.ROOT, "RESULT heap: peak %d MiB, most in use after a collection %d MiB, of max %d MiB:"
        + " every phase ran in the heap%n", worst.peak() >> 20, afterGc >> 20, worst.max() >> 20);
    out.flush();
  }

  /** Per pair (the i-th run of each side): seconds of (phase a, io a) / seconds of (phase b, io b). */
  private List<Double> ratios(String phaseA, String ioA, String phaseB, String ioB) {
    List<Measurement> a = find(phaseA, ioA);
    List<Measurement> b = find(phaseB, ioB);
    if (a.size() == b.size()) {
      List<Double> ratios = new ArrayList<>();
      for (int i = 0; i < a.size(); i++) {
        ratios.add(a.get(i).seconds() / b.get(i).seconds());
      }
      return ratios;
    }
    // runs of one side per repeat against several of the other: per repeat, against their median
    List<Double> ratios = new ArrayList<>();
    for (int r = 1; r <= options.getRepeats(); r++) {
      final int repeat = r;
      double sa = median(a.stream().filter(m -> m.repeat() == repeat).map(Measurement::seconds).toList());
      double sb = median(b.stream().filter(m -> m.repeat() == repeat).map(Measurement::seconds).toList());
      ratios.add(sa / sb);
    }
    return ratios;
  }

  private List<Measurement> find(String phase, String io) {
    return measurements.stream().filter(m -> m.phase().equals(phase) && m.io().equals(io)).toList();
  }

  private Measurement last(String phase) {
    return last(phase, "OdfIO");
  }

  private Measurement last(String phase, String io) {
    List<Measurement> all = find(phase, io);
    return all.get(all.size() - 1);
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String list(List<Double> ratios) {
    if (ratios.size() < 2) {
      return "";
    }
    StringBuilder b = new StringBuilder(" (median of");
    for (double d : ratios) {
      b.append(String.format(Locale.ROOT, " %.2f", d));
    }
    return b.append(')').toString();
  }

  private static long size(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot measure " + dir, e);
    }
  }

  private static void delete(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + root, e);
    }
  }
}
