package org.odfbeam.transforms.aggregate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.odfbeam.data.Vocabulary;
import org.odfbeam.transforms.InvalidDataException;

/**
 * Keyed aggregates over an ODF changelog that stay correct under retractions and corrections, emitted as a
 * changelog themselves. Obtain it with {@link #perKey}.
 *
 * <h2>Aggregating</h2>
 * <pre>{@code
 * PCollection<Row> totals = p
 *     .apply(OdfIO.read().from("/data/cities"))          // offset, op, system_time, event_time, country, city, population
 *     .apply(ChangelogAggregate.perKey("country")
 *         .count()                                         // column "count": live rows of the country
 *         .sum("population"));                             // column "sum_population"
 * // totals: op, event_time, country, count, sum_population -- ready for OdfIO.write()
 * }</pre>
 * The input rows need the operation type column ({@code op}, INT32), the event time column ({@code event_time},
 * DATETIME or DATE; names from {@link #withVocabulary}), the key columns and the summed columns; other columns
 * are ignored. Every {@code +A} and {@code +C} row adds its values to its key, every {@code -R} and {@code -C} row
 * subtracts them: ODF requires a retraction or correct-from row to repeat the retracted row's values (spec,
 * "Representation of Retractions and Corrections"), so subtracting it exactly undoes the original contribution.
 * Sums are computed exactly ({@link java.math.BigDecimal}), so a {@code -C}/{@code +C} pair leaves exactly the sum a
 * corrected input would have given, in any order. Null values are skipped by sums (a sum over no non-null value
 * is null); null key values form their own group.
 *
 * <h2>Output</h2>
 * A changelog of a table keyed by the key columns, schema {@code op INT32, event_time (input type), <keys>,
 * <aggregates>} ({@link #count()} INT64; {@link #sum} INT64 for integer columns, DOUBLE for FLOAT/DOUBLE, DECIMAL
 * for DECIMAL, DECIMAL(38, s) for DECIMAL(p, s)):
 * <ul>
 *   <li>{@code +A} when a key gets its first live row (or its first again after emptying);
 *   <li>{@code -C} then {@code +C} when a key's aggregate values change: the {@code -C} repeats the previous output
 *       row exactly (event time included, as ODF requires), the {@code +C} has the new values;
 *   <li>{@code -R} repeating the previous output row when a key has no live rows left.
 * </ul>
 * A change that leaves the output values equal (e.g. a correction of a column that is not aggregated) emits
 * nothing. The output's event time is the event time of the input that caused the change, or the key's previous
 * output event time if that is later: a key's output event times never decrease.
 *
 * <h2>When rows are emitted</h2>
 * The rows of a key are applied in <em>steps</em> in event time order; all rows of one step time are applied
 * together, so a row and its retraction at the same event time cancel without output. A row's step time is its
 * event time, or the key's latest output event time if that is later.
 * <ul>
 *   <li><b>Bounded input</b>: {@code GroupByKey}, then each key's rows are replayed in one go. The output is a
 *       function of the input rows alone (not of their order, the bundling or the runner): one version per distinct
 *       event time at which the key's aggregate changed. Output timestamps are those of a {@code GroupByKey} in the
 *       global window.
 *   <li><b>Unbounded input</b>: a stateful {@code DoFn} buffers each key's rows until the watermark passes their
 *       element timestamps (an event-time timer), then applies them as above and emits with the timer's timestamp.
 *       Give the rows their event times as element timestamps (e.g. {@code WithTimestamps.of(r ->
 *       r.getDateTime("event_time").toInstant())}) so that the watermark speaks about event times; then, without
 *       late data, the output equals the bounded one.
 *   <li><b>Late rows</b> (behind the watermark; in ODF every {@code -R}/{@code -C} carries the old event time, so
 *       retractions are usually late) are never dropped: there is no allowed-lateness horizon because a running
 *       aggregate keeps its totals forever anyway. A late row is applied at once as a correction of the key's
 *       current output ({@code -C}/{@code +C} at the current output event time, or {@code +A}/{@code -R}); the
 *       earlier output history is not rewritten. So with late data the final state per key equals the bounded
 *       result, but the intermediate versions may differ.
 * </ul>
 *
 * <h2>Guarantees</h2>
 * Input in the global window (checked), bounded or unbounded. Parallel across keys; per key, the bounded stage holds
 * the key's rows in memory and the streaming stage holds its totals plus the rows the watermark has not yet passed.
 * Deterministic: equal inputs (and, for unbounded input, equal watermark progress) give equal outputs. The rows of
 * one key form a chain (each {@code -C}/{@code -R} repeats the key's previous output row), but a {@code PCollection}
 * has no order: a sink that must write each {@code +C} right after its {@code -C} has to restore that order.
 *
 * <h2>Errors</h2>
 * When applied ({@link IllegalArgumentException}): no aggregates, a missing or mistyped op, event time, key or
 * summed column, a clash of output column names, input not in the global window. On the workers
 * ({@link InvalidDataException}, failing the pipeline): an unknown op, a null event time, a key left with fewer than
 * zero live rows (a retraction of a row never appended), a NaN or infinite summed value (it cannot be subtracted), an
 * integer sum outside INT64.
 *
 * <h2>Limitations</h2>
 * Only count and sum: min, max and distinct counts need every live value per key. A retraction is trusted to name
 * a row that was appended; only a negative count is detected.
 */
public final class ChangelogAggregate extends PTransform<PCollection<Row>, PCollection<Row>> {
  private static final long serialVersionUID = 1L;

  /** Output column of {@link #count()}. */
  public static final String DEFAULT_COUNT_COLUMN = "count";
  /** Prefix of the output column of {@link #sum(String)}: {@code sum_<column>}. */
  public static final String DEFAULT_SUM_PREFIX = "sum_";

  private final List<String> keys;
  private final List<Aggregation> aggregations;
  private final Vocabulary vocabulary;
  private final boolean forceState;

  private ChangelogAggregate(List<String> keys, List<Aggregation> aggregations, Vocabulary vocabulary,
      boolean forceState) {
    this.keys = keys;
    this.aggregations = aggregations;
    this.vocabulary = vocabulary;
    this.forceState = forceState;
  }

  /**
   * Aggregates per distinct value of the given columns (at least one, distinct).
   *
   * @throws IllegalArgumentException naming the problem, e.g. {@code perKey() needs at least one key column}
   */
  public static ChangelogAggregate perKey(String... keyColumns) {
    if (keyColumns == null || keyColumns.length == 0) {
      throw new IllegalArgumentException("perKey() needs at least one key column");
    }
    List<String> keys = Arrays.asList(keyColumns);
    for (String k : keys) {
      if (k == null || k.isEmpty()) {
        throw new IllegalArgumentException("perKey() key columns must be non-empty names, but were " + keys);
      }
    }
    if (keys.stream().distinct().count() != keys.size()) {
      throw new IllegalArgumentException("perKey() names each key column once, but was " + keys);
    }
    return new ChangelogAggregate(List.copyOf(keys), List.of(), Vocabulary.DEFAULT, false);
  }

  /** Adds the number of live rows of each key, as INT64 column {@value #DEFAULT_COUNT_COLUMN}. */
  public ChangelogAggregate count() {
    return countAs(DEFAULT_COUNT_COLUMN);
  }

  /** Adds the number of live rows of each key, as INT64 column {@code outputColumn}. */
  public ChangelogAggregate countAs(String outputColumn) {
    checkName(outputColumn, "countAs()", "outputColumn");
    return with(new Aggregation(Aggregation.Kind.COUNT, null, outputColumn));
  }

  /** Adds the sum of numeric column {@code column} over each key's live rows, as column {@code sum_<column>}. */
  public ChangelogAggregate sum(String column) {
    checkName(column, "sum()", "column");
    return sum(column, DEFAULT_SUM_PREFIX + column);
  }

  /** Adds the sum of numeric column {@code column} over each key's live rows, as column {@code outputColumn}. */
  public ChangelogAggregate sum(String column, String outputColumn) {
    checkName(column, "sum()", "column");
    checkName(outputColumn, "sum()", "outputColumn");
    return with(new Aggregation(Aggregation.Kind.SUM, column, outputColumn));
  }

  /**
   * Names the operation type and event time columns of the input, which are also those of the output (default
   * {@link Vocabulary#DEFAULT}: {@code op}, {@code event_time}).
   */
  public ChangelogAggregate withVocabulary(Vocabulary vocabulary) {
    if (vocabulary == null) {
      throw new IllegalArgumentException("withVocabulary() needs a vocabulary, but was null");
    }
    return new ChangelogAggregate(keys, aggregations, vocabulary, forceState);
  }

  /** For tests: the streaming (stateful) stage even for bounded input. */
  ChangelogAggregate withStatefulStage() {
    return new ChangelogAggregate(keys, aggregations, vocabulary, true);
  }

  private ChangelogAggregate with(Aggregation a) {
    List<Aggregation> all = new ArrayList<>(aggregations);
    all.add(a);
    return new ChangelogAggregate(keys, List.copyOf(all), vocabulary, forceState);
  }

  private static void checkName(String name, String method, String what) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException(method + " needs a non-empty " + what + ", but was "
          + (name == null ? "null" : "\"\""));
    }
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> input) {
    if (!input.hasSchema()) {
      throw new IllegalArgumentException("Cannot " + KeyAggregator.ACTION + ": the input PCollection has no schema");
    }
    if (!(input.getWindowingStrategy().getWindowFn() instanceof GlobalWindows)) {
      throw new IllegalArgumentException("Cannot " + KeyAggregator.ACTION + ": the input must be in the global"
          + " window, but is windowed by " + input.getWindowingStrategy().getWindowFn());
    }
    KeyAggregator aggregator = KeyAggregator.of(input.getSchema(), keys, aggregations, vocabulary);
    PCollection<KV<byte[], Row>> keyed = input
        .apply("Key rows by " + String.join(", ", keys), MapElements
            .into(TypeDescriptors.kvs(TypeDescriptor.of(byte[].class), TypeDescriptor.of(Row.class)))
            .via(r -> KV.of(aggregator.key(r), r)))
        .setCoder(KvCoder.of(ByteArrayCoder.of(), RowCoder.of(input.getSchema())));
    PCollection<Row> output;
    if (input.isBounded() == PCollection.IsBounded.BOUNDED && !forceState) {
      output = keyed
          .apply("Group the rows of each key", GroupByKey.create())
          .apply("Replay each key's changelog", ParDo.of(new AggregateGroups(aggregator)));
    } else {
      output = keyed.apply("Aggregate each key as the watermark passes",
          ParDo.of(new AggregateWithState(aggregator, input.getSchema())));
    }
    return output.setRowSchema(aggregator.outputSchema());
  }

  @Override
  public String toString() {
    return "ChangelogAggregate.perKey(" + String.join(", ", keys) + ")" + aggregations;
  }
}
