package org.odfbeam.io;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.odfbeam.core.identity.DatasetAlias;
import org.odfbeam.core.model.Nullable;
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
 * Input rows hold the data columns, optionally an {@code op} column (INT32 NOT NULL, ODF operation type; default 0 =
 * append) and an event time column: the one named by {@link #withEventTimeColumn}, else a DATETIME column named
 * {@code event_time} if present; without one, every record's event time is the system time. The event time column
 * is stored as the dataset's {@code event_time} column (renamed if needed). The other system columns
 * ({@code offset}, {@code system_time}) are assigned by the write and must not be in the input.
 *
 * <p><b>Creation.</b> A directory without {@code refs/head} gets {@code Seed} (a fresh {@code did:odf}), optional
 * {@code SetInfo} and {@code SetLicense}, and {@code SetDataSchema} with the system columns (default vocabulary)
 * followed by the data columns. <b>Later writes</b> map columns by name onto the dataset's schema, checked before
 * any file is written: a missing column, a changed type or a nullable input column for a non-nullable dataset column
 * fails with both schemas in the message; new nullable columns are added with a new {@code SetDataSchema}
 * (kamu's evolution rules).
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
 *       cannot re-run its transform. Changing the input datasets of an existing derivative is not supported.
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
 * Offsets continue the dataset's last offset. The records of one write are ordered by (1) event time in epoch
 * milliseconds, nulls first, then (2) the bytes of the record's {@link RowCoder} encoding (of the input schema),
 * compared as unsigned bytes; the first gets the next offset. The order depends only on the records' content, so
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
 *   <li>Datasets with the default vocabulary on a local file system only. A derivative's input rows are written
 *       like a root's: drop the inputs' {@code offset} and {@code system_time} columns before the write.
 *   <li>Derivative writes have no checkpoints: the transform must be stateless across runs (each run sees only new
 *       input), and a derivative's inputs cannot change once recorded.
 *   <li>Event time columns must be DATETIME (millisecond precision).
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
  private final long maxRecordsPerSlice;
  private final @Nullable String description;
  private final @Nullable List<String> keywords;
  private final @Nullable List<String> license;
  private final @Nullable String alias;
  /** Construction-time only (holds the pipeline); what the workers need is in {@link WriteSettings#derivation()}. */
  private final transient @Nullable OdfInputs inputs;
  private final @Nullable String transformDescription;

  private OdfWrite(@Nullable String dataset, @Nullable Instant systemTime, @Nullable Instant watermark,
      @Nullable String eventTimeColumn, long maxRecordsPerSlice, @Nullable String description,
      @Nullable List<String> keywords, @Nullable List<String> license, @Nullable String alias,
      @Nullable OdfInputs inputs, @Nullable String transformDescription) {
    this.dataset = dataset;
    this.systemTime = systemTime;
    this.watermark = watermark;
    this.eventTimeColumn = eventTimeColumn;
    this.maxRecordsPerSlice = maxRecordsPerSlice;
    this.description = description;
    this.keywords = keywords;
    this.license = license;
    this.alias = alias;
    this.inputs = inputs;
    this.transformDescription = transformDescription;
  }

  static OdfWrite create() {
    return new OdfWrite(null, null, null, null, DEFAULT_MAX_RECORDS_PER_SLICE, null, null, null, null, null, null);
  }

  /** The dataset directory (plain path or {@code file:} URL); created if it has no blocks. Required. */
  public OdfWrite to(String datasetPathOrFileUrl) {
    Objects.requireNonNull(datasetPathOrFileUrl, "to() requires a dataset path");
    return new OdfWrite(datasetPathOrFileUrl, systemTime, watermark, eventTimeColumn, maxRecordsPerSlice,
        description, keywords, license, alias, inputs, transformDescription);
  }

  /**
   * A fixed system time for the commit (rows and blocks; truncated to milliseconds), for reproducible runs. Default:
   * the time the write reads the dataset's head, one value per commit. Must not precede the head block's.
   */
  public OdfWrite withSystemTime(Instant systemTime) {
    Objects.requireNonNull(systemTime, "withSystemTime() requires a time");
    return new OdfWrite(dataset, systemTime, watermark, eventTimeColumn, maxRecordsPerSlice, description, keywords,
        license, alias, inputs, transformDescription);
  }

  /** A fixed watermark for every block of the commit instead of max(previous watermark, max event time). */
  public OdfWrite withWatermark(Instant watermark) {
    Objects.requireNonNull(watermark, "withWatermark() requires a time");
    return new OdfWrite(dataset, systemTime, watermark, eventTimeColumn, maxRecordsPerSlice, description, keywords,
        license, alias, inputs, transformDescription);
  }

  /** The input's DATETIME column holding the event time; stored as the dataset's {@code event_time} column. */
  public OdfWrite withEventTimeColumn(String column) {
    if (column == null || column.isEmpty()) {
      throw new IllegalArgumentException("withEventTimeColumn() requires a column name, but was '" + column + "'");
    }
    return new OdfWrite(dataset, systemTime, watermark, column, maxRecordsPerSlice, description, keywords, license,
        alias, inputs, transformDescription);
  }

  /** At most this many records per data slice and {@code AddData} block (default 1,000,000). */
  public OdfWrite withMaxRecordsPerSlice(long records) {
    if (records < 1) {
      throw new IllegalArgumentException("withMaxRecordsPerSlice() must be > 0, but was " + records);
    }
    return new OdfWrite(dataset, systemTime, watermark, eventTimeColumn, records, description, keywords, license,
        alias, inputs, transformDescription);
  }

  /** {@code SetInfo} recorded when the write creates the dataset. */
  public OdfWrite withInfo(String description, List<String> keywords) {
    return new OdfWrite(dataset, systemTime, watermark, eventTimeColumn, maxRecordsPerSlice, description,
        keywords == null ? null : List.copyOf(keywords), license, alias, inputs, transformDescription);
  }

  /** {@code SetLicense} recorded when the write creates the dataset; {@code spdxId} may be null. */
  public OdfWrite withLicense(String shortName, String name, @Nullable String spdxId, String websiteUrl) {
    Objects.requireNonNull(shortName, "withLicense() requires a short name");
    Objects.requireNonNull(name, "withLicense() requires a name");
    Objects.requireNonNull(websiteUrl, "withLicense() requires a website URL");
    return new OdfWrite(dataset, systemTime, watermark, eventTimeColumn, maxRecordsPerSlice, description, keywords,
        new ArrayList<>(Arrays.asList(shortName, name, spdxId, websiteUrl)), alias, inputs, transformDescription);
  }

  /** The alias ({@code name} or {@code account/name}) written to {@code info/alias} when creating the dataset. */
  public OdfWrite withAlias(String alias) {
    try {
      DatasetAlias.parse(alias);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("withAlias() requires a dataset alias, but was '" + alias + "'", e);
    }
    return new OdfWrite(dataset, systemTime, watermark, eventTimeColumn, maxRecordsPerSlice, description, keywords,
        license, alias, inputs, transformDescription);
  }

  /**
   * Makes this a derivative write: the dataset (created with {@code Seed} kind Derivative if absent) records the
   * inputs and the provenance in {@code SetTransform} and what was read of each input in {@code ExecuteTransform}.
   * {@code inputs} must be for the same dataset as {@link #to}. See "Derivative writes" above.
   */
  public OdfWrite derivedFrom(OdfInputs inputs) {
    Objects.requireNonNull(inputs, "derivedFrom() requires the inputs");
    return new OdfWrite(dataset, systemTime, watermark, eventTimeColumn, maxRecordsPerSlice, description, keywords,
        license, alias, inputs, transformDescription);
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
    return new OdfWrite(dataset, systemTime, watermark, eventTimeColumn, maxRecordsPerSlice, description, keywords,
        license, alias, inputs, text);
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
    WriteSettings settings = settings(input.getSchema());
    SortKey.checkOrderable(settings.inputSchema(), dataset);
    PCollection<WritePlan> plan = input.getPipeline()
        .apply("Name the dataset", Create.of(dataset).withCoder(StringUtf8Coder.of()))
        .apply("Plan the commit", ParDo.of(new PlanCommit(settings)))
        .setCoder(WritePlan.CODER);
    PCollectionView<WritePlan> planView = plan.apply("Share the plan", View.asSingleton());

    PCollection<WrittenSlice> slices = input
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

  /** The derivation of a {@link #derivedFrom} write (inputs as planned, provenance), else null. */
  private @Nullable Derivation derivation() {
    if (inputs == null) {
      if (transformDescription != null) {
        throw new IllegalArgumentException("Cannot write to " + dataset + ": withTransformDescription() requires"
            + " derivedFrom()");
      }
      return null;
    }
    URI ours = LocalFsDatasetStorage.open(dataset).location();
    URI theirs = LocalFsDatasetStorage.open(inputs.output()).location();
    if (!ours.equals(theirs)) {
      throw new IllegalArgumentException("Cannot write to " + ours + ": derivedFrom() was given the inputs of "
          + theirs);
    }
    String text = transformDescription != null ? transformDescription
        : DEFAULT_TRANSFORM_DESCRIPTION + " " + String.join(", ", inputs.aliases());
    return inputs.derivation(text);
  }

  /** Resolves the event time and op columns and the dataset schema the input maps to. */
  WriteSettings settings(Schema in) {
    Vocabulary vocab = Vocabulary.DEFAULT;
    for (String system : List.of(vocab.offsetColumn(), vocab.systemTimeColumn())) {
      if (in.hasField(system)) {
        throw new IllegalArgumentException("Cannot write to " + dataset + ": the input has a column '" + system
            + "', but the write assigns it");
      }
    }
    String eventColumn = eventTimeColumn;
    if (eventColumn != null && !in.hasField(eventColumn)) {
      throw new IllegalArgumentException("withEventTimeColumn(): the input has no column '" + eventColumn
          + "'; its columns are " + in.getFieldNames());
    }
    if (eventColumn == null && in.hasField(vocab.eventTimeColumn())) {
      eventColumn = vocab.eventTimeColumn();
    }
    FieldType eventType = FieldType.DATETIME;
    if (eventColumn != null) {
      eventType = in.getField(eventColumn).getType();
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
      if (!f.getName().equals(eventColumn) && !f.getName().equals(opColumn)) {
        data.addField(f);
      }
    }
    if (data.build().getFieldCount() == 0) {
      throw new IllegalArgumentException("Cannot write to " + dataset + ": the input has no data columns");
    }
    Schema write = OdfSchemas.withSystemColumns(vocab, eventType, data.build());
    OdfSchemas.toParquet(write); // fails early, naming an unsupported column
    return new WriteSettings(dataset, in, write, eventColumn, opColumn, systemTime, watermark, maxRecordsPerSlice,
        description, keywords, license, alias, derivation());
  }
}
