package org.odfbeam.data.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.joda.time.Instant;
import org.odfbeam.data.OdfSchemas;
import org.odfbeam.data.RowWriteSupport;
import org.odfbeam.data.SliceFile;
import org.odfbeam.data.SliceWriter;
import org.odfbeam.data.Vocabulary;
import org.odfbeam.bench.Interleaved;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Writing a slice of 200,000 rows x 8 columns (offset, op, system_time, event_time, city, population, a double, a
 * nullable string) through {@link SliceWriter} (physical and logical hash computed while writing) against plain
 * parquet-mr {@link ParquetWriter} with the same settings (format 1.0, SNAPPY, dictionary, statistics) and the same
 * {@link RowWriteSupport}, without hashing. Target: SliceWriter at &ge; 70% of the baseline.
 *
 * <p>Run: {@code flock /tmp/odf-mvn.lock mvn -o -q -B -pl odf-beam-io test-compile dependency:build-classpath
 * -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test}, then (not concurrently with a build) {@code java -cp
 * odf-beam-io/target/test-classes:odf-beam-io/target/classes:$(cat /tmp/cp.txt)
 * org.odfbeam.data.bench.SliceWriterBenchmark} (runs both, prints rows/s, MB/s of output and the ratio).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class SliceWriterBenchmark {
  static final int ROWS = 200_000;
  static final Schema SCHEMA = OdfSchemas.withSystemColumns(Vocabulary.DEFAULT, FieldType.DATETIME,
      Schema.builder()
          .addStringField("city")
          .addInt64Field("population")
          .addDoubleField("ratio")
          .addNullableField("note", FieldType.STRING)
          .build());

  List<Row> rows;
  Path dir;
  long fileBytes;
  private int counter;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    dir = Files.createTempDirectory("slice-bench");
    rows = new ArrayList<>(ROWS);
    Instant systemTime = new Instant(1_577_880_000_000L);
    for (int i = 0; i < ROWS; i++) {
      rows.add(Row.withSchema(SCHEMA).attachValues((long) i, 0, systemTime,
          new Instant(1_500_000_000_000L + i * 1000L), "city-" + (i % 1000), 1000L + i * 7L, i / 3.0,
          i % 3 == 0 ? null : "note " + i));
    }
    Path probe = dir.resolve("probe.parquet");
    fileBytes = writeBaseline(probe);
    Files.delete(probe);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (var s = Files.list(dir)) {
      for (Path p : s.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(dir);
  }

  private Path nextFile() {
    return dir.resolve("f" + (counter++) + ".parquet");
  }

  @Benchmark
  public Object sliceWriter() throws IOException {
    Path f = nextFile();
    SliceFile out;
    try (SliceWriter.Session s = SliceWriter.of(SCHEMA).open(f, 0)) {
      for (Row r : rows) {
        s.write(r);
      }
      out = s.finish().orElseThrow();
    }
    Files.delete(f);
    return out.slice();
  }

  @Benchmark
  public long plainParquetMr() throws IOException {
    Path f = nextFile();
    long size = writeBaseline(f);
    Files.delete(f);
    return size;
  }

  long writeBaseline(Path f) throws IOException {
    try (ParquetWriter<Row> w = new Builder(new LocalOutputFile(f))
        .withConf(new PlainParquetConfiguration())
        .withWriteMode(ParquetFileWriter.Mode.CREATE)
        .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withDictionaryEncoding(true)
        .withStatisticsEnabled(true)
        .withPageWriteChecksumEnabled(false)
        .build()) {
      for (Row r : rows) {
        w.write(r);
      }
    }
    return Files.size(f);
  }

  private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
    Builder(OutputFile file) {
      super(file);
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Row> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
      return new RowWriteSupport(SCHEMA);
    }

    @Override
    protected WriteSupport<Row> getWriteSupport(org.apache.parquet.conf.ParquetConfiguration conf) {
      return new RowWriteSupport(SCHEMA);
    }
  }

  /** Runs both benchmarks in one JVM fork and prints rows/s, output MB/s and the ratio. */
  public static void main(String[] args) throws Exception {
    SliceWriterBenchmark probe = new SliceWriterBenchmark();
    probe.setup();
    long bytes = probe.fileBytes;
    // Interleaved comparison first (see Interleaved: robust to the host's speed drifting), then JMH.
    Interleaved.Result interleaved = Interleaved.compare(probe::plainParquetMr, probe::sliceWriter, 40, 30, 2);
    probe.tearDown();
    System.out.println("interleaved, SliceWriter vs plain parquet-mr, " + ROWS + " rows: " + interleaved);
    if (java.util.Arrays.asList(args).contains("--interleaved-only")) {
      return;
    }
    // Long warm-up and a fixed heap: parquet-mr's write path takes ~20 invocations to settle, and heap
    // resizing otherwise shows up as noise in a 200,000-row operation.
    Options opts = new OptionsBuilder().include(SliceWriterBenchmark.class.getName() + "\\.").forks(1)
        .warmupIterations(8).measurementIterations(8).jvmArgsAppend("-Xms2g", "-Xmx2g").build();
    Collection<RunResult> results = new Runner(opts).run();
    double slice = 0;
    double plain = 0;
    for (RunResult rr : results) {
      double score = rr.getPrimaryResult().getScore();
      if (rr.getParams().getBenchmark().endsWith("sliceWriter")) {
        slice = score;
      } else {
        plain = score;
      }
    }
    System.out.printf("%nrows/op %d, file bytes/op %d%nSliceWriter (both hashes): %.3f ops/s = %.0f rows/s = %.1f MB/s"
        + "%nplain parquet-mr:          %.3f ops/s = %.0f rows/s = %.1f MB/s%nratio: %.1f%%%n", ROWS, bytes,
        slice, slice * ROWS, slice * bytes / 1e6, plain, plain * ROWS, plain * bytes / 1e6, 100 * slice / plain);
  }
}
