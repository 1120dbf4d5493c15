package org.odfbeam.transforms.join;

import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.data.Vocabulary;
import org.odfbeam.transforms.InvalidDataException;

/**
 * Temporal ("as of") join: enriches each row of a stream with the version of a keyed, versioned table that was valid
 * at the stream row's event time. Obtain it with {@link #asOf}, apply it to the stream.
 *
 * <h2>Joining</h2>
 * <pre>{@code
 * PCollection<Row> owned = p.apply("Read holdings", OdfIO.read().from("/data/stocks.owned"));  // symbol, volume
 * PCollection<Row> tickers = p.apply("Read tickers", OdfIO.read().from("/data/tickers"));      // symbol, price
 * PCollection<Row> valued = tickers.apply(TemporalJoin.asOf(owned).by("symbol"));
 * // valued: every tickers column, then volume: the holding of that symbol as of the ticker's event time
 * }</pre>
 * This is kamu's Flink engine's temporal table join ({@code JOIN owned FOR SYSTEM_TIME AS OF t.event_time ON
 * t.symbol = owned.symbol}, or {@code LATERAL TABLE (owned(t.event_time))} with {@code temporalTables: [{name:
 * owned, primaryKey: [symbol]}]}; kamu-data/kamu-engine-flink:src/test/scala/dev/kamu/engine/flink/test/
 * FunctionalJoinStreamToTemporalTableTest.scala), with multi-column keys (which kamu's engine rejects) and with the
 * table's retractions and corrections honoured (kamu's engine reads the table append-only).
 *
 * <h2>Which version matches</h2>
 * The table is an ODF changelog and must carry the vocabulary's {@code offset}, {@code op} and {@code event_time}
 * columns (as {@code OdfIO.read()} returns them). Per key, for each event time the table row with the greatest
 * offset there counts (a {@code PCollection} has no order; offsets are the changelog's order):
 * <ul>
 *   <li>a {@code +A} or {@code +C} row is a version, valid from its event time until the key's next entry;
 *   <li>a {@code -R} or {@code -C} row ends the validity of what was valid before it: the key has no value from
 *       that event time until its next entry. Since ODF retractions repeat the retracted row (its event time
 *       included), a {@code -R} cancels the version it names from that version's start on, and a {@code -C}/{@code
 *       +C} pair with equal event times replaces the version (the {@code +C} has the greater offset). A {@code +C}
 *       with a new event time is a version from that time, and the {@code -C} leaves no value between the two times.
 * </ul>
 * A stream row at event time {@code t} matches the latest entry at or before {@code t} (inclusive), if that entry is
 * a version. These are the semantics of Flink's event-time temporal join on a changelog
 * (apache/flink:flink-table/flink-table-runtime/src/main/java/org/apache/flink/table/runtime/operators/join/temporal/
 * TemporalRowTimeJoinOperator.java, {@code latestRightRowToJoin} in utils/TemporalRowTimeJoinHelper.java: latest row
 * with time &le; probe time, matching only inserts and update-afters; a later row at the same time replaces an
 * earlier one), with "later" meaning "greater offset".
 *
 * <h2>Output</h2>
 * Each matched stream row, with all its columns unchanged (its {@code op} too, so a retraction in the stream is
 * joined like the row it retracts), followed by the table's columns except its system columns ({@code offset},
 * {@code op}, {@code system_time}, {@code event_time}) and its key columns (equal to the stream's), each named
 * {@link #withTablePrefix prefix} + name (no prefix by default; a clash with a stream column fails when applied).
 * {@link #innerJoin() Inner join} (the default) drops stream rows without a valid version; {@link #leftOuterJoin()}
 * keeps them with nulls in the table's columns (which are then nullable). A stream row with a null key value
 * never matches.
 *
 * <h2>When rows are emitted</h2>
 * <ul>
 *   <li><b>Both inputs bounded</b>: {@code CoGroupByKey} by key; per key, the table's versions are held in memory
 *       and each stream row is looked up as it is read. The output is a function of the inputs alone.
 *   <li><b>Otherwise</b>: a stateful {@code DoFn} over both inputs (flattened, so the watermark is the smaller of
 *       theirs) holds each stream row until the watermark passes its element timestamp, then looks it up and emits
 *       it with that timestamp. So table versions may arrive after the stream rows they apply to, in any order, as
 *       long as they arrive before the watermark passes. "Passes" is Beam's: a row at {@code t} is due once the
 *       watermark is beyond {@code t} (a Beam watermark {@code w} promises no element before {@code w}; a Flink
 *       watermark {@code w} promises none at or before {@code w}, so kamu's watermark {@code t} is Beam's
 *       {@code t + 1 ms}). Give rows their event times as element timestamps (as kamu's engine does with
 *       {@code SOURCE_WATERMARK()}); then the output equals the bounded one.
 *   <li><b>Late data</b>: a late stream row is looked up at once, against all versions received so far (table
 *       versions are never dropped, so it finds the version valid at its event time). A late table row only affects
 *       stream rows emitted after it; rows already emitted are not corrected (as in Flink).
 * </ul>
 *
 * <h2>Guarantees</h2>
 * Both inputs in the global window (checked). Parallel across keys. Memory per key: the table's versions of that
 * key (one row per distinct event time), plus in streaming the stream rows the watermark has not yet passed. The
 * output has no order.
 *
 * <h2>Errors</h2>
 * When applied ({@link IllegalArgumentException}): no keys ({@code by()} is required), key lists of different
 * lengths, a missing or mistyped key, event time, offset or op column, key types that differ between the sides, a
 * table column clashing with a stream column, input not in the global window. On the workers
 * ({@link InvalidDataException}): a null key, offset, op or event time in the table, an unknown op, two different
 * table rows with the same key, event time and offset, a null event time in the stream.
 *
 * <h2>Limitations</h2>
 * Emitted rows are never retracted when a late table row changes history (the output is append-only, like Flink's).
 * Streaming state keeps all of a key's table versions forever (no retention horizon).
 */
public final class TemporalJoin extends PTransform<PCollection<Row>, PCollection<Row>> {
  private static final long serialVersionUID = 1L;

  private final PCollection<Row> table;
  private final List<String> streamKeys;
  private final List<String> tableKeys;
  private final @Nullable Vocabulary streamVocabulary;
  private final @Nullable Vocabulary tableVocabulary;
  private final String tablePrefix;
  private final boolean leftOuter;
  private final boolean forceState;

  private TemporalJoin(PCollection<Row> table, List<String> streamKeys, List<String> tableKeys,
      @Nullable Vocabulary streamVocabulary, @Nullable Vocabulary tableVocabulary, String tablePrefix,
      boolean leftOuter, boolean forceState) {
    this.table = table;
    this.streamKeys = streamKeys;
    this.tableKeys = tableKeys;
    this.streamVocabulary = streamVocabulary;
    this.tableVocabulary = tableVocabulary;
    this.tablePrefix = tablePrefix;
    this.leftOuter = leftOuter;
    this.forceState = forceState;
  }

  /** A join of the stream it is applied to with the versioned table {@code table} (a changelog with offsets). */
  public static TemporalJoin asOf(PCollection<Row> table) {
    if (table == null) {
      throw new IllegalArgumentException("asOf() needs a table PCollection, but was null");
    }
    return new TemporalJoin(table, List.of(), List.of(), null, null, "", false, false);
  }

  /** Joins on columns with the same names on both sides (the table's primary key), in order. */
  public TemporalJoin by(String... keyColumns) {
    List<String> keys = checkKeys("by()", keyColumns == null ? null : Arrays.asList(keyColumns));
    return by(keys, keys);
  }

  /** Joins stream columns {@code streamColumns} to table columns {@code tableColumns}, pairwise in order. */
  public TemporalJoin by(List<String> streamColumns, List<String> tableColumns) {
    List<String> s = checkKeys("by() streamColumns", streamColumns);
    List<String> t = checkKeys("by() tableColumns", tableColumns);
    if (s.size() != t.size()) {
      throw new IllegalArgumentException("by() needs as many stream columns as table columns, but got " + s + " and "
          + t);
    }
    return new TemporalJoin(table, s, t, streamVocabulary, tableVocabulary, tablePrefix, leftOuter, forceState);
  }

  private static List<String> checkKeys(String method, @Nullable List<String> keys) {
    if (keys == null || keys.isEmpty()) {
      throw new IllegalArgumentException(method + " needs at least one key column");
    }
    for (String k : keys) {
      if (k == null || k.isEmpty()) {
        throw new IllegalArgumentException(method + " key columns must be non-empty names, but were " + keys);
      }
    }
    if (keys.stream().distinct().count() != keys.size()) {
      throw new IllegalArgumentException(method + " names each key column once, but was " + keys);
    }
    return List.copyOf(keys);
  }

  /** Drops stream rows without a valid table version (the default). */
  public TemporalJoin innerJoin() {
    return new TemporalJoin(table, streamKeys, tableKeys, streamVocabulary, tableVocabulary, tablePrefix, false,
        forceState);
  }

  /** Keeps stream rows without a valid table version, with nulls in the table's columns. */
  public TemporalJoin leftOuterJoin() {
    return new TemporalJoin(table, streamKeys, tableKeys, streamVocabulary, tableVocabulary, tablePrefix, true,
        forceState);
  }

  /** Names the table's columns {@code prefix + name} in the output (default: no prefix). */
  public TemporalJoin withTablePrefix(String prefix) {
    if (prefix == null) {
      throw new IllegalArgumentException("withTablePrefix() needs a prefix (\"\" for none), but was null");
    }
    return new TemporalJoin(table, streamKeys, tableKeys, streamVocabulary, tableVocabulary, prefix, leftOuter,
        forceState);
  }

  /**
   * The system column names of both sides (default {@link Vocabulary#DEFAULT}); {@link #withTableVocabulary}
   * overrides the table's.
   */
  public TemporalJoin withVocabulary(Vocabulary vocabulary) {
    if (vocabulary == null) {
      throw new IllegalArgumentException("withVocabulary() needs a vocabulary, but was null");
    }
    return new TemporalJoin(table, streamKeys, tableKeys, vocabulary, tableVocabulary, tablePrefix, leftOuter,
        forceState);
  }

  /** The system column names of the table, when they differ from the stream's. */
  public TemporalJoin withTableVocabulary(Vocabulary vocabulary) {
    if (vocabulary == null) {
      throw new IllegalArgumentException("withTableVocabulary() needs a vocabulary, but was null");
    }
    return new TemporalJoin(table, streamKeys, tableKeys, streamVocabulary, vocabulary, tablePrefix, leftOuter,
        forceState);
  }

  /** For tests: the streaming (stateful) stage even for bounded inputs. */
  TemporalJoin withStatefulStage() {
    return new TemporalJoin(table, streamKeys, tableKeys, streamVocabulary, tableVocabulary, tablePrefix, leftOuter,
        true);
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> stream) {
    if (streamKeys.isEmpty()) {
      throw new IllegalArgumentException("Cannot " + JoinLayout.ACTION + ": by() is required");
    }
    checkInput(stream, "stream");
    checkInput(table, "table");
    Vocabulary sv = streamVocabulary == null ? Vocabulary.DEFAULT : streamVocabulary;
    Vocabulary tv = tableVocabulary != null ? tableVocabulary : sv;
    Schema streamSchema = stream.getSchema();
    Schema tableSchema = table.getSchema();
    JoinLayout layout = JoinLayout.of(streamSchema, tableSchema, streamKeys, tableKeys, sv, tv, tablePrefix,
        leftOuter);
    TypeDescriptor<KV<byte[], Row>> kvType =
        TypeDescriptors.kvs(TypeDescriptor.of(byte[].class), TypeDescriptor.of(Row.class));
    boolean bounded = stream.isBounded() == PCollection.IsBounded.BOUNDED
        && table.isBounded() == PCollection.IsBounded.BOUNDED;
    PCollection<Row> output;
    if (bounded && !forceState) {
      PCollection<KV<byte[], Row>> keyedStream = stream
          .apply("Key stream rows", MapElements.into(kvType).via(r -> KV.of(layout.streamKey(r), r)))
          .setCoder(KvCoder.of(ByteArrayCoder.of(), RowCoder.of(streamSchema)));
      PCollection<KV<byte[], Row>> keyedTable = table
          .apply("Key table rows", MapElements.into(kvType).via(r -> KV.of(layout.tableKey(r), r)))
          .setCoder(KvCoder.of(ByteArrayCoder.of(), RowCoder.of(tableSchema)));
      TupleTag<Row> streamTag = new TupleTag<>("stream");
      TupleTag<Row> tableTag = new TupleTag<>("table");
      output = KeyedPCollectionTuple.of(streamTag, keyedStream).and(tableTag, keyedTable)
          .apply("Group stream rows with their table versions", CoGroupByKey.create())
          .apply("Look up each stream row's version", ParDo.of(new JoinGroups(layout, streamTag, tableTag)));
    } else {
      Schema union = JoinWithState.unionSchema(streamSchema, tableSchema);
      KvCoder<byte[], Row> unionCoder = KvCoder.of(ByteArrayCoder.of(), RowCoder.of(union));
      PCollection<KV<byte[], Row>> keyedStream = stream
          .apply("Key stream rows", MapElements.into(kvType).via(r -> KV.of(layout.streamKey(r),
              Row.withSchema(union).addValues(r, null).build())))
          .setCoder(unionCoder);
      PCollection<KV<byte[], Row>> keyedTable = table
          .apply("Key table rows", MapElements.into(kvType).via(r -> KV.of(layout.tableKey(r),
              Row.withSchema(union).addValues(null, r).build())))
          .setCoder(unionCoder);
      output = PCollectionList.of(keyedStream).and(keyedTable)
          .apply("Merge stream and table", Flatten.pCollections())
          .apply("Look up stream rows as the watermark passes",
              ParDo.of(new JoinWithState(layout, streamSchema, tableSchema)));
    }
    return output.setRowSchema(layout.outputSchema());
  }

  private static void checkInput(PCollection<Row> input, String side) {
    if (!input.hasSchema()) {
      throw new IllegalArgumentException("Cannot " + JoinLayout.ACTION + ": the " + side
          + " PCollection has no schema");
    }
    if (!(input.getWindowingStrategy().getWindowFn() instanceof GlobalWindows)) {
      throw new IllegalArgumentException("Cannot " + JoinLayout.ACTION + ": the " + side + " must be in the global"
          + " window, but is windowed by " + input.getWindowingStrategy().getWindowFn());
    }
  }

  @Override
  public String toString() {
    return "TemporalJoin.asOf(" + table.getName() + ").by(" + streamKeys + ", " + tableKeys + ")";
  }
}
