package org.odfbeam.io;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
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
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.identity.DatasetAlias;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.model.TransformSql;
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
 *   <li>Derivative writes have no checkpoints: the transform must be stateless across runs (each run sees only new
 *       input), and a derivative's inputs cannot change once recorded.
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

  private final @Nullable String dataset;
  private final @Nullable Instant systemTime;
  private final @Nullable Instant watermark;
  private final @Nullable String eventTimeColumn;
  private final @Nullable SerializableFunction<Row, Instant> eventTimeFunction;
  private final @Nullable Vocabulary vocabulary;
  private final long maxRecordsPerSlice;
  private final @Nullable String description;
  private final @Nullable List<String> keywords;
  private final @Nullable List<String> license;
  private final @Nullable String alias;
  /** Construction-time only (holds the pipeline); what the workers need is in {@link WriteSettings#derivation()}. */
  private final transient @Nullable OdfInputs inputs;
  /** What SetTransform records: set by withTransformDescription() or withTransform(); default Beam-code text. */
  private final @Nullable RecordedTransform transformDescription;
  private final @Nullable List<String> orderBy;
  private final @Nullable String orderColumn;

  private OdfWrite(@Nullable String dataset, @Nullable Instant systemTime, @Nullable Instant watermark,
      @Nullable String eventTimeColumn, @Nullable SerializableFunction<Row, Instant> eventTimeFunction,
      @Nullable Vocabulary vocabulary, long maxRecordsPerSlice, @Nullable String description,
      @Nullable List<String> keywords, @Nullable List<String> license, @Nullable String alias,
      @Nullable OdfInputs inputs, @Nullable RecordedTransform transformDescription, @Nullable List<String> orderBy,
      @Nullable String orderColumn) {
    this.dataset = dataset;
    this.systemTime = systemTime;
    this.watermark = watermark;
    this.eventTimeColumn = eventTimeColumn;
    this.eventTimeFunction = eventTimeFunction;
    this.vocabulary = vocabulary;
    this.maxRecordsPerSlice = maxRecordsPerSlice;
    this.description = description;
    this.keywords = keywords;
    this.license = license;
    this.alias = alias;
    this.inputs = inputs;
    this.transformDescription = transformDescription;
    this.orderBy = orderBy;
    this.orderColumn = orderColumn;
  }

  static OdfWrite create() {
    return new OdfWrite(null, null, null, null, null, null, DEFAULT_MAX_RECORDS_PER_SLICE, null, null, null, null,
        null, null, null, null);
  }

  /** The dataset directory (plain path or {@code file:} URL); created if it has no blocks. Required. */
  public OdfWrite to(String datasetPathOrFileUrl) {
    Objects.requireNonNull(datasetPathOrFileUrl, "to() requires a dataset path");
    return new OdfWrite(datasetPathOrFileUrl, systemTime, watermark, eventTimeColumn, eventTimeFunction, vocabulary,
        maxRecordsPerSlice, description, keywords, license, alias, inputs, transformDescription, orderBy, orderColumn);
  }

  /**
   * A fixed system time for the commit (rows and blocks; truncated to milliseconds), for reproducible runs. Default:
   * the time the write reads the dataset's head, one value per commit. Must not precede the head block's.
   */
  public OdfWrite withSystemTime(Instant systemTime) {
    Objects.requireNonNull(systemTime, "withSystemTime() requires a time");
    return new OdfWrite(dataset, systemTime, watermark, eventTimeColumn, eventTimeFunction, vocabulary,
        maxRecordsPerSlice, description, keywords, license, alias, inputs, transformDescription, orderBy, orderColumn);
  }

  /** A fixed watermark for every block of the commit instead of max(previous watermark, max event time). */
  public OdfWrite withWatermark(Instant watermark) {
    Objects.requireNonNull(watermark, "withWatermark() requires a time");
    return new OdfWrite(dataset, systemTime, watermark, eventTimeColumn, eventTimeFunction, vocabulary,
        maxRecordsPerSlice, description, keywords, license, alias, inputs, transformDescription, orderBy, orderColumn);
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
    return new OdfWrite(dataset, systemTime, watermark, column, eventTimeFunction, vocabulary, maxRecordsPerSlice,
        description, keywords, license, alias, inputs, transformDescription, orderBy, orderColumn);
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
    return new OdfWrite(dataset, systemTime, watermark, eventTimeColumn, eventTime, vocabulary, maxRecordsPerSlice,
        description, keywords, license, alias, inputs, transformDescription, orderBy, orderColumn);
  }

  /**
   * The names of the system columns ({@code SetVocab}). On creation the dataset gets this vocabulary (recorded as
   * a {@code SetVocab} event unless it is {@link Vocabulary#DEFAULT}); an existing dataset must already have it, else
   * the write fails before any file is written. Default: the dataset's own vocabulary, or {@link Vocabulary#DEFAULT}
   * for a new dataset.
   */
  public OdfWrite withVocabulary(Vocabulary vocabulary) {
    Objects.requireNonNull(vocabulary, "withVocabulary() requires a vocabulary");
    return new OdfWrite(dataset, systemTime, watermark, eventTimeColumn, eventTimeFunction, vocabulary,
        maxRecordsPerSlice, description, keywords, license, alias, inputs, transformDescription, orderBy, orderColumn);
  }

  /** At most this many records per data slice and {@code AddData} block (default 1,000,000). */
  public OdfWrite withMaxRecordsPerSlice(long records) {
    if (records < 1) {
      throw new IllegalArgumentException("withMaxRecordsPerSlice() must be > 0, but was " + records);
    }
    return new OdfWrite(dataset, systemTime, watermark, eventTimeColumn, eventTimeFunction, vocabulary, records,
        description, keywords, license, alias, inputs, transformDescription, orderBy, orderColumn);
  }

  /** {@code SetInfo} recorded when the write creates the dataset. */
  public OdfWrite withInfo(String description, List<String> keywords) {
    return new OdfWrite(dataset, systemTime, watermark, eventTimeColumn, eventTimeFunction, vocabulary,
        maxRecordsPerSlice, description, keywords == null ? null : List.copyOf(keywords), license, alias, inputs,
        transformDescription, orderBy, orderColumn);
  }

  /** {@code SetLicense} recorded when the write creates the dataset; {@code spdxId} may be null. */
  public OdfWrite withLicense(String shortName, String name, @Nullable String spdxId, String websiteUrl) {
    Objects.requireNonNull(shortName, "withLicense() requires a short name");
    Objects.requireNonNull(name, "withLicense() requires a name");
    Objects.requireNonNull(websiteUrl, "withLicense() requires a website URL");
    return new OdfWrite(dataset, systemTime, watermark, eventTimeColumn, eventTimeFunction, vocabulary,
        maxRecordsPerSlice, description, keywords, new ArrayList<>(Arrays.asList(shortName, name, spdxId,
        websiteUrl)), alias, inputs, transformDescription, orderBy, orderColumn);
  }

  /** The alias ({@code name} or {@code account/name}) written to {@code info/alias} when creating the dataset. */
  public OdfWrite withAlias(String alias) {
    try {
      DatasetAlias.parse(alias);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("withAlias() requires a dataset alias, but was '" + alias + "'", e);
    }
    return new OdfWrite(dataset, systemTime, watermark, eventTimeColumn, eventTimeFunction, vocabulary,
        maxRecordsPerSlice, description, keywords, license, alias, inputs, transformDescription, orderBy, orderColumn);
  }

  /**
   * Makes this a derivative write: the dataset (created with {@code Seed} kind Derivative if absent) records the
   * inputs and the provenance in {@code SetTransform} and what was read of each input in {@code ExecuteTransform}.
   * {@code inputs} must be for the same dataset as {@link #to}. See "Derivative writes" above.
   */
  public OdfWrite derivedFrom(OdfInputs inputs) {
    Objects.requireNonNull(inputs, "derivedFrom() requires the inputs");
    return new OdfWrite(dataset, systemTime, watermark, eventTimeColumn, eventTimeFunction, vocabulary,
        maxRecordsPerSlice, description, keywords, license, alias, inputs, transformDescription, orderBy, orderColumn);
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
    return new OdfWrite(dataset, systemTime, watermark, eventTimeColumn, eventTimeFunction, vocabulary,
        maxRecordsPerSlice, description, keywords, license, alias, inputs, transformDescription, List.of(columns), orderColumn);
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
    return new OdfWrite(dataset, systemTime, watermark, eventTimeColumn, eventTimeFunction, vocabulary,
        maxRecordsPerSlice, description, keywords, license, alias, inputs, transformDescription, orderBy, column);
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
    return new OdfWrite(dataset, systemTime, watermark, eventTimeColumn, eventTimeFunction, vocabulary,
        maxRecordsPerSlice, description, keywords, license, alias, inputs, RecordedTransform.beamCode(text), orderBy, orderColumn);
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
    return new OdfWrite(dataset, systemTime, watermark, eventTimeColumn, eventTimeFunction, vocabulary,
        maxRecordsPerSlice, description, keywords, license, alias, inputs, RecordedTransform.of(sql), orderBy, orderColumn);
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
    PCollection<WritePlan> plan = input.getPipeline()
        .apply("Name the dataset", Create.of(dataset).withCoder(StringUtf8Coder.of()))
        .apply("Plan the commit", ParDo.of(new PlanCommit(settings)))
        .setCoder(WritePlan.CODER);
    PCollectionView<WritePlan> planView = plan.apply("Share the plan", View.asSingleton());

    PCollection<WrittenSlice> slices = rows
        .apply("Assign offsets", AssignOffsetsInParallel.of(settings))
        .apply("Group records by slice", GroupByKey.create())
        .apply("Write slices", ParDo.of(new WriteSlices(settings, planView)).withSideInputs(planView))
        .setCoder(WrittenSlice.CODER);

    TupleTag<WritePlan> planTag = new TupleTag<>("plan");
    TupleTag<WrittenSlice> sliceTag = new TupleTag<>("slices");
    return KeyedPCollectionTuple
        .of(planTag, plan.apply("Key the plan by dataset", WithKeys.<String, WritePlan>of(dataset))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), WritePlan.CODER)))
        .and(sliceTag, slices.apply("Key slices by dataset", WithKeys.<String, WrittenSlice>of(dataset))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), WrittenSlice.CODER)))
        .apply("Group slices by dataset", CoGroupByKey.create())
        .apply("Commit blocks", ParDo.of(new CommitBlocks(settings, planTag, sliceTag)))
        .setCoder(CommittedBlock.coder());
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
        maxRecordsPerSlice, description, keywords, license, alias, derivation(), sortColumns());
  }
}
