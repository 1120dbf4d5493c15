package org.odfbeam.transforms.merge;

import java.util.Objects;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.odfbeam.core.model.MergeStrategy;
import org.odfbeam.core.model.MergeStrategyAppend;
import org.odfbeam.core.model.MergeStrategyChangelogStream;
import org.odfbeam.core.model.MergeStrategyLedger;
import org.odfbeam.core.model.MergeStrategySnapshot;
import org.odfbeam.core.model.MergeStrategyUpsertStream;
import org.odfbeam.transforms.changelog.PrimaryKey;

/**
 * ODF merge strategies as Beam transforms: how newly ingested rows combine with the records a dataset already
 * holds, with kamu-cli's semantics ({@code kamu-data/kamu-cli:src/infra/ingest-datafusion/src/merge_strategies/}).
 *
 * <h2>Merging</h2>
 * <pre>{@code
 * PCollection<Row> dump = ...;                                              // city, population
 * PCollection<Row> existing = p.apply(OdfIO.read().from("/data/cities")); // offset, op, system_time, event_time, ...
 * MergeResult merged = PCollectionTuple.of(Merge.NEW, dump)
 *     .and(Merge.CHANGELOG, existing)
 *     .apply(Merge.snapshot("city"));
 * merged.rows()                                                             // op, event_time, city, population
 *     .apply(OdfIO.write().to("/data/cities"));
 * }</pre>
 * The input is a {@code PCollectionTuple} with
 * <ul>
 *   <li>{@link #NEW} (required): the new rows: data columns, optionally the event time column (named by the
 *       vocabulary, {@code event_time} by default; of any type, nulls allowed), for ChangelogStream the {@code op}
 *       column (INT32), for UpsertStream optionally one, and optionally a sequence column. Never {@code offset} or
 *       {@code system_time}.
 *   <li>{@link #CHANGELOG}: the dataset's records as {@code OdfIO.read()} returns them ({@code offset} and
 *       {@code op} are needed by the strategies that project the current state: Snapshot, ChangelogStream,
 *       UpsertStream; Ledger reads only the key columns), or
 *   <li>{@link #STATE}: the dataset's current state, one record per key, e.g. restored from a checkpoint
 *       ({@link MergeCheckpoint}); for Ledger, the keys seen.
 * </ul>
 * Give neither only when the dataset holds no data yet. The output {@link MergeResult#rows()} are the records to
 * append: {@code op} (INT32 NOT NULL, first), then the new rows' columns; {@link MergeResult#rejected()} holds the
 * input records rejected under {@link UnknownKeyRetractions#SIDE_OUTPUT}.
 *
 * <h2>Strategies</h2>
 * <table>
 *   <caption>The five strategies</caption>
 *   <tr><th>Factory</th><th>Emits</th></tr>
 *   <tr><td>{@link #append()}</td><td>every row as {@code +A}</td></tr>
 *   <tr><td>{@link #ledger}</td><td>rows of keys never seen as {@code +A}</td></tr>
 *   <tr><td>{@link #snapshot}</td><td>the diff of a full snapshot against the current state: {@code +A},
 *       {@code -R}, {@code -C}/{@code +C}</td></tr>
 *   <tr><td>{@link #changelogStream}</td><td>the rows' own operations, validated</td></tr>
 *   <tr><td>{@link #upsertStream}</td><td>upserts and deletes turned into {@code +A}, {@code -C}/{@code +C},
 *       {@code -R}</td></tr>
 * </table>
 * {@link #of(MergeStrategy)} makes the transform an {@code AddPushSource} or {@code SetPollingSource} event names.
 *
 * <h2>Order</h2>
 * ODF records get offsets in a total order, and a {@code +C} must immediately follow its {@code -C}. kamu-cli
 * assigns offsets by each strategy's {@code sort_order}: Append and Ledger by event time; Snapshot, ChangelogStream
 * and UpsertStream by primary key, then operation type. A {@code PCollection} has no order, so
 * {@code withOrderColumn(name)} adds a BYTES column that carries it: a key's {@code i}-th output record holds the
 * key's {@link org.odfbeam.transforms.changelog.OrderedBytes} encoding followed by {@code i} (four big-endian
 * bytes); Append and Ledger hold an empty value. Sorting by (order column as unsigned bytes, then event time) gives
 * kamu-cli's order wherever kamu's is total, and a deterministic refinement where it is not. The column is prefix-free,
 * so a writer may append its own tie-breakers. Write the output with
 * {@code OdfIO.write().withOrderColumn(column)}, which orders offsets by that column first and does not store it
 * ({@link MergeWrite} does both); without it, {@code OdfIO.write()}'s own order (event time, then record bytes)
 * keeps Append and Ledger in kamu's order but can separate a {@code -C} from its {@code +C}.
 *
 * <h2>Guarantees</h2>
 * Bounded input in the global window. Deterministic: the output depends only on the input's content, never on its
 * order, the runner or the parallelism. Keyed strategies group by key ({@code CoGroupByKey}); one key's new rows and
 * state record are held in memory at once.
 *
 * <h2>Errors</h2>
 * Configuration errors (a missing key, compare, sequence or {@code op} column, a type conflict between the new rows
 * and the dataset, conflicting inputs) are {@link IllegalArgumentException}s thrown when the transform is applied.
 * Data errors are {@link org.odfbeam.transforms.InvalidDataException}s thrown on the workers, naming the key, the
 * column and the value.
 */
public final class Merge {
  /** Tag of the new rows in the input tuple. */
  public static final TupleTag<Row> NEW = new TupleTag<>("new");
  /** Tag of the dataset's records, as read, in the input tuple. */
  public static final TupleTag<Row> CHANGELOG = new TupleTag<>("changelog");
  /** Tag of the dataset's current state (one record per key) in the input tuple. */
  public static final TupleTag<Row> STATE = new TupleTag<>("state");

  private Merge() {}

  /** Append: every new row is appended. */
  public static AppendMerge append() {
    return AppendMerge.create();
  }

  /** Ledger: new rows of keys the dataset has not seen are appended. */
  public static LedgerMerge ledger(String... primaryKey) {
    return LedgerMerge.of(PrimaryKey.of(primaryKey));
  }

  /** Snapshot: the new rows are a full snapshot, diffed against the current state by key. */
  public static SnapshotMerge snapshot(String... primaryKey) {
    return SnapshotMerge.of(PrimaryKey.of(primaryKey));
  }

  /** ChangelogStream: the new rows carry their own operations; validated and passed through. */
  public static ChangelogStreamMerge changelogStream(String... primaryKey) {
    return ChangelogStreamMerge.of(PrimaryKey.of(primaryKey));
  }

  /** UpsertStream: the new rows are upserts and deletes by key. */
  public static UpsertStreamMerge upsertStream(String... primaryKey) {
    return UpsertStreamMerge.of(PrimaryKey.of(primaryKey));
  }

  /**
   * The transform of an ODF merge strategy event (with defaults for everything the event does not say).
   *
   * @throws IllegalArgumentException if the event's primary key is empty or names a column twice
   */
  public static MergeTransform of(MergeStrategy strategy) {
    Objects.requireNonNull(strategy, "strategy");
    if (strategy instanceof MergeStrategyAppend) {
      return append();
    } else if (strategy instanceof MergeStrategyLedger s) {
      return LedgerMerge.of(new PrimaryKey(s.primaryKey()));
    } else if (strategy instanceof MergeStrategySnapshot s) {
      SnapshotMerge m = SnapshotMerge.of(new PrimaryKey(s.primaryKey()));
      return s.compareColumns() == null ? m : m.withCompareColumns(s.compareColumns().toArray(String[]::new));
    } else if (strategy instanceof MergeStrategyChangelogStream s) {
      return ChangelogStreamMerge.of(new PrimaryKey(s.primaryKey()));
    } else if (strategy instanceof MergeStrategyUpsertStream s) {
      return UpsertStreamMerge.of(new PrimaryKey(s.primaryKey()));
    }
    throw new IllegalArgumentException("Unknown merge strategy " + strategy);
  }
}
