package org.odfbeam.pipelines;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.odfbeam.io.OdfIO;
import org.odfbeam.io.OdfInputs;
import org.odfbeam.runners.OdfPipelineOptions;
import org.odfbeam.runners.OdfRunners;
import org.odfbeam.runners.OdfSettings;

/**
 * The Java-API example: ODF added to an ordinary Beam pipeline. It reads the readings the {@link Demo} ingested
 * (only those not processed yet), keeps the warm ones with plain Beam transforms, converts them to Fahrenheit, and
 * commits them to a derivative dataset that records exactly which input blocks it consumed.
 *
 * <pre>
 * mvn -q -pl pipelines exec:java                       # the Demo first, it writes target/demo
 * mvn -q -pl pipelines exec:java -Dexec.mainClass=org.odfbeam.pipelines.WarmReadings \
 *     -Dexec.args="--workspace=target/demo --minCelsius=15"
 * </pre>
 *
 * <p>A second run commits nothing (no new input) until the Demo or {@code odf pull} adds readings.
 */
public final class WarmReadings {
  private WarmReadings() {}

  /** Options of {@link WarmReadings}. */
  public interface Options extends OdfPipelineOptions {
    @Description("Keep readings at least this warm (degrees Celsius)")
    @Default.Double(15.0)
    double getMinCelsius();

    void setMinCelsius(double value);
  }

  static final Schema WARM = Schema.builder()
      .addDateTimeField("event_time")
      .addStringField("station_id")
      .addDoubleField("temperature_c")
      .addDoubleField("temperature_f")
      .build();

  public static void main(String[] args) {
    run(OdfRunners.fromArgs(Options.class, args));
  }

  /** One incremental run. */
  public static void run(Options options) {
    OdfSettings odf = OdfSettings.of(options);
    String output = odf.dataset("weather.warm-readings");
    double min = options.getMinCelsius();

    Pipeline p = Pipeline.create(options);
    OdfInputs inputs = OdfInputs.of(p, output).add("readings", odf.dataset("weather.readings"));
    inputs.get("readings")
        .apply("Warm ones", Filter.by((Row r) -> r.getDouble("temperature_c") >= min))
        .apply("To Fahrenheit", MapElements.into(TypeDescriptors.rows()).via((Row r) ->
            Row.withSchema(WARM).addValues(r.getDateTime("event_time"), r.getString("station_id"),
                r.getDouble("temperature_c"), r.getDouble("temperature_c") * 9 / 5 + 32).build()))
        .setRowSchema(WARM)
        .apply("Commit", odf.applyTo(OdfIO.write().to(output)).derivedFrom(inputs)
            .withTransformDescription("Readings of at least " + min + " °C, with the temperature in °F")
            .withAlias("weather.warm-readings"));
    p.run().waitUntilFinish();
  }
}
