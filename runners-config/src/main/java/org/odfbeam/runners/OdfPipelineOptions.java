package org.odfbeam.runners;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.odfbeam.io.OdfWrite;

/**
 * Command-line options every odf-beam pipeline shares: where datasets live, a fixed system time for reproducible
 * runs, and the slice size. A pipeline's own {@code Options} interface extends this one; {@link OdfRunners#fromArgs}
 * parses both together with the runner's options.
 *
 * <pre>{@code
 * public interface Options extends OdfPipelineOptions {
 *   @Description("Dataset to read (a name in --workspace, or a path)")
 *   @Default.String("cities")
 *   String getInput();
 *   void setInput(String value);
 * }
 *
 * Options options = OdfRunners.fromArgs(Options.class, args);
 * OdfSettings odf = OdfSettings.of(options);              // parses and checks the values below
 * Pipeline p = Pipeline.create(options);
 * p.apply(OdfIO.read().from(odf.dataset(options.getInput())))
 *  .apply(...)
 *  .apply(odf.applyTo(OdfIO.write().to(odf.dataset("big-cities"))));
 * }</pre>
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code --workspace=<dir>}</td><td>none</td><td>directory holding datasets as sub-directories, so a
 *       pipeline can name them ({@code cities} means {@code <dir>/cities}); paths are accepted everywhere too</td></tr>
 *   <tr><td>{@code --systemTime=<RFC 3339>}</td><td>none (each commit's own time)</td><td>fixed system time for
 *       every commit, e.g. {@code 2026-01-01T00:00:00Z}: the same input then gives byte-identical blocks on every
 *       runner and every run</td></tr>
 *   <tr><td>{@code --maxRecordsPerSlice=<n>}</td><td>1,000,000</td><td>at most this many records per data file and
 *       {@code AddData}/{@code ExecuteTransform} block</td></tr>
 * </table>
 *
 * <p>The getters return the raw values; {@link OdfSettings#of} validates them with messages naming the option.
 * Names are chosen not to clash with the runners' own options ({@code --parallelism} is Flink's, {@code --runner},
 * {@code --tempLocation} are Beam's).
 */
public interface OdfPipelineOptions extends PipelineOptions {
  /** Directory holding the datasets a pipeline names; {@code null} when not set. */
  @Description("Directory holding datasets as sub-directories; a pipeline's dataset name 'cities' means "
      + "<workspace>/cities (a path or file: URL is used as is)")
  String getWorkspace();

  /** Sets {@link #getWorkspace()}. */
  void setWorkspace(String value);

  /** Fixed system time of every commit, as RFC 3339 text; {@code null} when not set. */
  @Description("Fixed system time for every commit, RFC 3339 (e.g. 2026-01-01T00:00:00Z), for reproducible runs; "
      + "default: the time of each commit")
  String getSystemTime();

  /** Sets {@link #getSystemTime()}. */
  void setSystemTime(String value);

  /** At most this many records per data slice. */
  @Description("At most this many records per data file and block")
  @Default.Long(OdfWrite.DEFAULT_MAX_RECORDS_PER_SLICE)
  long getMaxRecordsPerSlice();

  /** Sets {@link #getMaxRecordsPerSlice()}. */
  void setMaxRecordsPerSlice(long value);
}
