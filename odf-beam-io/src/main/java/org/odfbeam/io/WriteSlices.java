package org.odfbeam.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Instant;
import org.joda.time.ReadableInstant;
import org.odfbeam.core.model.DataSlice;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.data.OdfSchemas;
import org.odfbeam.data.SliceFile;
import org.odfbeam.data.SliceWriter;

/**
 * Writes one data slice per input element (the numbered records of one slice) and stores it in the dataset's
 * {@code data/} under its physical hash; runs in parallel across slices.
 *
 * <p>The Parquet file is written to {@code <dataset>/.staging/<uuid>.parquet} (kamu ignores dot-directories) and
 * then moved in: a retried bundle writes the same content under the same name, and an abandoned attempt leaves at
 * most a file no block references. Rows are written in the plan's target schema, system columns named by the
 * write's vocabulary: offset, op (from the input's operation type column or 0 = append), the plan's system time,
 * event time (from the configured or computed column, or the system time), then the data columns by name (null for
 * columns the input lacks).
 *
 * <p>Constructed with a records schema ({@link OdfWrite#withCheckpointOfWrittenRecords}), it also emits every
 * record as stored (to {@link #RECORDS}, in the target schema, which must be the one the pipeline was built for).
 */
final class WriteSlices extends DoFn<KV<Long, Iterable<KV<Long, Row>>>, WrittenSlice> {
  private static final long serialVersionUID = 1L;
  static final String STAGING_DIR = ".staging";

  private final Counter records = Metrics.counter(OdfWrite.METRICS_NAMESPACE, "records_written");
  private final Counter bytes = Metrics.counter(OdfWrite.METRICS_NAMESPACE, "bytes_written");
  private final Counter slices = Metrics.counter(OdfWrite.METRICS_NAMESPACE, "slices_written");

  /** The main output: one descriptor per slice written. */
  static final TupleTag<WrittenSlice> SLICES = new TupleTag<>("slices");
  /** The additional output of the records as stored, when a records schema is given. */
  static final TupleTag<Row> RECORDS = new TupleTag<>("records");

  private final WriteSettings settings;
  private final PCollectionView<WritePlan> planView;
  private final @Nullable Schema recordsSchema;

  WriteSlices(WriteSettings settings, PCollectionView<WritePlan> planView) {
    this(settings, planView, null);
  }

  /** With {@code recordsSchema} non-null, also emits the stored records to {@link #RECORDS}. */
  WriteSlices(WriteSettings settings, PCollectionView<WritePlan> planView, @Nullable Schema recordsSchema) {
    this.settings = settings;
    this.planView = planView;
    this.recordsSchema = recordsSchema;
  }

  @ProcessElement
  public void processElement(ProcessContext c) {
    WritePlan plan = c.sideInput(planView);
    KV<Long, Iterable<KV<Long, Row>>> element = c.element();
    List<KV<Long, Row>> rows = new ArrayList<>();
    element.getValue().forEach(rows::add);
    rows.sort(Comparator.comparing(KV::getKey));
    WrittenSlice written = write(settings, plan, element.getKey(), rows, r -> r, stored(c, settings, plan,
        recordsSchema));
    records.inc(written.records());
    bytes.inc(written.slice().size());
    slices.inc();
    c.output(written);
  }

  /**
   * {@link WriteSlices} for records still in their {@link SortKey#toOrderedBytes} form, as
   * {@link AssignOffsetsInParallel#numberedKeys} numbers them: each record is decoded once, right before it is
   * written. Same files, same output.
   */
  static final class OfKeys extends DoFn<KV<Long, Iterable<KV<Long, byte[]>>>, WrittenSlice> {
    private static final long serialVersionUID = 1L;

    private final Counter records = Metrics.counter(OdfWrite.METRICS_NAMESPACE, "records_written");
    private final Counter bytes = Metrics.counter(OdfWrite.METRICS_NAMESPACE, "bytes_written");
    private final Counter slices = Metrics.counter(OdfWrite.METRICS_NAMESPACE, "slices_written");

    private final WriteSettings settings;
    private final PCollectionView<WritePlan> planView;
    private final @Nullable Schema recordsSchema;
    private transient RowCoder coder;

    /** With {@code recordsSchema} non-null, also emits the stored records to {@link #RECORDS}. */
    OfKeys(WriteSettings settings, PCollectionView<WritePlan> planView, @Nullable Schema recordsSchema) {
      this.settings = settings;
      this.planView = planView;
      this.recordsSchema = recordsSchema;
    }

    @Setup
    public void setup() {
      coder = RowCoder.of(settings.inputSchema());
    }

    @ProcessElement
    public void processElement(ProcessContext c) {
      WritePlan plan = c.sideInput(planView);
      KV<Long, Iterable<KV<Long, byte[]>>> element = c.element();
      List<KV<Long, byte[]>> keys = new ArrayList<>();
      element.getValue().forEach(keys::add);
      keys.sort(Comparator.comparing(KV::getKey));
      boolean prefixed = settings.orderBy() != null;
      WrittenSlice written = write(settings, plan, element.getKey(), keys, k -> SortKey.rowOf(k, coder, prefixed),
          stored(c, settings, plan, recordsSchema));
      records.inc(written.records());
      bytes.inc(written.slice().size());
      slices.inc();
      c.output(written);
    }
  }

  /**
   * Where the stored records go: to {@link #RECORDS} when {@code recordsSchema} is given (checked against the plan's
   * target schema), else nowhere.
   */
  static @Nullable Consumer<Row> stored(DoFn<?, WrittenSlice>.ProcessContext c, WriteSettings settings,
      WritePlan plan, @Nullable Schema recordsSchema) {
    if (recordsSchema == null) {
      return null;
    }
    if (!OdfSchemas.sameColumns(plan.targetSchema(), recordsSchema)) {
      throw new IllegalStateException("Cannot write to dataset " + settings.dataset() + ": its schema changed"
          + " after the pipeline was built (the write was built for " + SchemaEvolution.describe(recordsSchema)
          + ", the dataset now needs " + SchemaEvolution.describe(plan.targetSchema()) + "); nothing was"
          + " committed; re-run the pipeline");
    }
    return r -> c.output(RECORDS, r);
  }

  /**
   * Writes one slice: {@code numbered} are its records in number order (numbers relative to the plan's first
   * offset), each turned into the input row by {@code decode}; stores the file in {@code data/}.
   */
  static <T> WrittenSlice write(WriteSettings settings, WritePlan plan, long index, List<KV<Long, T>> numbered,
      Function<T, Row> decode, @Nullable Consumer<Row> stored) {
    LocalFsDatasetStorage storage = LocalFsDatasetStorage.open(settings.dataset());
    storage.init();
    Path staging = storage.root().resolve(STAGING_DIR);
    try {
      Files.createDirectories(staging);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create staging directory " + staging + ": " + e, e);
    }
    Schema target = plan.targetSchema();
    Instant systemTime = new Instant(plan.systemTime().toEpochMilli());
    long first = plan.firstOffset() + numbered.get(0).getKey();
    Long maxEventTime = null;
    Schema inputSchema = null;
    int[] columns = null;
    try (SliceWriter.Session session = SliceWriter.of(target, settings.vocabulary())
        .open(staging.resolve(UUID.randomUUID() + ".parquet"), first)) {
      for (KV<Long, T> record : numbered) {
        Row in = decode.apply(record.getValue());
        ReadableInstant eventTime = settings.eventTimeColumn() == null
            ? null : in.getDateTime(settings.eventTimeColumn());
        if (eventTime == null) {
          eventTime = systemTime; // kamu's fallback for records without an event time
        }
        if (eventTime != null && (maxEventTime == null || eventTime.getMillis() > maxEventTime)) {
          maxEventTime = eventTime.getMillis();
        }
        Object[] values = new Object[target.getFieldCount()];
        values[0] = plan.firstOffset() + record.getKey();
        values[1] = settings.opColumn() == null ? 0 : in.getInt32(settings.opColumn());
        values[2] = systemTime;
        values[3] = eventTime.toInstant(); // the internal form of DATETIME (getDateTime gives a DateTime)
        if (in.getSchema() != inputSchema) {
          inputSchema = in.getSchema();
          columns = columnsOf(target, inputSchema);
        }
        for (int i = 4; i < values.length; i++) {
          values[i] = columns[i] < 0 ? null : in.getValue(columns[i]);
        }
        Row row = Row.withSchema(target).attachValues(values);
        session.write(row);
        if (stored != null) {
          stored.accept(row);
        }
      }
      SliceFile file = session.finish().orElseThrow();
      DataSlice slice = file.slice();
      storage.moveDataIn(slice.physicalHash(), file.file());
      return new WrittenSlice(index, slice, maxEventTime);
    }
  }

  /** For each column of {@code target}, its index in {@code input}, or -1 if the input lacks it. */
  private static int[] columnsOf(Schema target, Schema input) {
    int[] columns = new int[target.getFieldCount()];
    for (int i = 0; i < columns.length; i++) {
      String name = target.getField(i).getName();
      columns[i] = input.hasField(name) ? input.indexOf(name) : -1;
    }
    return columns;
  }
}
