package org.odfbeam.pipelines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.schemas.transforms.Select;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.odfbeam.cli.Odf;
import org.odfbeam.core.model.SqlQueryStep;
import org.odfbeam.io.OdfIO;
import org.odfbeam.io.OdfInputs;
import org.odfbeam.runners.OdfPipelineOptions;
import org.odfbeam.runners.OdfRunners;
import org.odfbeam.runners.OdfSettings;
import org.odfbeam.transforms.join.TemporalJoin;
import org.odfbeam.transforms.sql.OdfSql;

/**
 * The README's main job: on the bundled sample data ({@code examples/demo}: monthly snapshots of a weather-station
 * registry and 8-hourly readings of those stations), month by month, ingests the two root datasets from their
 * manifests ({@code weather.stations}: CSV, Snapshot merge; {@code weather.readings}: NDJSON, SQL preprocess, Ledger
 * merge) and derives a third, {@code weather.city-daily}: each reading joined with the version of its station valid
 * at the reading's time (a temporal join: a station that moves city counts for its new city from then on), then
 * daily temperature statistics per city in SQL. It then prints {@code odf log} and {@code odf tail} of the result.
 *
 * <pre>
 * mvn -q -B install -DskipTests &amp;&amp; mvn -q -pl pipelines exec:java              # embedded Flink
 * mvn -q -pl pipelines exec:java -Drunner=spark                                     # Spark local[N]
 * mvn -q -pl pipelines exec:java -Drunner=direct                                    # Direct runner
 * </pre>
 *
 * <p>The datasets go to {@code --workspace} (default {@code target/demo}, emptied first). System times are fixed
 * ({@code --systemTime}, default {@value #DEFAULT_SYSTEM_TIME}, one day later for each month), so the logical hashes
 * of every data file are the same on every runner and every run.
 */
public final class Demo {
  static final String DEFAULT_SYSTEM_TIME = "2026-03-01T00:00:00Z";
  static final List<String> MONTHS = List.of("2026-01", "2026-02");
  static final String STATIONS = "weather.stations";
  static final String READINGS = "weather.readings";
  static final String CITY_DAILY = "weather.city-daily";

  /**
   * The SQL of the derivation's second step, over the joined readings registered as {@code readings}. A plain
   * {@code GROUP BY} of the day (not a {@code TUMBLE} group window: after the join's shuffle the rows are late for
   * new event-time windows, and the Direct runner drops late rows). The average is computed from an exact integer
   * sum (temperatures have one decimal), so every runner and parallelism gets the same bits.
   */
  static final String DAILY_SQL = "SELECT FLOOR(event_time TO DAY) AS event_time, city, country,"
      + " COUNT(*) AS readings,"
      + " ROUND(CAST(SUM(CAST(ROUND(temperature_c * 10, 0) AS BIGINT)) AS DOUBLE) / (10 * COUNT(*)), 2)"
      + " AS avg_temperature_c,"
      + " MIN(temperature_c) AS min_temperature_c, MAX(temperature_c) AS max_temperature_c"
      + " FROM readings GROUP BY FLOOR(event_time TO DAY), city, country";

  private Demo() {}

  /** Options of the {@link Demo}. */
  public interface Options extends OdfPipelineOptions {
    @Description("Directory holding the bundled sample data and manifests")
    @Default.String("examples/demo")
    String getDemoData();

    void setDemoData(String value);
  }

  public static void main(String[] args) {
    List<String> argv = new ArrayList<>(List.of(args));
    if (argv.stream().noneMatch(a -> a.startsWith("--workspace"))) {
      argv.add("--workspace=target/demo");
    }
    if (argv.stream().noneMatch(a -> a.startsWith("--systemTime"))) {
      argv.add("--systemTime=" + DEFAULT_SYSTEM_TIME);
    }
    Options options = OdfRunners.fromArgs(Options.class, argv.toArray(String[]::new));
    String head = run(options);
    Path result = Path.of(OdfSettings.of(options).dataset(CITY_DAILY));
    System.out.println();
    System.out.println("$ odf log " + result);
    Odf.run(List.of("log", result.toString()), System.out, System.err);
    System.out.println();
    System.out.println("$ odf tail " + result + " -n 8");
    Odf.run(List.of("tail", result.toString(), "-n", "8"), System.out, System.err);
    System.out.println();
    System.out.println("Head of " + CITY_DAILY + ": " + head);
  }

  /** Runs the demo month by month; returns the head of {@code weather.city-daily}. */
  public static String run(Options options) {
    OdfSettings odf = OdfSettings.of(options);
    Path workspace = Path.of(odf.workspace());
    Path source = workspace.resolve(".source");
    Path demo = Path.of(options.getDemoData()).toAbsolutePath().normalize();
    deleteRecursively(workspace);
    copy(demo.resolve(STATIONS + ".yaml"), source.resolve(STATIONS + ".yaml"));
    copy(demo.resolve(READINGS + ".yaml"), source.resolve(READINGS + ".yaml"));
    Instant base = odf.systemTime() != null ? odf.systemTime() : Instant.parse(DEFAULT_SYSTEM_TIME);
    String head = null;
    for (int m = 0; m < MONTHS.size(); m++) {
      String month = MONTHS.get(m);
      // The month's files arrive: a new registry snapshot and a month of readings.
      copy(demo.resolve("data/stations/stations-" + month + "-01.csv"),
          source.resolve("data/stations/stations-" + month + "-01.csv"));
      copy(demo.resolve("data/readings/readings-" + month + ".ndjson"),
          source.resolve("data/readings/readings-" + month + ".ndjson"));
      String systemTime = base.plusSeconds(86_400L * m).toString();
      for (String name : List.of(STATIONS, READINGS)) {
        Ingest.Options o = options.as(Ingest.Options.class);
        o.setManifest(source.resolve(name + ".yaml").toString());
        o.setDataset(null);
        o.setSystemTime(systemTime);
        Ingest.Result r = Ingest.run(o);
        System.out.println(Progress.line("ingest", name, r.records(), r.blocks(), r.head(), r.upToDate()));
      }
      Ingest.Result r = deriveCityDaily(options, odf, Instant.parse(systemTime));
      System.out.println(Progress.line("derive", CITY_DAILY, r.records(), r.blocks(), r.head(), r.upToDate()));
      head = r.head();
    }
    return head;
  }

  /**
   * One incremental run of {@code weather.city-daily}: the new readings, each joined with the station version valid
   * at its event time (the whole station history is read, pinned at the block the inputs were planned at), then
   * the daily statistics per city in SQL.
   */
  static Ingest.Result deriveCityDaily(Options options, OdfSettings odf, Instant systemTime) {
    String out = odf.dataset(CITY_DAILY);
    String stations = odf.dataset(STATIONS);
    var before = Transform.stateOf(out);
    Pipeline p = Pipeline.create(options);
    OdfInputs inputs = OdfInputs.of(p, out).add("readings", odf.dataset(READINGS)).add("stations", stations);
    if (!inputs.hasNewInput()) {
      return new Ingest.Result(out, CITY_DAILY, 0, 0, Ingest.headOf(out), true);
    }
    // The temporal table needs every version of every station, not only the new ones.
    PCollection<Row> stationHistory = p.apply("Read station history", OdfIO.read().from(stations)
        .asOfBlock(inputs.plan("stations").blockHash().toString()));
    inputs.get("stations"); // consumed (recorded in the ExecuteTransform), read in full above
    PCollection<Row> joined = inputs.get("readings")
        .apply("Station as of each reading", TemporalJoin.asOf(stationHistory).by("station_id"))
        .apply("Joined columns", Select.fieldNames("event_time", "station_id", "city", "country",
            "temperature_c"));
    PCollection<Row> daily = PCollectionTuple.of(new TupleTag<>("readings"), joined)
        .apply("Daily statistics per city", OdfSql.queries(List.of(new SqlQueryStep(null, DAILY_SQL))));
    daily.apply("Commit " + CITY_DAILY, OdfIO.write().to(out).derivedFrom(inputs)
        .withTransformDescription("Temporal join of weather.readings with weather.stations on station_id as of"
            + " each reading's event time (odf-transforms TemporalJoin), then Beam SQL: " + DAILY_SQL)
        .withInfo("Daily temperature statistics per city", List.of("weather"))
        .withAlias(CITY_DAILY)
        .withSystemTime(systemTime));
    p.run().waitUntilFinish();
    var after = Transform.stateOf(out);
    long prev = before == null || before.lastOffset() == null ? -1 : before.lastOffset();
    long records = after.lastOffset() == null ? 0 : after.lastOffset() - prev;
    int blocks = (int) (after.headSequenceNumber() - (before == null ? -1 : before.headSequenceNumber()));
    return new Ingest.Result(out, CITY_DAILY, records, blocks, Ingest.headOf(out), false);
  }

  private static void copy(Path from, Path to) {
    try {
      Files.createDirectories(to.getParent());
      Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy the demo file " + from + " to " + to + ": " + e.getMessage(), e);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot empty the demo workspace " + dir + ": " + e.getMessage(), e);
    }
  }
}
