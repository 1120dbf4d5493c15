package org.odfbeam.transforms.merge;

import java.util.Objects;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.core.model.MergeStrategy;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.data.Vocabulary;
import org.odfbeam.io.CommittedBlock;
import org.odfbeam.io.OdfIO;
import org.odfbeam.io.OdfWrite;
import org.odfbeam.transforms.changelog.PrimaryKey;

/**
 * Merges new rows into an ODF root dataset and commits the result, keeping the merge state in a checkpoint so that
 * the next run reads the state instead of the dataset's whole history: {@link Merge}, {@code OdfIO.read()} and
 * {@code OdfIO.write()} in one step.
 *
 * <pre>{@code
 * PCollection<Row> dump = readTodaysDump(p);                      // city, population
 * dump.apply(MergeWrite.to("/data/cities")
 *     .withStrategy(Merge.snapshot("city"))                        // or an AddPushSource's MergeStrategy
 *     .withWrite(OdfIO.write().withInfo("Cities", List.of())));   // optional: how to write (to() is set here)
 * p.run().waitUntilFinish();
 * }</pre>
 *
 * <h2>What it does</h2>
 * When the transform is applied it reads the dataset's metadata chain and takes the dataset's state from
 * <ol>
 *   <li>the newest {@code AddData.newCheckpoint} that is a {@link MergeCheckpoint} of this strategy's kind, primary
 *       key and the dataset's current schema, whose last offset is its block's: its rows, plus the records
 *       committed after that block ({@code OdfIO.read().withOffsetRange}; e.g. by kamu or a plain
 *       {@code OdfIO.write()}, which leave the checkpoint slot empty), projected with
 *       {@code Changelog.currentState};
 *   <li>otherwise the whole dataset ({@code OdfIO.read()} projected to its current state; for Ledger only the key
 *       columns), logged at INFO with the reason (no checkpoint yet, another strategy's, schema changed, file
 *       missing, ...).
 * </ol>
 * It then applies the merge (given {@link Merge#STATE}; with the dataset's vocabulary and an order column) and
 * writes its rows with {@code base.to(dataset).withOrderColumn(ORDER_COLUMN)}, so offsets follow kamu-cli's
 * order, pinned with {@code withExpectedHead} to the head it read, and with
 * {@code withCheckpointOfWrittenRecords}: the new state is the old one with the records <em>as stored</em>
 * (offsets, system time, null event times filled in) applied, encoded with {@link MergeCheckpoint}, stored under
 * {@code checkpoints/} and named in the commit's last {@code AddData}. A run whose merge emits nothing still
 * commits a checkpoint-only {@code AddData} if the state's checkpoint changed (the first run on a dataset
 * without one, or one that caught up with later records); a run that changes nothing commits nothing.
 *
 * <table>
 *   <caption>State per strategy</caption>
 *   <tr><th>Strategy</th><th>Checkpoint</th></tr>
 *   <tr><td>Append</td><td>none (Append reads nothing; the dataset is not read)</td></tr>
 *   <tr><td>Ledger</td><td>{@link MergeCheckpoint.Kind#SEEN_KEYS}: every key ever seen</td></tr>
 *   <tr><td>Snapshot, ChangelogStream, UpsertStream</td><td>{@link MergeCheckpoint.Kind#CURRENT_STATE}: the
 *       latest live record per key, system columns included</td></tr>
 * </table>
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>The committed records are the same with or without a usable checkpoint (same offsets and logical hashes):
 *       the checkpoint holds exactly what projecting the changelog would give.
 *   <li>The commit fails with {@code ConcurrentWriteException} (nothing committed) if another writer moved the
 *       head after the transform was applied: the diff and the state were computed from that head.
 *   <li>Everything else as {@code OdfWrite}: one commit per run, exactly once, retries recognised (including the
 *       checkpoint).
 * </ul>
 *
 * <h2>Cost</h2>
 * With a checkpoint the run reads the state (one row per key) and only the records committed after it, so its
 * time grows with the state and the new input, not with the length of the history (docs/benchmarks.md). The new
 * state is gathered and encoded on one worker, which holds it in memory: one row per key (Ledger: the key
 * columns).
 *
 * <h2>Limitations</h2>
 * <ul>
 *   <li>Root datasets on a local file system (as {@code OdfWrite}).
 *   <li>Rejected records ({@link UnknownKeyRetractions#SIDE_OUTPUT}) cannot be returned: configure {@code DROP} or
 *       {@code FAIL}, or apply {@link Merge} and {@code OdfIO.write()} yourself.
 *   <li>A new dataset with a non-default vocabulary needs the vocabulary on both the strategy and the base write;
 *       an existing dataset's vocabulary is applied to the strategy automatically.
 * </ul>
 */
public final class MergeWrite extends PTransform<PCollection<Row>, PCollection<CommittedBlock>> {
  private static final long serialVersionUID = 1L;

  /** The order column the merge adds and the write consumes (not stored); the new rows must not have it. */
  public static final String ORDER_COLUMN = "__odf_merge_order";

  private final @Nullable String dataset;
  private final @Nullable MergeTransform strategy;
  private final @Nullable OdfWrite write;

  private MergeWrite(@Nullable String dataset, @Nullable MergeTransform strategy, @Nullable OdfWrite write) {
    this.dataset = dataset;
    this.strategy = strategy;
    this.write = write;
  }

  /** A merge into the dataset at this directory path or {@code file:} URL (created by the first commit). */
  public static MergeWrite to(String datasetPathOrFileUrl) {
    if (datasetPathOrFileUrl == null || datasetPathOrFileUrl.isBlank()) {
      throw new IllegalArgumentException("MergeWrite.to() requires a dataset path, but was '" + datasetPathOrFileUrl
          + "'");
    }
    return new MergeWrite(datasetPathOrFileUrl, null, null);
  }

  /** The merge strategy, e.g. {@code Merge.snapshot("city")}. Required (or {@link #withStrategy(MergeStrategy)}). */
  public MergeWrite withStrategy(MergeTransform strategy) {
    Objects.requireNonNull(strategy, "withStrategy() requires a merge strategy");
    return new MergeWrite(dataset, strategy, write);
  }

  /** The merge strategy of an ODF source event ({@code AddPushSource.merge()}), as {@link Merge#of} makes it. */
  public MergeWrite withStrategy(MergeStrategy strategy) {
    Objects.requireNonNull(strategy, "withStrategy() requires a merge strategy");
    return new MergeWrite(dataset, Merge.of(strategy), write);
  }

  /**
   * The write to commit with, e.g. with a fixed system time, {@code SetInfo}, a source state or a slice size. Its
   * {@code to()} is replaced by this transform's dataset; it must not have {@code withCheckpoint},
   * {@code withCheckpointOfWrittenRecords} or {@code withExpectedHead} (set here) nor {@code derivedFrom}.
   * Default: {@code OdfIO.write()}.
   */
  public MergeWrite withWrite(OdfWrite base) {
    Objects.requireNonNull(base, "withWrite() requires an OdfWrite");
    return new MergeWrite(dataset, strategy, base);
  }

  @Override
  public PCollection<CommittedBlock> expand(PCollection<Row> newRows) {
    if (strategy == null) {
      throw new IllegalArgumentException("Cannot merge into " + dataset + ": withStrategy() is required");
    }
    if (!newRows.hasSchema()) {
      throw new IllegalArgumentException("Cannot merge into " + dataset + ": the new rows have no schema (use"
          + " setRowSchema())");
    }
    if (newRows.getSchema().hasField(ORDER_COLUMN)) {
      throw new IllegalArgumentException("Cannot merge into " + dataset + ": the new rows have a column '"
          + ORDER_COLUMN + "', the name MergeWrite gives its order column");
    }
    OdfWrite base = (write != null ? write : OdfIO.write()).to(dataset).withOrderColumn(ORDER_COLUMN);
    MergeCheckpoint.Kind kind = kind(strategy);
    PrimaryKey key = primaryKey(strategy);
    PriorMergeState prior = kind == null ? null : PriorMergeState.plan(dataset, kind, key);
    MergeTransform merge = configure(strategy, prior == null ? null : prior.vocabulary());
    PriorMergeState.Read state = prior == null ? null : prior.read(newRows.getPipeline(), dataset, kind, key);

    PCollectionTuple input = PCollectionTuple.of(Merge.NEW, newRows);
    if (state != null) {
      input = input.and(Merge.STATE, state.rows());
    }
    MergeResult merged = input.apply("Merge", merge);
    checkNoRejects(merged);
    if (kind == null) {
      return merged.rows().apply("Write", base);
    }
    UpdateMergeState update = prior.checkpoint() == null
        ? UpdateMergeState.onRows(kind, key, state == null ? null : state.rows(), prior.lastOffset())
        : UpdateMergeState.onCheckpoint(kind, key, dataset, prior.checkpoint().toString(), prior.header().schema(),
            state.later(), prior.lastOffset());
    return merged.rows().apply("Write", base.withExpectedHead(prior.head()).withCheckpointOfWrittenRecords(update));
  }

  /** What the strategy's checkpoint holds, or null for Append (no state). */
  private static @Nullable MergeCheckpoint.Kind kind(MergeTransform strategy) {
    if (strategy instanceof AppendMerge) {
      return null;
    }
    return strategy instanceof LedgerMerge ? MergeCheckpoint.Kind.SEEN_KEYS : MergeCheckpoint.Kind.CURRENT_STATE;
  }

  private static @Nullable PrimaryKey primaryKey(MergeTransform strategy) {
    if (strategy instanceof LedgerMerge m) {
      return m.primaryKey();
    } else if (strategy instanceof SnapshotMerge m) {
      return m.primaryKey();
    } else if (strategy instanceof ChangelogStreamMerge m) {
      return m.primaryKey();
    } else if (strategy instanceof UpsertStreamMerge m) {
      return m.primaryKey();
    }
    return null;
  }

  /** The strategy with the dataset's vocabulary (if it has one) and {@link #ORDER_COLUMN}. */
  private static MergeTransform configure(MergeTransform strategy, @Nullable Vocabulary vocabulary) {
    if (strategy instanceof AppendMerge m) {
      return (vocabulary == null ? m : m.withVocabulary(vocabulary)).withOrderColumn(ORDER_COLUMN);
    } else if (strategy instanceof LedgerMerge m) {
      return (vocabulary == null ? m : m.withVocabulary(vocabulary)).withOrderColumn(ORDER_COLUMN);
    } else if (strategy instanceof SnapshotMerge m) {
      return (vocabulary == null ? m : m.withVocabulary(vocabulary)).withOrderColumn(ORDER_COLUMN);
    } else if (strategy instanceof ChangelogStreamMerge m) {
      return (vocabulary == null ? m : m.withVocabulary(vocabulary)).withOrderColumn(ORDER_COLUMN);
    } else if (strategy instanceof UpsertStreamMerge m) {
      return (vocabulary == null ? m : m.withVocabulary(vocabulary)).withOrderColumn(ORDER_COLUMN);
    }
    throw new IllegalArgumentException("Unknown merge strategy " + strategy);
  }

  /** Fails if the strategy routes rejected records to a side output this transform cannot return. */
  private void checkNoRejects(MergeResult merged) {
    try {
      merged.rejected();
    } catch (IllegalStateException expected) {
      return; // not configured with SIDE_OUTPUT
    }
    throw new IllegalArgumentException("Cannot merge into " + dataset + ": the strategy routes rejected records to a"
        + " side output (UnknownKeyRetractions.SIDE_OUTPUT), which MergeWrite cannot return; use DROP or FAIL, or"
        + " apply Merge and OdfIO.write() yourself");
  }
}
