package org.odfbeam.pipelines.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MetadataCoderV2;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.core.model.DataSchema;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.model.ReadStep;
import org.odfbeam.core.model.ReadStepCsv;
import org.odfbeam.core.model.ReadStepJson;
import org.odfbeam.core.model.ReadStepNdJson;
import org.odfbeam.core.model.ReadStepParquet;
import org.odfbeam.data.OdfSchemas;
import org.odfbeam.data.UnsupportedSchemaException;

/**
 * Reads the files of a {@link FetchPlan} with a manifest's read step into a bounded {@code PCollection<Row>}.
 *
 * <h2>Reading</h2>
 * <pre>{@code
 * IngestSource source = IngestSource.of(snapshot);
 * FetchPlan plan = FetchPlan.of(source, lastSourceState, FetchContext.of(manifestDir, systemTime));
 * PCollection<Row> rows = pipeline.apply("Read " + source.path(),
 *     ReadFiles.of(source).from(plan).withSourceEventTimeColumn("event_time"));   // the last call is optional
 * }</pre>
 *
 * <h2>Schema</h2>
 * The rows' schema is fixed when the pipeline is built:
 * <ul>
 *   <li>the read step's {@code schema} (an ODF {@code DataSchema}), mapped to Beam by
 *       {@link OdfSchemas#toBeam(DataSchema)}: a field without {@code Option} is not nullable; a type Beam cannot
 *       hold (unsigned integers, Float16, ...) is refused;
 *   <li>or its deprecated {@code ddlSchema} ({@code ["city STRING", "population BIGINT"]}), converted as kamu's
 *       {@code parse_ddl_to_odf_schema} does (BOOLEAN, INT, BIGINT, FLOAT, DOUBLE, DECIMAL(p, s), DATE, TIMESTAMP,
 *       STRING/VARCHAR/TEXT, ARRAY&lt;t&gt;, NOT NULL; DATE and DECIMAL come out not nullable, as in kamu); both at
 *       once are refused with kamu's message "Cannot specify both DDL and ODF schemas at once";
 *   <li>or, without either, inferred from the files the way DataFusion infers it for kamu (kamu-data/kamu-cli:
 *       src/infra/ingest-datafusion/tests/tests/test_reader_csv.rs and test_reader_ndjson.rs), from up to 1000
 *       records of every planned file, read on the machine building the pipeline; every inferred column is
 *       nullable:
 *       <ul>
 *         <li>CSV: names from the header (the same in every file) or {@code column_1, column_2, ...}; all STRING,
 *             or with {@code inferSchema: true} arrow-csv's rules: {@code true/false} BOOLEAN, integers INT64,
 *             integers and decimals DOUBLE, {@code YYYY-MM-DD} DATE, date-times TIMESTAMP (more than 3 fraction
 *             digits: microseconds or nanoseconds), anything else or a mix STRING;
 *         <li>NDJSON/JSON: arrow-json's rules: fields in order of appearance, integers INT64, other numbers DOUBLE,
 *             strings STRING (no date detection), booleans BOOLEAN, arrays ARRAY, objects ROW; mixed scalars
 *             STRING; a field that is always null STRING; objects mixed with other values are an error;
 *         <li>Parquet: the files' own columns (unsigned integers widened to signed ones), merged by name.
 *       </ul>
 * </ul>
 * {@link #schema()} returns the schema without building anything.
 *
 * <h2>Formats and options</h2>
 * <table>
 *   <caption>Read steps</caption>
 *   <tr><th>Step</th><th>Options</th></tr>
 *   <tr><td>{@code Csv}</td><td>{@code separator} (one character, default {@code ,}), {@code quote} (one character or
 *       empty for none, default {@code "}), {@code escape} (one character or empty, default {@code \}),
 *       {@code header} (default false), {@code inferSchema} (default false: STRING columns), {@code nullValue}
 *       (default empty), {@code encoding} ({@code utf8} only), {@code dateFormat}, {@code timestampFormat}; see
 *       {@code CsvFormat}</td></tr>
 *   <tr><td>{@code NdJson}</td><td>{@code encoding}, {@code dateFormat}, {@code timestampFormat}; see
 *       {@code JsonFormat}</td></tr>
 *   <tr><td>{@code Json}</td><td>{@code subPath} ({@code a.b.c}: the array of records inside the document; default
 *       the root), {@code encoding}, {@code dateFormat}, {@code timestampFormat}</td></tr>
 *   <tr><td>{@code Parquet}</td><td>none; see {@code ParquetFormat}</td></tr>
 * </table>
 * {@code dateFormat} and {@code timestampFormat} default to {@code rfc3339}; other values are strftime (with
 * {@code %}) or {@link java.time.format.DateTimeFormatter} patterns ({@code TimeFormat}). kamu refuses anything but
 * {@code rfc3339} and an empty {@code nullValue}, and needs a quote character; these are extensions here.
 * {@code GeoJson}, {@code NdGeoJson} and {@code EsriShapefile} are refused.
 *
 * <h2>Source event time</h2>
 * {@link #withSourceEventTimeColumn} gives each record the {@link FetchedFile#sourceEventTime()} of its file, the
 * value kamu falls back to when a record has no event time (it coalesces the event time column with it,
 * kamu-data/kamu-cli:src/infra/ingest-datafusion/src/writer.rs, {@code with_system_columns}): a column the rows
 * lack is appended (TIMESTAMP NOT NULL); a TIMESTAMP column they have gets its nulls filled; an inferred STRING or
 * integer column is first converted to TIMESTAMP as kamu's {@code preprocess_default} does (see
 * {@code SourceEventTime}). kamu applies the fallback after preprocess and merge; a preprocess query must therefore
 * keep the column to keep the values.
 *
 * <h2>Guarantees</h2>
 * Bounded. Files are read in parallel ({@link FileIO#readMatches()}, then a reshuffle), each file whole by one
 * worker, uncompressed. Records keep no order. Reading fails on the first bad record with a
 * {@link BadInputException} naming the file, the line or record, the column and the value; nothing is skipped.
 * Metrics (namespace {@value #METRICS_NAMESPACE}): {@code files_read}, {@code records_read}.
 *
 * <h2>Limitations</h2>
 * Local files only (a {@link FetchPlan} holds local paths). A file is not split, so one huge file is read by one
 * worker.
 */
public final class ReadFiles extends PTransform<PBegin, PCollection<Row>> {
  private static final long serialVersionUID = 1L;

  /** Namespace of the read's Beam metrics. */
  public static final String METRICS_NAMESPACE = "odf.ingest";

  /** Construction-time only (model records are not serializable). */
  private final transient ReadStep step;
  private final String field;
  private final @Nullable List<FetchedFile> files;
  private final @Nullable String sourceEventTimeColumn;

  private ReadFiles(ReadStep step, String field, @Nullable List<FetchedFile> files,
      @Nullable String sourceEventTimeColumn) {
    this.step = step;
    this.field = field;
    this.files = files;
    this.sourceEventTimeColumn = sourceEventTimeColumn;
  }

  /** Reads with the read step of {@code source}; errors name its manifest field. */
  public static ReadFiles of(IngestSource source) {
    Objects.requireNonNull(source, "source");
    return new ReadFiles(source.read(), source.path() + ".read", null, null);
  }

  /**
   * Reads with a read step outside a manifest; errors name it {@code read}.
   *
   * @throws UnsupportedSourceException if the step uses something not supported
   */
  public static ReadFiles of(ReadStep step) {
    Objects.requireNonNull(step, "step");
    check(step, "read");
    return new ReadFiles(step, "read", null, null);
  }

  /** Reads the files of {@code plan}, with their source event times. */
  public ReadFiles from(FetchPlan plan) {
    Objects.requireNonNull(plan, "from() plan must not be null");
    return from(plan.files());
  }

  /** Reads these files. */
  public ReadFiles from(List<FetchedFile> files) {
    Objects.requireNonNull(files, "from() files must not be null");
    return new ReadFiles(step, field, List.copyOf(files), sourceEventTimeColumn);
  }

  /**
   * Gives every record its file's source event time in {@code column} (see the class doc).
   *
   * @throws IllegalArgumentException if {@code column} is empty
   */
  public ReadFiles withSourceEventTimeColumn(String column) {
    if (column == null || column.isEmpty()) {
      throw new IllegalArgumentException("withSourceEventTimeColumn() needs a column name, but was '" + column + "'");
    }
    return new ReadFiles(step, field, files, column);
  }

  /**
   * The schema of the rows: declared by the read step, or inferred from the files (read now), plus the source
   * event time column.
   *
   * @throws IllegalStateException if no files were given and the schema must be inferred
   * @throws BadInputException if a file cannot be read to infer it
   */
  public Schema schema() {
    Schema data = dataSchema(inputs());
    return sourceEventTimeColumn == null ? data : eventTime(data).output();
  }

  @Override
  public PCollection<Row> expand(PBegin input) {
    List<FetchedFile> fs = requireFiles();
    List<FileFormat.Input> inputs = inputs();
    FileFormat format = format(step, field);
    Schema data = dataSchema(inputs);
    SourceEventTime eventTime = sourceEventTimeColumn == null ? null : eventTime(data);
    Schema output = eventTime == null ? data : eventTime.output();

    List<MatchResult.Metadata> metadata = new ArrayList<>(fs.size());
    HashMap<String, Long> eventTimes = new HashMap<>();
    for (FetchedFile f : fs) {
      Path p = Path.of(f.path());
      try {
        MatchResult.Metadata m = MatchResult.Metadata.builder()
            .setResourceId(FileSystems.matchNewResource(f.path(), false))
            .setSizeBytes(Files.size(p))
            .setIsReadSeekEfficient(true)
            .setLastModifiedMillis(Files.getLastModifiedTime(p).toMillis())
            .build();
        metadata.add(m);
        eventTimes.put(m.resourceId().toString(), f.sourceEventTime().toEpochMilli());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + f.path() + ": " + e.getMessage(), e);
      }
    }
    return input
        .apply("List fetched files", Create.of(metadata).withCoder(MetadataCoderV2.of()))
        .apply("Open fetched files", FileIO.readMatches().withCompression(Compression.UNCOMPRESSED))
        .apply("Spread files over workers", Reshuffle.viaRandomKey())
        .apply("Read " + format.name() + " records",
            ParDo.of(new ReadFileFn(format, data, eventTime, eventTimes)))
        .setRowSchema(output);
  }

  private List<FetchedFile> requireFiles() {
    if (files == null) {
      throw new IllegalStateException("ReadFiles for " + field + ": from() is required");
    }
    return files;
  }

  private List<FileFormat.Input> inputs() {
    List<FileFormat.Input> out = new ArrayList<>();
    if (files != null) {
      for (FetchedFile f : files) {
        out.add(FileFormat.Input.of(Path.of(f.path())));
      }
    }
    return out;
  }

  private Schema dataSchema(List<FileFormat.Input> inputs) {
    FileFormat format = format(step, field);
    Schema declared = declaredSchema(step, field);
    try {
      if (declared != null) {
        format.check(inputs, declared);
        return declared;
      }
      if (files == null) {
        throw new IllegalStateException("ReadFiles for " + field + ": the read step declares no schema, so from()"
            + " is required to infer it");
      }
      return format.infer(inputs);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot infer the schema of " + field + ": " + e.getMessage(), e);
    }
  }

  private SourceEventTime eventTime(Schema data) {
    return SourceEventTime.of(data, sourceEventTimeColumn, declaredSchema(step, field) == null, field);
  }

  // ------------------------------------------------------------------------------------------ checks

  /**
   * Refuses what a read step uses that is not supported; {@code field} is e.g. {@code content.metadata[0].read}.
   *
   * @throws UnsupportedSourceException naming the field
   */
  static void check(ReadStep step, String field) {
    FileFormat format = format(step, field);
    Schema declared = declaredSchema(step, field);
    if (declared != null && format instanceof CsvFormat csv) {
      csv.checkSchema(declared, field + (((ReadStepCsv) step).ddlSchema() != null ? ".ddlSchema" : ".schema"));
    }
  }

  static FileFormat format(ReadStep step, String field) {
    if (step instanceof ReadStepCsv csv) {
      return CsvFormat.of(csv, field);
    } else if (step instanceof ReadStepNdJson nd) {
      checkEncoding(nd.encoding(), field + ".encoding");
      return JsonFormat.ndjson(timeFormat(nd.dateFormat(), field + ".dateFormat"),
          timeFormat(nd.timestampFormat(), field + ".timestampFormat"));
    } else if (step instanceof ReadStepJson json) {
      checkEncoding(json.encoding(), field + ".encoding");
      return JsonFormat.document(json.subPath(), timeFormat(json.dateFormat(), field + ".dateFormat"),
          timeFormat(json.timestampFormat(), field + ".timestampFormat"));
    } else if (step instanceof ReadStepParquet) {
      return new ParquetFormat(TimeFormat.rfc3339(), TimeFormat.rfc3339());
    }
    throw new UnsupportedSourceException(field, "Cannot read with " + field + ": " + IngestSource.kind(step)
        + " read steps are not supported (supported: Csv, NdJson, Json, Parquet)");
  }

  /** The Beam schema a read step declares ({@code schema} or {@code ddlSchema}); null when it declares none. */
  static @Nullable Schema declaredSchema(ReadStep step, String field) {
    DataSchema schema;
    List<String> ddl;
    if (step instanceof ReadStepCsv s) {
      schema = s.schema();
      ddl = s.ddlSchema();
    } else if (step instanceof ReadStepNdJson s) {
      schema = s.schema();
      ddl = s.ddlSchema();
    } else if (step instanceof ReadStepJson s) {
      schema = s.schema();
      ddl = s.ddlSchema();
    } else if (step instanceof ReadStepParquet s) {
      schema = s.schema();
      ddl = s.ddlSchema();
    } else {
      return null;
    }
    String schemaField = field + ".schema";
    if (schema != null && ddl != null) {
      // kamu's message (src/odf/dataset-impl/src/entities/metadata_chain_validators.rs)
      throw new UnsupportedSourceException(field, "Cannot read with " + field + ": Cannot specify both DDL and ODF"
          + " schemas at once (schema and ddlSchema)");
    }
    if (ddl != null) {
      schemaField = field + ".ddlSchema";
      schema = DdlSchema.parse(ddl, schemaField);
    }
    if (schema == null) {
      return null;
    }
    try {
      return OdfSchemas.toBeam(schema);
    } catch (UnsupportedSchemaException e) {
      throw new UnsupportedSourceException(schemaField, "Cannot read with " + schemaField + ": " + e.getMessage());
    }
  }

  static void checkEncoding(@Nullable String encoding, String field) {
    if (encoding != null && !encoding.toLowerCase(Locale.ROOT).replace("-", "").equals("utf8")) {
      throw new UnsupportedSourceException(field, "Cannot read with " + field + " '" + encoding
          + "': only utf8 is supported");
    }
  }

  static TimeFormat timeFormat(@Nullable String format, String field) {
    try {
      return TimeFormat.of(format);
    } catch (IllegalArgumentException e) {
      throw new UnsupportedSourceException(field, "Cannot read with " + field + ": " + e.getMessage());
    }
  }

  // ------------------------------------------------------------------------------------------ worker

  /** Reads one file into rows, adding the source event time if asked. */
  static final class ReadFileFn extends DoFn<FileIO.ReadableFile, Row> {
    private static final long serialVersionUID = 1L;

    private final FileFormat format;
    private final Schema data;
    private final @Nullable SourceEventTime eventTime;
    private final HashMap<String, Long> eventTimes;
    private final Counter filesRead = Metrics.counter(METRICS_NAMESPACE, "files_read");
    private final Counter recordsRead = Metrics.counter(METRICS_NAMESPACE, "records_read");

    ReadFileFn(FileFormat format, Schema data, @Nullable SourceEventTime eventTime,
        HashMap<String, Long> eventTimes) {
      this.format = format;
      this.data = data;
      this.eventTime = eventTime;
      this.eventTimes = eventTimes;
    }

    @ProcessElement
    public void processElement(@Element FileIO.ReadableFile file, OutputReceiver<Row> out) throws IOException {
      String name = file.getMetadata().resourceId().toString();
      Long millis = eventTimes.get(name);
      if (millis == null) {
        throw new IllegalStateException("Cannot read " + name + ": it is not a file of the plan");
      }
      org.joda.time.Instant time = new org.joda.time.Instant(millis);
      FileFormat.Input input = new FileFormat.Input() {
        @Override
        public String name() {
          return name;
        }

        @Override
        public InputStream open() throws IOException {
          return Channels.newInputStream(file.open());
        }

        @Override
        public Path path() {
          return Path.of(name);
        }
      };
      long[] n = {0};
      format.read(input, data, row -> {
        n[0]++;
        out.output(eventTime == null ? row : eventTime.apply(row, time, name, n[0]));
      });
      filesRead.inc();
      recordsRead.inc(n[0]);
    }
  }
}
