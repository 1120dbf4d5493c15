package org.odfbeam.io;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.odfbeam.core.chain.ChainState;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.identity.DatasetAlias;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.model.TransformSql;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.data.OdfSchemas;
import org.odfbeam.data.Vocabulary;

/**
 * Commits a bounded {@code PCollection<Row>} to an ODF dataset, creating it on first write: to a root dataset as
 * {@code AddData} blocks, or, with {@link #derivedFrom}, to a derivative dataset as {@code ExecuteTransform} blocks
 * that record what was read of each input. Obtain it with {@link OdfIO#write()}.
 *
 * <h2>Writing</h2>
 * <pre>{@code
 * rows.apply(OdfIO.write()
 *     .to("/data/cities")                                   // or file:///data/cities
 *     .withEventTimeColumn("observed_at")                   // optional, a DATETIME column
 *     .withInfo("Cities of the world", List.of("geo"))      // recorded once, on creation
 *     .withAlias("cities"));
 * }</pre>
 * Input rows hold the data columns, optionally an operation type column and an event time column, named by the
 * dataset's vocabulary (below; {@code op} and {@code event_time} by default). The operation type column is INT32
 * NOT NULL (ODF operation type; default 0 = append). The event time comes from one of:
 * <ul>
 *   <li>a column: the DATETIME column named by {@link #withEventTimeColumn}, else the vocabulary's event time column
 *       if the input has it;
 *   <li>a function: {@link #withEventTime} computes it from each record, e.g.
 *       {@code .withEventTime(r -> Instant.parse(r.getString("reported_at")))};
 *   <li>the system time: without either, every record's event time is the commit's system time.
 * </ul>
 * It is stored as the dataset's event time column (renamed if needed). The other system columns (offset, system
 * time) are assigned by the write and must not be in the input.
 *
 * <p><b>Vocabulary.</b> The system columns are named by a {@link Vocabulary} ({@code SetVocab}): the one given to
 * {@link #withVocabulary} when the write creates the dataset, else the dataset's own, resolved when the transform is
 * expanded (read from the chain) and checked again when the commit is planned; a new dataset without
 * {@link #withVocabulary} gets {@link Vocabulary#DEFAULT} ({@code offset}, {@code op}, {@code system_time},
 * {@code event_time}). The schema, the Parquet files and their logical hashes use these names, and
 * {@link OdfIO#read()} returns them. A vocabulary given for an existing dataset must equal the dataset's, else the
 * write fails before any file is written, naming both: a dataset's vocabulary never changes.
 * <pre>{@code
 * rows.apply(OdfIO.write().to("/data/cases")
 *     .withVocabulary(new Vocabulary("offset", "op", "system_time", "reported_date")));
 * }</pre>
 *
 * <p><b>Creation.</b> A directory without {@code refs/head} gets {@code Seed} (a fresh {@code did:odf}), optional
 * {@code SetInfo} and {@code SetLicense}, {@code SetVocab} unless the vocabulary is the default, and
 * {@code SetDataSchema} with the system columns followed by the data columns. {@code SetVocab} records only the
 * names that differ from the defaults (all its fields are optional, absent = default: the ODF spec's
 * {@code SetVocab} schema; kamu's dataset manifests write e.g. just {@code eventTimeColumn: reported_date}), and it
 * precedes {@code SetDataSchema}, whose system columns kamu checks against the {@code SetVocab} before it. (kamu
 * appends a manifest's events after {@code Seed} in manifest order, so any order of the events before the first
 * schema is one kamu itself writes.) <b>Later writes</b> map columns by name onto the dataset's schema, checked
 * before any file is written: a missing column, a changed type or a nullable input column for a non-nullable
 * dataset column fails with both schemas in the message; new nullable columns are added with a new
 * {@code SetDataSchema} (kamu's evolution rules).
 *
 * <h2>Derivative writes</h2>
 * <pre>{@code
 * OdfInputs in = OdfInputs.of(pipeline, "/data/big-cities")       // the output; reads its last ExecuteTransform
 *     .add("cities", "/data/cities");                              // only what is new since then
 * in.get("cities")
 *     .apply(Filter.by(r -> r.getInt64("population") >= 1_000_000))
 *     .apply(Select.fieldNames("event_time", "city", "population")) // offset and system_time are assigned anew
 *     .apply(OdfIO.write().to("/data/big-cities").derivedFrom(in)
 *         .withTransformDescription("Cities with at least a million inhabitants"));
 * }</pre>
 * {@link OdfInputs} plans each input's read when the pipeline is built: {@code afterBlock} the last input block
 * the output's last {@code ExecuteTransform} consumed, pinned {@code asOfBlock} the input's head at planning. The
 * commit then records:
 * <ul>
 *   <li>On creation {@code Seed} with kind Derivative (no {@code SetInfo} needed).
 *   <li>{@code SetTransform} on creation and whenever the aliases or the provenance change: inputs
 *       {@code [{datasetRef: did:odf:… of the input, alias}]} in the order added, and a {@code Sql} transform in
 *       normalized form following this <b>provenance convention for Beam code</b>: {@code engine: beam},
 *       {@code version: "<Beam SDK version> odf-beam <odf-beam version>"} (e.g. {@code "2.70.0 odf-beam
 *       0.1.0-SNAPSHOT"}), and one query step without alias whose {@code query} is the text of
 *       {@link #withTransformDescription} (default {@value #DEFAULT_TRANSFORM_DESCRIPTION} and the aliases). That
 *       text is provenance for people, <em>not executable SQL</em>: kamu can show and verify such a dataset but
 *       cannot re-run its transform. {@link #withTransform} records instead the SQL that actually computed the
 *       rows (e.g. odf-transforms' {@code OdfSql}, engine {@code beam-sql}). Changing the input datasets of an
 *       existing derivative is not supported.
 *   <li>One {@code ExecuteTransform} per slice. The first carries, per input in {@code SetTransform} order,
 *       {@code prevBlockHash}/{@code prevOffset} = what the previous {@code ExecuteTransform} consumed (absent at
 *       first) and {@code newBlockHash} = the pinned head, {@code newOffset} = its last offset (each absent when
 *       nothing is new), so {@code (prevBlockHash, newBlockHash]} and {@code (prevOffset, newOffset]} are exactly
 *       what the pipeline read; later ones of the same commit carry the inputs unchanged. New input that yields no
 *       output records gives one {@code ExecuteTransform} without {@code newData}, so it is not read again.
 *   <li>Watermark rule: {@code newWatermark} = max(the output's previous watermark, min over the inputs of each
 *       input's watermark at its pinned block), as kamu does; unchanged while some input has no watermark.
 *       {@link #withWatermark} overrides the candidate.
 * </ul>
 * A run in which no input has new blocks commits nothing and logs one INFO line saying so. The commit fails with
 * {@link ConcurrentWriteException} (before any file is written) if the output's head moved after
 * {@link OdfInputs#of}. Retries, compare-and-swap and offsets work as for root writes; a retry recognises its
 * landed commit by its slices and its {@code queryInputs}.
 *
 * <h2>Offsets: a deterministic total order</h2>
 * Offsets continue the dataset's last offset. The records of one write are ordered by (0) the
 * {@link #withOrderColumn} and {@link #withOrderBy} columns, if given (ascending, nulls first), then (1) event time in epoch
 * milliseconds, nulls first (a null event time is stored as the system time, kamu's fallback), then (2) the bytes of the record's {@link RowCoder} encoding (of the input schema; with
 * {@link #withEventTime}, of the input schema plus the computed event time column at the end), compared as
 * unsigned bytes; the first gets the next offset. The order depends only on the records' content, so
 * the offsets, the slice boundaries ({@link #withMaxRecordsPerSlice} records each, in that order), the files'
 * logical hashes and, with a fixed {@link #withSystemTime}, the whole commit are identical on every runner, for
 * every parallelism and input order.
 *
 * <h2>Checkpoints and source state</h2>
 * A root dataset's {@code AddData} blocks can carry what the next run needs to resume cheaply (ODF's
 * {@code AddData} fields, with kamu-cli's chain rules):
 * <pre>{@code
 * PCollection<byte[]> state = ...;                                  // at most one element: the checkpoint file
 * rows.apply(OdfIO.write().to("/data/cities")
 *     .withCheckpoint(state)                                        // checkpoints/<sha3 multihash>, newCheckpoint
 *     .withSourceState("default", "odf/etag", etag));               // newSourceState
 * }</pre>
 * <ul>
 *   <li><b>Checkpoint chain.</b> Every {@code AddData} carries {@code prevCheckpoint} = the previous
 *       {@code AddData}'s {@code newCheckpoint} hash (kamu rejects anything else), whether or not this write has a
 *       checkpoint; within one commit the chain runs block to block.
 *   <li><b>{@link #withCheckpoint}</b> stores the bytes under {@code checkpoints/<SHA3-256 multihash>} (content
 *       named: storing them twice is a no-op; written to a dot-file and renamed, like data files) before
 *       {@code refs/head} moves, and names them ({@code physicalHash}, {@code size}) in the commit's <em>last</em>
 *       {@code AddData}. {@link #withCheckpointOfWrittenRecords} computes them from the records as stored instead
 *       (offsets and system time included). The contents are the writer's business; kamu-cli keeps them
 *       and checks their size and hash ({@code odf verify} here).
 *   <li><b>{@link #withSourceState}</b> is recorded as the last {@code AddData}'s {@code newSourceState}, the only
 *       one kamu looks at. It is not carried over: a write without it leaves the field empty, as kamu's writer does.
 *   <li><b>No new records.</b> An empty input commits a single {@code AddData} without {@code newData}, carrying
 *       the previous offset and watermark (kamu's writer does the same), when its checkpoint or source state
 *       differs from the last {@code AddData}'s, so the source is not read again; otherwise nothing. A dataset
 *       without blocks is only created by data.
 *   <li><b>Retries</b> recognise a landed commit by its slices and by its {@code newCheckpoint} and
 *       {@code newSourceState}.
 *   <li><b>{@link #withExpectedHead}</b> makes the commit fail with {@link ConcurrentWriteException} unless
 *       {@code refs/head} is still the block the pipeline's inputs were computed from.
 * </ul>
 * Root datasets only: with {@link #derivedFrom} these options fail when the transform is applied.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Bounded input; one commit per pipeline run: all of its blocks appear at once ({@code refs/head} moves once,
 *       by compare-and-swap) or none.
 *   <li>Exactly-once without runner features: data files are named by content and a retried commit step
 *       recognises its own landed commit by its slices and returns those blocks (see {@code CommitBlocks}).
 *   <li>A concurrent writer makes this write fail with {@link ConcurrentWriteException}; the chain stays valid.
 *   <li>Slices are written in parallel; empty input commits nothing (logged once at INFO).
 *   <li>Metrics (namespace {@value #METRICS_NAMESPACE}): {@code records_written}, {@code bytes_written},
 *       {@code slices_written}, {@code blocks_committed}; one INFO line per commit.
 * </ul>
 * The output holds one {@link CommittedBlock} per block committed, in no particular order.
 *
 * <h2>Limitations</h2>
 * <ul>
 *   <li>Offsets are assigned by a deterministic parallel sample sort ({@code AssignOffsetsInParallel}): one worker
 *       holds a small sample of sort keys (about 16 per 100,000-1,000,000 records), and each range of about
 *       {@code min(max(maxRecordsPerSlice, 100,000), 1,000,000)} records is sorted in memory on one worker. Copies of
 *       one record always share a range, so a record repeated millions of times makes its range that large. The
 *       result is identical to a single global sort.
 *   <li>Datasets on a local file system only. A derivative's input rows are written like a root's: drop the
 *       inputs' offset and system time columns (named by each input's vocabulary) before the write; the output's
 *       vocabulary is its own ({@link #withVocabulary}), not the inputs'.
 *   <li>The vocabulary of an existing dataset cannot be changed by a write.
 *   <li>Derivative writes have no checkpoints or source state: the transform must be stateless across runs (each
 *       run sees only new input), and a derivative's inputs cannot change once recorded. A derivative whose last
 *       {@code ExecuteTransform} has a checkpoint (written by another engine) cannot be continued.
 *   <li>Event time columns must be DATETIME (millisecond precision); a {@link #withEventTime} function's
 *       {@link Instant} is rounded down to milliseconds and must not be null.
 * </ul>
 */
public final class OdfWrite extends PTransform<PCollection<Row>, PCollection<CommittedBlock>> {
  private static final long serialVersionUID = 1L;

  /** Default of {@link #withMaxRecordsPerSlice}. */
  public static final long DEFAULT_MAX_RECORDS_PER_SLICE = 1_000_000L;

  /** Start of the default provenance text of a derivative write (see {@link #withTransformDescription}). */
  public static final String DEFAULT_TRANSFORM_DESCRIPTION = "Apache Beam pipeline deriving from";

  /** Namespace of the write's Beam metrics. */
  public static final String METRICS_NAMESPACE = "odf";

  /** kamu's name for the source state of a dataset's only polling source ({@code SourceState::DEFAULT_SOURCE_NAME}). */
  public static final String DEFAULT_SOURCE_NAME = "default";

  /** Source state kind: the HTTP ETag of the resource read. */
  public static final String SOURCE_STATE_ETAG = "odf/etag";

  /** Source state kind: the last-modified time of the resource read (RFC 3339). */
  public static final String SOURCE_STATE_LAST_MODIFIED = "odf/last-modified";

  // Configuration. Assigned only on a fresh copy inside a withX method (see copy()), never after it is returned.
  private @Nullable String dataset;
  private @Nullable Instant systemTime;
  private @Nullable Instant watermark;
  private @Nullable String eventTimeColumn;
  private @Nullable SerializableFunction<Row, Instant> eventTimeFunction;
  private @Nullable Vocabulary vocabulary;
  private long maxRecordsPerSlice = DEFAULT_MAX_RECORDS_PER_SLICE;
  private @Nullable String description;
  private @Nullable List<String> keywords;
  private @Nullable List<String> license;
  private @Nullable String alias;
  /** Construction-time only (holds the pipeline); what the workers need is in {@link WriteSettings#derivation()}. */
  private transient @Nullable OdfInputs inputs;
  /** What SetTransform records: set by withTransformDescription() or withTransform(); default Beam-code text. */
  private @Nullable RecordedTransform transformDescription;
  private @Nullable List<String> orderBy;
  private @Nullable String orderColumn;
  private @Nullable SourceStateValue sourceState;
  /** Construction-time only: the checkpoint file's bytes (withCheckpoint). */
  private transient @Nullable PCollection<byte[]> checkpoint;
  /** Construction-time only: computes the checkpoint from the stored records (withCheckpointOfWrittenRecords). */
  private transient @Nullable PTransform<PCollection<Row>, PCollection<byte[]>> checkpointOfWrittenRecords;
  private @Nullable ExpectedHead expectedHead;
  // Not configuration: the records per range of the offset sort (tests; null = AssignOffsetsInParallel's default).
  private @Nullable Long recordsPerRange;

  private OdfWrite() {}

  static OdfWrite create() {
    return new OdfWrite();
  }

  /** A copy to configure and return from a {@code withX} method: this instance never changes. */
  private OdfWrite copy() {
    OdfWrite c = new OdfWrite();
    c.dataset = dataset;
    c.systemTime = systemTime;
    c.watermark = watermark;
    c.eventTimeColumn = eventTimeColumn;
    c.eventTimeFunction = eventTimeFunction;
    c.vocabulary = vocabulary;
    c.maxRecordsPerSlice = maxRecordsPerSlice;
    c.description = description;
    c.keywords = keywords;
    c.license = license;
    c.alias = alias;
    c.inputs = inputs;
    c.transformDescription = transformDescription;
    c.orderBy = orderBy;
    c.orderColumn = orderColumn;
    c.sourceState = sourceState;
    c.checkpoint = checkpoint;
    c.checkpointOfWrittenRecords = checkpointOfWrittenRecords;
    c.expectedHead = expectedHead;
    c.recordsPerRange = recordsPerRange;
    return c;
  }

  /** The dataset directory (plain path or {@code file:} URL); created if it has no blocks. Required. */
  public OdfWrite to(String datasetPathOrFileUrl) {
    Objects.requireNonNull(datasetPathOrFileUrl, "to() requires a dataset path");
    OdfWrite c = copy();
    c.dataset = datasetPathOrFileUrl;
    return c;
  }

  /**
   * A fixed system time for the commit (rows and blocks; truncated to milliseconds), for reproducible runs. Default:
   * the time the write reads the dataset's head, one value per commit. Must not precede the head block's.
   */
  public OdfWrite withSystemTime(Instant systemTime) {
    Objects.requireNonNull(systemTime, "withSystemTime() requires a time");
    OdfWrite c = copy();
    c.systemTime = systemTime;
    return c;
  }

  /** A fixed watermark for every block of the commit instead of max(previous watermark, max event time). */
  public OdfWrite withWatermark(Instant watermark) {
    Objects.requireNonNull(watermark, "withWatermark() requires a time");
    OdfWrite c = copy();
    c.watermark = watermark;
    return c;
  }

  /**
   * The input's DATETIME column holding the event time; stored as the dataset's event time column (named by the
   * vocabulary, {@code event_time} by default). Excludes {@link #withEventTime}.
   */
  public OdfWrite withEventTimeColumn(String column) {
    if (column == null || column.isEmpty()) {
      throw new IllegalArgumentException("withEventTimeColumn() requires a column name, but was '" + column + "'");
    }
    if (eventTimeFunction != null) {
      throw new IllegalArgumentException("withEventTimeColumn(\"" + column + "\") cannot be combined with"
          + " withEventTime(): the event time comes either from a column or from a function");
    }
    OdfWrite c = copy();
    c.eventTimeColumn = column;
    return c;
  }

  /**
   * Computes each record's event time from the record: the function gets the input row and must return a non-null
   * {@link Instant} (stored with millisecond precision, rounded down). It should be deterministic, a pure function
   * of the row: the event time orders the offsets, and a retried bundle recomputes it. A null result fails the
   * write naming the dataset and the record. The input must not also have a column named like the vocabulary's
   * event time column. Excludes {@link #withEventTimeColumn}.
   */
  public OdfWrite withEventTime(SerializableFunction<Row, Instant> eventTime) {
    Objects.requireNonNull(eventTime, "withEventTime() requires a function");
    if (eventTimeColumn != null) {
      throw new IllegalArgumentException("withEventTime() cannot be combined with withEventTimeColumn(\""
          + eventTimeColumn + "\"): the event time comes either from a column or from a function");
    }
    OdfWrite c = copy();
    c.eventTimeFunction = eventTime;
    return c;
  }

  /**
   * The names of the system columns ({@code SetVocab}). On creation the dataset gets this vocabulary (recorded as
   * a {@code SetVocab} event unless it is {@link Vocabulary#DEFAULT}); an existing dataset must already have it, else
   * the write fails before any file is written. Default: the dataset's own vocabulary, or {@link Vocabulary#DEFAULT}
   * for a new dataset.
   */
  public OdfWrite withVocabulary(Vocabulary vocabulary) {
    Objects.requireNonNull(vocabulary, "withVocabulary() requires a vocabulary");
    OdfWrite c = copy();
    c.vocabulary = vocabulary;
    return c;
  }

  /** At most this many records per data slice and {@code AddData} block (default 1,000,000). */
  public OdfWrite withMaxRecordsPerSlice(long records) {
    if (records < 1) {
      throw new IllegalArgumentException("withMaxRecordsPerSlice() must be > 0, but was " + records);
    }
    OdfWrite c = copy();
    c.maxRecordsPerSlice = records;
    return c;
  }

  /** {@code SetInfo} recorded when the write creates the dataset. */
  public OdfWrite withInfo(String description, List<String> keywords) {
    OdfWrite c = copy();
    c.description = description;
    c.keywords = keywords == null ? null : List.copyOf(keywords);
    return c;
  }

  /** {@code SetLicense} recorded when the write creates the dataset; {@code spdxId} may be null. */
  public OdfWrite withLicense(String shortName, String name, @Nullable String spdxId, String websiteUrl) {
    Objects.requireNonNull(shortName, "withLicense() requires a short name");
    Objects.requireNonNull(name, "withLicense() requires a name");
    Objects.requireNonNull(websiteUrl, "withLicense() requires a website URL");
    OdfWrite c = copy();
    c.license = new ArrayList<>(Arrays.asList(shortName, name, spdxId, websiteUrl));
    return c;
  }

  /** The alias ({@code name} or {@code account/name}) written to {@code info/alias} when creating the dataset. */
  public OdfWrite withAlias(String alias) {
    try {
      DatasetAlias.parse(alias);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("withAlias() requires a dataset alias, but was '" + alias + "'", e);
    }
    OdfWrite c = copy();
    c.alias = alias;
    return c;
  }

  /**
   * Makes this a derivative write: the dataset (created with {@code Seed} kind Derivative if absent) records the
   * inputs and the provenance in {@code SetTransform} and what was read of each input in {@code ExecuteTransform}.
   * {@code inputs} must be for the same dataset as {@link #to}. See "Derivative writes" above.
   */
  public OdfWrite derivedFrom(OdfInputs inputs) {
    Objects.requireNonNull(inputs, "derivedFrom() requires the inputs");
    OdfWrite c = copy();
    c.inputs = inputs;
    return c;
  }

  /**
   * Orders the commit's offsets first by these input columns, ascending, nulls first, before the default order
   * (event time, then the record's encoding). This is how kamu-cli orders the output of a merge strategy
   * (Snapshot, ChangelogStream and UpsertStream order by the primary key, then {@code op}, so that each
   * correct-from record ({@code -C}) is immediately followed by its correct-to ({@code +C})), so a transform that
   * emits a changelog can reproduce kamu's offsets: {@code withOrderBy("city", "op")}. The columns are ordinary
   * input columns (data columns, {@code op} or the event time column) of type integer, string, bytes, boolean,
   * floating point, decimal, DATETIME or DATE; strings compare by their UTF-8 bytes, as in Arrow.
   *
   * @throws IllegalArgumentException if no column is given or one is named twice
   */
  public OdfWrite withOrderBy(String... columns) {
    if (columns == null || columns.length == 0) {
      throw new IllegalArgumentException("withOrderBy() requires at least one column");
    }
    Set<String> seen = new HashSet<>();
    for (String c : columns) {
      if (c == null || c.isEmpty()) {
        throw new IllegalArgumentException("withOrderBy() requires column names, but was " + Arrays.toString(columns));
      }
      if (!seen.add(c)) {
        throw new IllegalArgumentException("withOrderBy() names column '" + c + "' twice");
      }
    }
    OdfWrite c = copy();
    c.orderBy = List.of(columns);
    return c;
  }

  /**
   * Orders the commit's offsets first by this input column, which is not stored: for transforms that compute the
   * order themselves, such as odf-transforms' merge strategies, whose order column keeps each {@code -C} right
   * before its {@code +C} and a key's records in source order. Compared like a {@link #withOrderBy} column (a BYTES
   * column by its unsigned bytes), before the {@code withOrderBy} columns if both are given.
   *
   * @throws IllegalArgumentException if the name is empty
   */
  public OdfWrite withOrderColumn(String column) {
    if (column == null || column.isEmpty()) {
      throw new IllegalArgumentException("withOrderColumn() requires a column name, but was '" + column + "'");
    }
    OdfWrite c = copy();
    c.orderColumn = column;
    return c;
  }

  /**
   * The provenance text a derivative write records as its transform's only query: a human-readable description of
   * what the Beam code does. Not executable SQL. Default: {@value #DEFAULT_TRANSFORM_DESCRIPTION} followed by the
   * input aliases. Requires {@link #derivedFrom}.
   */
  public OdfWrite withTransformDescription(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("withTransformDescription() requires a description, but was '" + text
          + "'");
    }
    if (transformDescription != null && !transformDescription.engine().equals(Derivation.ENGINE)) {
      throw new IllegalArgumentException("withTransformDescription() and withTransform() exclude each other: the"
          + " SQL given to withTransform() is already the provenance");
    }
    OdfWrite c = copy();
    c.transformDescription = RecordedTransform.beamCode(text);
    return c;
  }

  /**
   * Records {@code sql} in {@code SetTransform} instead of the Beam-code provenance: for a derivative whose rows
   * were computed by running exactly these queries over the inputs (as odf-transforms' {@code OdfSql} does), so
   * that the chain says what actually ran. {@code engine} must name the engine that ran the queries, never one
   * that did not. Requires {@link #derivedFrom}; excludes {@link #withTransformDescription}.
   *
   * @throws IllegalArgumentException if the engine is blank or the transform has no query
   */
  public OdfWrite withTransform(TransformSql sql) {
    Objects.requireNonNull(sql, "withTransform() requires a TransformSql");
    if (sql.engine().isBlank()) {
      throw new IllegalArgumentException("withTransform() requires the engine that ran the queries, but it was"
          + " blank");
    }
    boolean noQuery = sql.query() == null || sql.query().isBlank();
    if (noQuery && (sql.queries() == null || sql.queries().isEmpty())) {
      throw new IllegalArgumentException("withTransform() requires a query or queries, but the transform of engine"
          + " '" + sql.engine() + "' has neither");
    }
    if (transformDescription != null && transformDescription.engine().equals(Derivation.ENGINE)) {
      throw new IllegalArgumentException("withTransform() and withTransformDescription() exclude each other: the"
          + " description is the provenance of Beam code, the SQL is the provenance of SQL");
    }
    OdfWrite c = copy();
    c.transformDescription = RecordedTransform.of(sql);
    return c;
  }

  /**
   * Records the state of the data source in the commit's last {@code AddData} ({@code newSourceState}), so that the
   * next run can resume where this one stopped instead of re-reading the source: kamu's polling ingest keeps the
   * {@code odf/etag} or {@code odf/last-modified} (RFC 3339) of the file it fetched under source name
   * {@value #DEFAULT_SOURCE_NAME}, and reads only the last {@code AddData}'s state (see "Checkpoints and source
   * state" above). Root datasets only.
   * <pre>{@code
   * .withSourceState("default", "odf/etag", "\"5f9c-1a2b\"")
   * }</pre>
   *
   * @throws IllegalArgumentException if the source name or kind is blank, or an {@code odf/last-modified} value is
   *     not an RFC 3339 date-time
   */
  public OdfWrite withSourceState(String sourceName, String kind, String value) {
    if (sourceName == null || sourceName.isBlank()) {
      throw new IllegalArgumentException("withSourceState() requires a source name (kamu's is '"
          + DEFAULT_SOURCE_NAME + "'), but was '" + sourceName + "'");
    }
    if (kind == null || kind.isBlank()) {
      throw new IllegalArgumentException("withSourceState() requires a kind such as '" + SOURCE_STATE_ETAG + "' or '"
          + SOURCE_STATE_LAST_MODIFIED + "', but was '" + kind + "'");
    }
    Objects.requireNonNull(value, "withSourceState() requires a value");
    if (kind.equals(SOURCE_STATE_LAST_MODIFIED)) {
      try {
        OffsetDateTime.parse(value);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("withSourceState() kind '" + SOURCE_STATE_LAST_MODIFIED + "' requires an"
            + " RFC 3339 date-time such as 2024-01-01T12:00:00Z, but was '" + value + "'", e);
      }
    }
    OdfWrite c = copy();
    c.sourceState = new SourceStateValue(sourceName, kind, value);
    return c;
  }

  /**
   * Stores the only element of {@code checkpoint} (if any) as the commit's checkpoint file and names it in the last
   * {@code AddData}'s {@code newCheckpoint}: see "Checkpoints and source state" above. The collection must belong
   * to the input's pipeline and hold at most one element, else the commit fails; none means no new checkpoint.
   * Excludes {@link #withCheckpointOfWrittenRecords}. Root datasets only.
   */
  public OdfWrite withCheckpoint(PCollection<byte[]> checkpoint) {
    Objects.requireNonNull(checkpoint, "withCheckpoint() requires a PCollection of at most one byte array");
    if (checkpointOfWrittenRecords != null) {
      throw new IllegalArgumentException("withCheckpoint() and withCheckpointOfWrittenRecords() exclude each other:"
          + " a commit has one checkpoint");
    }
    OdfWrite c = copy();
    c.checkpoint = checkpoint;
    return c;
  }

  /**
   * Computes the commit's checkpoint from the records it stores: {@code stateOf} gets them exactly as written
   * ({@code offset}, {@code op}, {@code system_time}, event time, then the data columns, in the schema the
   * dataset will have after the commit, system columns named by its vocabulary) and returns at most one byte
   * array, stored and referenced as by {@link #withCheckpoint}. For state that must know the offsets and the
   * system time, which are only assigned by the write, such as a merge's state by key (odf-transforms'
   * {@code MergeWrite}). {@code stateOf} is applied once, when this write is expanded; it may read other
   * collections of the same pipeline (the previous state). The records of an empty input are an empty collection.
   * The dataset's schema must not change between building and running the pipeline (the write then fails before
   * committing). Excludes {@link #withCheckpoint}. Root datasets only.
   */
  public OdfWrite withCheckpointOfWrittenRecords(PTransform<PCollection<Row>, PCollection<byte[]>> stateOf) {
    Objects.requireNonNull(stateOf, "withCheckpointOfWrittenRecords() requires a transform");
    if (checkpoint != null) {
      throw new IllegalArgumentException("withCheckpointOfWrittenRecords() and withCheckpoint() exclude each other:"
          + " a commit has one checkpoint");
    }
    OdfWrite c = copy();
    c.checkpointOfWrittenRecords = stateOf;
    return c;
  }

  /**
   * Commits only if the dataset's head is still this block when the commit is planned, else fails with
   * {@link ConcurrentWriteException} before any file is written; {@code null} means the dataset must have no
   * blocks yet. For writes computed from what the dataset held when the pipeline was built (a merge's diff, a
   * checkpoint): without it a root write builds on whatever head it finds. Root datasets only (a derivative write
   * pins its head through {@link OdfInputs}).
   *
   * @throws IllegalArgumentException if the hash is not a multibase multihash
   */
  public OdfWrite withExpectedHead(@Nullable String blockHash) {
    if (blockHash != null) {
      try {
        Multihash.parse(blockHash);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("withExpectedHead() requires a multibase block hash like f1620… (or null"
            + " for a dataset without blocks), but was '" + blockHash + "'", e);
      }
    }
    OdfWrite c = copy();
    c.expectedHead = new ExpectedHead(blockHash);
    return c;
  }

  /**
   * The same write sorting ranges of about {@code records} records ({@code AssignOffsetsInParallel}); tests use it
   * to spread slices over several ranges. The committed result does not depend on it.
   */
  OdfWrite withRecordsPerRange(long records) {
    if (records < 1) {
      throw new IllegalArgumentException("withRecordsPerRange() must be > 0, but was " + records);
    }
    OdfWrite c = copy();
    c.recordsPerRange = records;
    return c;
  }

  @Override
  public PCollection<CommittedBlock> expand(PCollection<Row> input) {
    if (dataset == null) {
      throw new IllegalArgumentException("to() is required");
    }
    if (!input.hasSchema()) {
      throw new IllegalArgumentException("Cannot write to " + dataset + ": the input has no schema (use"
          + " setRowSchema() or Create.of(...).withRowSchema())");
    }
    Vocabulary vocab = vocabulary();
    WriteSettings settings = settings(input.getSchema(), vocab);
    SortKey.checkOrderable(settings.inputSchema(), dataset);
    if (settings.orderBy() != null) {
      OrderedEncoding.check(settings.inputSchema(), settings.orderBy(), dataset);
    }
    PCollection<Row> rows = input;
    if (eventTimeFunction != null) {
      rows = input
          .apply("Compute event time", ParDo.of(new ComputeEventTime(dataset, eventTimeFunction,
              settings.inputSchema())))
          .setRowSchema(settings.inputSchema());
    }
    if (checkpoint != null && checkpoint.getPipeline() != input.getPipeline()) {
      throw new IllegalArgumentException("Cannot write to " + dataset + ": the PCollection given to withCheckpoint()"
          + " belongs to another pipeline than the input");
    }
    PCollection<WritePlan> plan = input.getPipeline()
        .apply("Name the dataset", Create.of(dataset).withCoder(StringUtf8Coder.of()))
        .apply("Plan the commit", ParDo.of(new PlanCommit(settings)))
        .setCoder(WritePlan.CODER);
    PCollectionView<WritePlan> planView = plan.apply("Share the plan", View.asSingleton());

    AssignOffsetsInParallel assign = AssignOffsetsInParallel.of(settings);
    if (recordsPerRange != null) {
      assign = assign.withRecordsPerRange(recordsPerRange);
    }
    PCollection<KV<Long, Iterable<KV<Long, byte[]>>>> records = rows
        .apply("Assign offsets", assign.numberedKeys())
        .apply("Group records by slice", GroupByKey.create());
    PCollection<WrittenSlice> slices;
    PCollection<byte[]> checkpointBytes = checkpoint;
    if (checkpointOfWrittenRecords == null) {
      slices = records
          .apply("Write slices", ParDo.of(new WriteSlices.OfKeys(settings, planView, null)).withSideInputs(planView))
          .setCoder(WrittenSlice.CODER);
    } else {
      Schema stored = targetSchema(settings);
      PCollectionTuple written = records
          .apply("Write slices", ParDo.of(new WriteSlices.OfKeys(settings, planView, stored)).withSideInputs(planView)
              .withOutputTags(WriteSlices.SLICES, TupleTagList.of(WriteSlices.RECORDS)));
      slices = written.get(WriteSlices.SLICES).setCoder(WrittenSlice.CODER);
      checkpointBytes = written.get(WriteSlices.RECORDS).setRowSchema(stored)
          .apply("Compute the checkpoint", checkpointOfWrittenRecords);
    }

    TupleTag<WritePlan> planTag = new TupleTag<>("plan");
    TupleTag<WrittenSlice> sliceTag = new TupleTag<>("slices");
    KeyedPCollectionTuple<String> grouped = KeyedPCollectionTuple
        .of(planTag, plan.apply("Key the plan by dataset", WithKeys.<String, WritePlan>of(dataset))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), WritePlan.CODER)))
        .and(sliceTag, slices.apply("Key slices by dataset", WithKeys.<String, WrittenSlice>of(dataset))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), WrittenSlice.CODER)));
    TupleTag<byte[]> checkpointTag = null;
    if (checkpointBytes != null) {
      checkpointTag = new TupleTag<>("checkpoint");
      grouped = grouped.and(checkpointTag, checkpointBytes
          .apply("Key the checkpoint by dataset", WithKeys.<String, byte[]>of(dataset))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), ByteArrayCoder.of())));
    }
    return grouped
        .apply("Group slices by dataset", CoGroupByKey.create())
        .apply("Commit blocks", ParDo.of(new CommitBlocks(settings, planTag, sliceTag, checkpointTag)))
        .setCoder(CommittedBlock.coder());
  }

  /**
   * The schema the commit's records will be stored in, as {@link PlanCommit} will find it if the dataset does not
   * change meanwhile: the write schema for a dataset without a schema, else the dataset's evolved by the input.
   */
  private static Schema targetSchema(WriteSettings settings) {
    LocalFsDatasetStorage storage = LocalFsDatasetStorage.open(settings.dataset());
    if (storage.readHead().isEmpty()) {
      return settings.writeSchema();
    }
    ChainState state = new MetadataChain(storage).state();
    if (state.currentSchema() == null) {
      return settings.writeSchema();
    }
    String label = state.datasetId() + " at " + storage.location();
    return SchemaEvolution.evolve(label, OdfSchemas.toBeam(state.currentSchema()), settings.writeSchema()).target();
  }

  /**
   * The vocabulary this write uses, read from the dataset's chain now (when the transform is expanded): the
   * dataset's own, or for a dataset without blocks the one given to {@link #withVocabulary} (default
   * {@link Vocabulary#DEFAULT}).
   *
   * @throws IllegalArgumentException naming both vocabularies if {@link #withVocabulary} differs from the dataset's
   */
  private Vocabulary vocabulary() {
    LocalFsDatasetStorage storage = LocalFsDatasetStorage.open(dataset);
    if (storage.readHead().isEmpty()) {
      return vocabulary != null ? vocabulary : Vocabulary.DEFAULT;
    }
    MetadataChain chain = new MetadataChain(storage);
    Vocabulary existing = PlanCommit.vocabularyOf(chain);
    if (vocabulary != null && !vocabulary.equals(existing)) {
      throw new IllegalArgumentException("Cannot write to dataset " + chain.state().datasetId() + " at "
          + storage.location() + ": withVocabulary() was given " + vocabulary + ", but the dataset's vocabulary is "
          + existing + (existing.toSetVocab() == null ? " (it has no SetVocab)" : "") + "; the vocabulary of an"
          + " existing dataset cannot change (omit withVocabulary() to use the dataset's)");
    }
    return existing;
  }

  /** The derivation of a {@link #derivedFrom} write (inputs as planned, provenance), else null. */
  private @Nullable Derivation derivation() {
    if (inputs != null) {
      String rootOnly = sourceState != null ? "withSourceState()" : checkpoint != null ? "withCheckpoint()"
          : checkpointOfWrittenRecords != null ? "withCheckpointOfWrittenRecords()"
          : expectedHead != null ? "withExpectedHead()" : null;
      if (rootOnly != null) {
        throw new IllegalArgumentException("Cannot write to " + dataset + ": " + rootOnly + " applies to root"
            + " datasets (AddData), but this write is derivedFrom() its inputs (ExecuteTransform)");
      }
    }
    if (inputs == null) {
      if (transformDescription != null) {
        throw new IllegalArgumentException("Cannot write to " + dataset + ": withTransformDescription() and"
            + " withTransform() require derivedFrom()");
      }
      return null;
    }
    URI ours = LocalFsDatasetStorage.open(dataset).location();
    URI theirs = LocalFsDatasetStorage.open(inputs.output()).location();
    if (!ours.equals(theirs)) {
      throw new IllegalArgumentException("Cannot write to " + ours + ": derivedFrom() was given the inputs of "
          + theirs);
    }
    RecordedTransform recorded = transformDescription != null ? transformDescription
        : RecordedTransform.beamCode(DEFAULT_TRANSFORM_DESCRIPTION + " " + String.join(", ", inputs.aliases()));
    return inputs.derivation(recorded);
  }

  /** The columns the offsets are ordered by before event time: the order column, then the order-by columns. */
  private @Nullable List<String> sortColumns() {
    if (orderColumn == null) {
      return orderBy;
    }
    List<String> all = new ArrayList<>();
    all.add(orderColumn);
    if (orderBy != null) {
      if (orderBy.contains(orderColumn)) {
        throw new IllegalArgumentException("Cannot write to " + dataset + ": column '" + orderColumn + "' is given"
            + " to withOrderColumn() (not stored) and to withOrderBy() (stored); use one of them");
      }
      all.addAll(orderBy);
    }
    return List.copyOf(all);
  }

  /** The settings {@link #expand} resolves for input rows of schema {@code in}, reading the dataset's chain now. */
  WriteSettings settings(Schema in) {
    return settings(in, vocabulary());
  }

  /**
   * Resolves the event time and op columns and the dataset schema the input maps to, for system columns named by
   * {@code vocab}. With {@link #withEventTime} the stages see the input plus the computed event time column.
   */
  private WriteSettings settings(Schema input, Vocabulary vocab) {
    Schema in = eventTimeFunction == null ? input
        : ComputeEventTime.outputSchema(dataset, input, vocab.eventTimeColumn());
    for (String system : List.of(vocab.offsetColumn(), vocab.systemTimeColumn())) {
      if (in.hasField(system)) {
        throw new IllegalArgumentException("Cannot write to " + dataset + ": the input has a column '" + system
            + "', but the write assigns it");
      }
    }
    String eventColumn = eventTimeFunction != null ? vocab.eventTimeColumn() : eventTimeColumn;
    if (eventColumn != null && !in.hasField(eventColumn)) {
      throw new IllegalArgumentException("withEventTimeColumn(): the input has no column '" + eventColumn
          + "'; its columns are " + in.getFieldNames());
    }
    if (eventColumn == null && in.hasField(vocab.eventTimeColumn())) {
      eventColumn = vocab.eventTimeColumn();
    }
    if (eventColumn != null && !eventColumn.equals(vocab.eventTimeColumn()) && in.hasField(vocab.eventTimeColumn())) {
      throw new IllegalArgumentException("Cannot write to " + dataset + ": the input has a column '"
          + vocab.eventTimeColumn() + "' (the name of the vocabulary's event time column) besides the event time"
          + " column '" + eventColumn + "' given to withEventTimeColumn(); drop or rename one of them");
    }
    FieldType eventType = FieldType.DATETIME;
    if (eventColumn != null) {
      // Null event times are stored as the system time (kamu's fallback), so the column is never null.
      eventType = in.getField(eventColumn).getType().withNullable(false);
      if (eventType.getTypeName() != Schema.TypeName.DATETIME) {
        throw new IllegalArgumentException("Cannot write to " + dataset + ": event time column '" + eventColumn
            + "' must be DATETIME, but was " + eventType);
      }
    }
    String opColumn = null;
    if (in.hasField(vocab.operationTypeColumn())) {
      opColumn = vocab.operationTypeColumn();
      if (!in.getField(opColumn).getType().equals(FieldType.INT32)) {
        throw new IllegalArgumentException("Cannot write to " + dataset + ": column '" + opColumn
            + "' must be INT32 NOT NULL, but was " + in.getField(opColumn).getType());
      }
    }
    Schema.Builder data = Schema.builder();
    for (Schema.Field f : in.getFields()) {
      if (!f.getName().equals(eventColumn) && !f.getName().equals(opColumn) && !f.getName().equals(orderColumn)) {
        data.addField(f);
      }
    }
    if (data.build().getFieldCount() == 0) {
      throw new IllegalArgumentException("Cannot write to " + dataset + ": the input has no data columns");
    }
    Schema write = OdfSchemas.withSystemColumns(vocab, eventType, data.build());
    OdfSchemas.toParquet(write); // fails early, naming an unsupported column
    return new WriteSettings(dataset, in, write, vocab, eventColumn, opColumn, systemTime, watermark,
        maxRecordsPerSlice, description, keywords, license, alias, derivation(), sortColumns(), sourceState,
        expectedHead);
  }
}
