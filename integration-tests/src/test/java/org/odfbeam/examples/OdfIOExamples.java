package org.odfbeam.examples;

import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.transforms.Select;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.odfbeam.io.CommittedBlock;
import org.odfbeam.io.ConcurrentWriteException;
import org.odfbeam.io.OdfIO;
import org.odfbeam.io.OdfInputs;

/**
 * The README's {@code OdfIO} examples, one per mode, as compiled code. The regions between {@code // readme:begin
 * NAME} and {@code // readme:end} appear verbatim in README.md ({@code ReadmeSnippetsTest} checks it), and
 * {@code RunnerITExamples} runs every example on the Direct, Flink and Spark runners and checks its results. Only
 * the public API is used, as a user would.
 */
public final class OdfIOExamples {
  private OdfIOExamples() {}

  /** The census CSV's columns: {@code observed_at,city,population}. */
  // readme:begin schema
  public static final Schema CENSUS = Schema.builder()
      .addDateTimeField("observed_at")
      .addStringField("city")
      .addInt64Field("population")
      .build();
  // readme:end

  /** Writing: commits the census CSV files matching {@code csvGlob} to the root dataset {@code cities}. */
  public static void writeCensus(PipelineOptions options, String csvGlob, String cities) {
    // readme:begin write
    Pipeline p = Pipeline.create(options);
    p.apply("Read CSV", TextIO.read().from(csvGlob))
        .apply("Parse", MapElements.into(TypeDescriptors.rows()).via((String line) -> {
          String[] f = line.split(",");
          return Row.withSchema(CENSUS)
              .addValues(org.joda.time.Instant.parse(f[0]), f[1], Long.parseLong(f[2])).build();
        }))
        .setRowSchema(CENSUS)
        .apply("Commit", OdfIO.write().to(cities)
            .withEventTimeColumn("observed_at")                  // stored as the event_time column
            .withInfo("City populations", List.of("census"))     // recorded when the dataset is created
            .withAlias("cities"));
    p.run().waitUntilFinish();                                   // one commit: all blocks or none
    // readme:end
  }

  /** Reading: exports the big cities committed after block {@code lastSeen} as CSV files. */
  public static void exportNewBigCities(PipelineOptions options, String cities, String lastSeen, String csvPrefix) {
    // readme:begin read
    Pipeline p = Pipeline.create(options);
    p.apply("Read new cities", OdfIO.read().from(cities)
            .afterBlock(lastSeen)                                // only blocks committed after this one
            .withColumns("offset", "event_time", "city", "population"))
        .apply("Big ones", Filter.by((Row r) -> r.getInt64("population") >= 1_000_000))
        .apply("To CSV", MapElements.into(TypeDescriptors.strings()).via((Row r) ->
            r.getInt64("offset") + "," + r.getDateTime("event_time") + "," + r.getString("city")))
        .apply("Export", TextIO.write().to(csvPrefix).withSuffix(".csv"));
    p.run().waitUntilFinish();
    // readme:end
  }

  /** Derivative writes: one incremental run deriving {@code bigCities} from {@code cities}. */
  public static void deriveBigCities(PipelineOptions options, String cities, String bigCities) {
    // readme:begin derive
    Pipeline p = Pipeline.create(options);
    OdfInputs inputs = OdfInputs.of(p, bigCities)                // what bigCities has consumed so far
        .add("cities", cities);                                  // read only the cities blocks after that
    inputs.get("cities")
        .apply("Big ones", Filter.by((Row r) -> r.getInt64("population") >= 1_000_000))
        .apply("Data columns", Select.fieldNames("event_time", "city", "population"))
        .apply("Commit", OdfIO.write().to(bigCities).derivedFrom(inputs)
            .withTransformDescription("Cities with at least a million inhabitants"));
    p.run().waitUntilFinish();                                   // no new input: commits nothing
    // readme:end
  }

  /**
   * Guarantees: appends a census file to {@code cities}, logs the committed blocks to {@code commitLog}, and
   * retries when another writer committed first.
   */
  public static void appendWithRetry(PipelineOptions options, String csvFile, String cities, String commitLog) {
    // readme:begin guarantees
    for (int attempt = 1; ; attempt++) {
      Pipeline p = Pipeline.create(options);
      p.apply("Read CSV", TextIO.read().from(csvFile))
          .apply("Parse", MapElements.into(TypeDescriptors.rows()).via((String line) -> {
            String[] f = line.split(",");
            return Row.withSchema(CENSUS)
                .addValues(org.joda.time.Instant.parse(f[0]), f[1], Long.parseLong(f[2])).build();
          }))
          .setRowSchema(CENSUS)
          .apply("Commit", OdfIO.write().to(cities).withEventTimeColumn("observed_at"))
          .apply("Describe", MapElements.into(TypeDescriptors.strings()).via((CommittedBlock b) ->
              b.sequenceNumber() + " " + b.blockHash() + " " + b.offsetInterval()))
          .apply("Commit log", TextIO.write().to(commitLog).withoutSharding());
      try {
        p.run().waitUntilFinish();
        return;
      } catch (RuntimeException e) {                             // runners wrap failures differently
        if (!ConcurrentWriteException.isCauseOf(e) || attempt == 3) {
          throw e;
        }
        // Another writer moved refs/head first. Nothing of this attempt was committed and the chain is
        // valid: run again, planning on the new head.
      }
    }
    // readme:end
  }
}
