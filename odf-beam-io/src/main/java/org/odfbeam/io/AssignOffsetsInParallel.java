package org.odfbeam.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.core.model.Nullable;

/**
 * Numbers the records of a commit in {@link SortKey} order, in parallel: the same numbers and slice keys as a
 * single-worker global sort (the tests' reference, {@code AssignOffsets}), without gathering the records on one
 * worker. Output: {@code KV(slice index, KV(number, record))}, numbers 0, 1, 2, … relative to the commit's first
 * offset and slice index = number / {@code maxRecordsPerSlice}. {@link OdfWrite} uses {@link #numberedKeys}, the
 * same with each record still in its sort key form, then {@code GroupByKey} and {@link WriteSlices.OfKeys}.
 *
 * <h2>Algorithm (a deterministic sample sort)</h2>
 * <ol>
 *   <li><b>Encode.</b> Each record becomes its sort key as one byte string ({@link SortKey#toOrderedBytes}: event
 *       time, then the {@link RowCoder} encoding), whose unsigned byte order is the offset order and which decodes
 *       back to the record.
 *   <li><b>Sample.</b> A key is a sample iff {@link SortKey#contentHash} of it is divisible by {@code k} =
 *       max(1, recordsPerRange / {@value #SAMPLES_PER_RANGE}). Whether a key is sampled depends only on its bytes,
 *       never on bundles, order or parallelism. One worker collects the distinct samples (about N / k keys), sorts
 *       them and takes every {@code recordsPerRange / k}-th as a split point (a side input).
 *   <li><b>Partition.</b> A key goes to range {@code r} = the number of split points &lt;= it, so range {@code r}
 *       holds exactly the keys in [split r-1, split r) and every key of range {@code r} precedes every key of range
 *       {@code r + 1}. Copies of one record always share a range.
 *   <li><b>Count.</b> Records per range (a combiner), as a side input map; the first number of range {@code r} is the
 *       sum of the counts of ranges below {@code r}.
 *   <li><b>Sort each range</b> on its own worker ({@code GroupByKey} by range) and number its records from that
 *       first number; a record numbered {@code n} goes to slice {@code n / maxRecordsPerSlice}, so a range may feed
 *       two slices and a slice may take records from several ranges.
 * </ol>
 * Concatenating the sorted ranges in range order is the sorted whole, so every record gets the number the
 * single-worker sort gives it; records with equal keys are identical, so their relative order is invisible. The
 * split points only decide how the work is spread, never the result: the numbers, slices, files and logical hashes
 * are the same for any sampling, runner and parallelism.
 *
 * <p>Records travel as their sort keys (bytes) from step 1 on and are decoded back to {@code Row}s once, where they
 * are written ({@link SortKey#rowOf}); the split points side input is read once per window and bundle.
 *
 * <p>Memory: one worker holds the samples (about 16 N / recordsPerRange keys); each range worker holds one range,
 * about recordsPerRange records when keys are spread. A range cannot split copies of one record, so a record
 * repeated millions of times makes its range that large.
 */
final class AssignOffsetsInParallel
    extends PTransform<PCollection<Row>, PCollection<KV<Long, KV<Long, Row>>>> {
  private static final long serialVersionUID = 1L;

  /** Expected samples between two split points. */
  static final int SAMPLES_PER_RANGE = 16;
  /** Fewest records a range aims at (tiny slices must not make one worker hold every key as a sample). */
  static final long MIN_RECORDS_PER_RANGE = 100_000;
  /** Most records a range aims at (huge slices must not make one worker sort them all). */
  static final long MAX_RECORDS_PER_RANGE = 1_000_000;

  private final WriteSettings settings;
  private final long recordsPerRange;

  private AssignOffsetsInParallel(WriteSettings settings, long recordsPerRange) {
    this.settings = settings;
    this.recordsPerRange = recordsPerRange;
  }

  /** Ranges of about {@code maxRecordsPerSlice} records, kept within [100,000, 1,000,000]. */
  static AssignOffsetsInParallel of(WriteSettings settings) {
    return new AssignOffsetsInParallel(settings, Math.min(MAX_RECORDS_PER_RANGE,
        Math.max(MIN_RECORDS_PER_RANGE, settings.maxRecordsPerSlice())));
  }

  /** The same transform aiming at ranges of {@code records} records (tests use small ranges). */
  AssignOffsetsInParallel withRecordsPerRange(long records) {
    if (records < 1) {
      throw new IllegalArgumentException("withRecordsPerRange() must be > 0, but was " + records);
    }
    return new AssignOffsetsInParallel(settings, records);
  }

  @Override
  public PCollection<KV<Long, KV<Long, Row>>> expand(PCollection<Row> input) {
    return input
        .apply("Number sort keys", numberedKeys())
        .apply("Decode records", ParDo.of(new DecodeRecords(settings)))
        .setCoder(KvCoder.of(VarLongCoder.of(), KvCoder.of(VarLongCoder.of(), RowCoder.of(settings.inputSchema()))));
  }

  /**
   * The same numbering with each record still in its {@link SortKey#toOrderedBytes} form: {@code KV(slice index,
   * KV(number, sort key))}, decoded by {@link SortKey#rowOf} ({@link WriteSlices.OfKeys} decodes once, where the
   * record is written, so the shuffle between numbering and writing moves bytes, not {@code Row}s).
   */
  PTransform<PCollection<Row>, PCollection<KV<Long, KV<Long, byte[]>>>> numberedKeys() {
    return new NumberedKeys();
  }

  /** The sort keys grouped by range (steps 1-3 of the algorithm), and the number of records of each range. */
  record Ranges(PCollection<KV<Integer, Iterable<byte[]>>> grouped, PCollectionView<Map<Integer, Long>> counts) {}

  /** Applies steps 1-4 (encode, sample, partition, count) to {@code input} and groups the keys by range. */
  Ranges ranges(PCollection<Row> input) {
    long k = Math.max(1, recordsPerRange / SAMPLES_PER_RANGE);
    long step = Math.max(1, recordsPerRange / k);

    PCollection<byte[]> keys = input
        .apply("Encode sort keys", ParDo.of(new EncodeSortKeys(settings)))
        .setCoder(ByteArrayCoder.of());
    PCollectionView<List<byte[]>> splits = keys
        .apply("Sample sort keys by hash", ParDo.of(new SampleByHash(k)))
        .setCoder(ByteArrayCoder.of())
        .apply("Choose split points", Combine.globally(new ChooseSplitPoints(step)).asSingletonView());
    PCollection<KV<Integer, byte[]>> ranged = keys
        .apply("Partition keys by range", ParDo.of(new PartitionByRange(splits)).withSideInputs(splits))
        .setCoder(KvCoder.of(VarIntCoder.of(), ByteArrayCoder.of()));
    PCollectionView<Map<Integer, Long>> counts = ranged
        .apply("Count records per range", Count.perKey())
        .setCoder(KvCoder.of(VarIntCoder.of(), VarLongCoder.of()))
        .apply("Share range counts", View.asMap());
    return new Ranges(ranged.apply("Group keys by range", GroupByKey.create()), counts);
  }

  private final class NumberedKeys extends PTransform<PCollection<Row>, PCollection<KV<Long, KV<Long, byte[]>>>> {
    private static final long serialVersionUID = 1L;

    @Override
    public PCollection<KV<Long, KV<Long, byte[]>>> expand(PCollection<Row> input) {
      Ranges ranges = ranges(input);
      return ranges.grouped()
          .apply("Sort and number each range", ParDo.of(new NumberRange(settings.maxRecordsPerSlice(),
              ranges.counts())).withSideInputs(ranges.counts()))
          .setCoder(KvCoder.of(VarLongCoder.of(), KvCoder.of(VarLongCoder.of(), ByteArrayCoder.of())));
    }
  }

  /** The first number of {@code range}: the records of all ranges below it. */
  static long firstNumber(Map<Integer, Long> counts, int range) {
    long first = 0;
    for (Map.Entry<Integer, Long> e : counts.entrySet()) {
      if (e.getKey() < range) {
        first += e.getValue();
      }
    }
    return first;
  }

  /** The keys of one range in order. */
  static List<byte[]> sorted(Iterable<byte[]> keys) {
    List<byte[]> list = new ArrayList<>();
    keys.forEach(list::add);
    list.sort(SortKey::compareOrdered);
    return list;
  }

  /** Record -> {@link SortKey#toOrderedBytes}. */
  private static final class EncodeSortKeys extends DoFn<Row, byte[]> {
    private static final long serialVersionUID = 1L;
    private final WriteSettings settings;
    private transient RowCoder coder;

    EncodeSortKeys(WriteSettings settings) {
      this.settings = settings;
    }

    @Setup
    public void setup() {
      coder = RowCoder.of(settings.inputSchema());
    }

    @ProcessElement
    public void processElement(@Element Row row, OutputReceiver<byte[]> out) {
      out.output(SortKey.of(row, coder, settings.eventTimeColumn(), settings.orderBy()).toOrderedBytes());
    }
  }

  /** Keeps the keys whose content hash is divisible by {@code k}. */
  private static final class SampleByHash extends DoFn<byte[], byte[]> {
    private static final long serialVersionUID = 1L;
    private final long k;

    SampleByHash(long k) {
      this.k = k;
    }

    @ProcessElement
    public void processElement(@Element byte[] key, OutputReceiver<byte[]> out) {
      if (Long.remainderUnsigned(SortKey.contentHash(key), k) == 0) {
        out.output(key);
      }
    }
  }

  /** Samples -> sorted distinct samples -> every {@code step}-th one (from the {@code step}-th) as split points. */
  static final class ChooseSplitPoints extends Combine.CombineFn<byte[], List<byte[]>, List<byte[]>> {
    private static final long serialVersionUID = 1L;
    private final long step;

    ChooseSplitPoints(long step) {
      this.step = step;
    }

    @Override
    public List<byte[]> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<byte[]> addInput(List<byte[]> acc, byte[] key) {
      acc.add(key);
      return acc;
    }

    @Override
    public List<byte[]> mergeAccumulators(Iterable<List<byte[]>> accs) {
      List<byte[]> all = new ArrayList<>();
      accs.forEach(all::addAll);
      return all;
    }

    @Override
    public List<byte[]> extractOutput(List<byte[]> acc) {
      List<byte[]> sorted = new ArrayList<>(acc);
      sorted.sort(SortKey::compareOrdered);
      List<byte[]> distinct = new ArrayList<>();
      for (byte[] key : sorted) {
        if (distinct.isEmpty() || SortKey.compareOrdered(distinct.get(distinct.size() - 1), key) != 0) {
          distinct.add(key);
        }
      }
      List<byte[]> splits = new ArrayList<>();
      for (long i = step; i < distinct.size(); i += step) {
        splits.add(distinct.get((int) i));
      }
      return splits;
    }

    @Override
    public Coder<List<byte[]>> getAccumulatorCoder(CoderRegistry registry, Coder<byte[]> inputCoder) {
      return ListCoder.of(ByteArrayCoder.of());
    }

    @Override
    public Coder<List<byte[]>> getDefaultOutputCoder(CoderRegistry registry, Coder<byte[]> inputCoder) {
      return ListCoder.of(ByteArrayCoder.of());
    }
  }

  /**
   * Key -> KV(range, key): range = number of split points &lt;= key. The split points are read from the side input
   * once per window and bundle, not per element: a side input is immutable once available, and some runners do
   * real work on every {@code sideInput()} call (Flink builds an error message string each time).
   */
  private static final class PartitionByRange extends DoFn<byte[], KV<Integer, byte[]>> {
    private static final long serialVersionUID = 1L;
    private final PCollectionView<List<byte[]>> splits;
    private transient @Nullable List<byte[]> cachedSplits;
    private transient @Nullable BoundedWindow cachedWindow;

    PartitionByRange(PCollectionView<List<byte[]>> splits) {
      this.splits = splits;
    }

    @StartBundle
    public void startBundle() {
      cachedSplits = null;
      cachedWindow = null;
    }

    @ProcessElement
    public void processElement(ProcessContext c, BoundedWindow window) {
      List<byte[]> points = cachedSplits;
      if (points == null || !window.equals(cachedWindow)) {
        points = c.sideInput(splits);
        cachedSplits = points;
        cachedWindow = window;
      }
      c.output(KV.of(range(points, c.element()), c.element()));
    }
  }

  /** The range of {@code key} among sorted, distinct {@code splits}. */
  static int range(List<byte[]> splits, byte[] key) {
    int i = Collections.binarySearch(splits, key, SortKey::compareOrdered);
    return i >= 0 ? i + 1 : -(i + 1);
  }

  /** One range's keys -> sorted -> KV(slice, KV(number, key)) from the range's first number. */
  private static final class NumberRange
      extends DoFn<KV<Integer, Iterable<byte[]>>, KV<Long, KV<Long, byte[]>>> {
    private static final long serialVersionUID = 1L;
    private final long perSlice;
    private final PCollectionView<Map<Integer, Long>> counts;

    NumberRange(long perSlice, PCollectionView<Map<Integer, Long>> counts) {
      this.perSlice = perSlice;
      this.counts = counts;
    }

    @ProcessElement
    public void processElement(ProcessContext c) {
      long first = firstNumber(c.sideInput(counts), c.element().getKey());
      List<byte[]> keys = sorted(c.element().getValue());
      for (int i = 0; i < keys.size(); i++) {
        long n = first + i;
        c.output(KV.of(n / perSlice, KV.of(n, keys.get(i))));
      }
    }
  }

  /** KV(slice, KV(number, key)) -> KV(slice, KV(number, record)). */
  private static final class DecodeRecords extends DoFn<KV<Long, KV<Long, byte[]>>, KV<Long, KV<Long, Row>>> {
    private static final long serialVersionUID = 1L;
    private final WriteSettings settings;
    private transient RowCoder coder;

    DecodeRecords(WriteSettings settings) {
      this.settings = settings;
    }

    @Setup
    public void setup() {
      coder = RowCoder.of(settings.inputSchema());
    }

    @ProcessElement
    public void processElement(@Element KV<Long, KV<Long, byte[]>> e, OutputReceiver<KV<Long, KV<Long, Row>>> out) {
      Row row = SortKey.rowOf(e.getValue().getValue(), coder, settings.orderBy() != null);
      out.output(KV.of(e.getKey(), KV.of(e.getValue().getKey(), row)));
    }
  }
}
