package org.odfbeam.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The parallel sample sort numbers records exactly as the single-worker {@link AssignOffsets} and as a plain-Java
 * sort by {@link SortKey}, whatever the range size, slice size and input order.
 */
@ExtendWith(TestPipelineExtension.class)
class AssignOffsetsInParallelTest {
  static final Schema INPUT = Schema.builder()
      .addNullableField("event_time", FieldType.DATETIME)
      .addStringField("city")
      .addNullableField("population", FieldType.INT64)
      .build();

  /** 300 distinct records, some repeated up to three times, null event times and shared event times, shuffled. */
  static List<Row> shuffledRecordsWithDuplicates(long seed) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Instant t = i % 11 == 0 ? null : new Instant(1_000L * random.nextInt(40) - 20_000L); // negatives too
      Row r = Row.withSchema(INPUT).addValues(t, "c" + random.nextInt(60), i % 7 == 0 ? null : (long) (i % 13))
          .build();
      for (int copies = 1 + (i % 5 == 0 ? 2 : 0) + (i % 3 == 0 ? 1 : 0); copies > 0; copies--) {
        rows.add(r);
      }
    }
    Collections.shuffle(rows, random);
    return rows;
  }

  static WriteSettings settings(long maxRecordsPerSlice) {
    return OdfIO.write().to("/unused").withMaxRecordsPerSlice(maxRecordsPerSlice).settings(INPUT);
  }

  /** The expected output: a plain-Java sort by SortKey, numbered, keyed by slice. */
  static List<KV<Long, KV<Long, Row>>> sortedInPlainJava(List<Row> rows, WriteSettings settings) {
    RowCoder coder = RowCoder.of(INPUT);
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort((a, b) -> SortKey.of(a, coder, settings.eventTimeColumn())
        .compareTo(SortKey.of(b, coder, settings.eventTimeColumn())));
    List<KV<Long, KV<Long, Row>>> out = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      out.add(KV.of(i / settings.maxRecordsPerSlice(), KV.of((long) i, sorted.get(i))));
    }
    return out;
  }

  /** The single-worker stage as OdfWrite applies it (the reference). */
  static PCollection<KV<Long, KV<Long, Row>>> singleWorker(PCollection<Row> rows, WriteSettings settings, String name) {
    RowCoder rowCoder = RowCoder.of(INPUT);
    return rows
        .apply(name + ": key all records alike", WithKeys.<Integer, Row>of(0))
        .setCoder(KvCoder.of(VarIntCoder.of(), rowCoder))
        .apply(name + ": gather all records", GroupByKey.create())
        .apply(name + ": assign offsets", ParDo.of(new AssignOffsets(settings)))
        .setCoder(KvCoder.of(VarLongCoder.of(), KvCoder.of(VarLongCoder.of(), rowCoder)));
  }

  @Test
  void numbersRecordsExactlyAsTheSingleWorkerSortForEveryRangeAndSliceSize(TestPipeline p) {
    List<Row> rows = shuffledRecordsWithDuplicates(42);
    PCollection<Row> input = p.apply("Records", Create.of(rows).withRowSchema(INPUT));
    PCollection<Row> reversed = p.apply("Records reversed", Create.of(reversed(rows)).withRowSchema(INPUT));
    for (long perSlice : new long[] {1, 7, 64, 1_000_000}) {
      WriteSettings settings = settings(perSlice);
      List<KV<Long, KV<Long, Row>>> expected = sortedInPlainJava(rows, settings);
      PAssert.that("single worker, slices of " + perSlice, singleWorker(input, settings, "Single " + perSlice))
          .containsInAnyOrder(expected);
      // Ranges of 1 (every distinct record a split point), 20 and the default (one range for this little data).
      long perRange = perSlice == 1 ? 1 : perSlice == 7 ? 20 : perSlice == 64 ? 64 : 0;
      AssignOffsetsInParallel parallel = perRange == 0
          ? AssignOffsetsInParallel.of(settings) : AssignOffsetsInParallel.of(settings).withRecordsPerRange(perRange);
      String name = "Parallel " + perSlice + "/" + perRange;
      PAssert.that(name, input.apply(name, parallel)).containsInAnyOrder(expected);
      PAssert.that(name + " reversed input", reversed.apply(name + " reversed", parallel))
          .containsInAnyOrder(expected);
    }
    p.run().waitUntilFinish();
  }

  @Test
  void withoutAnEventTimeColumnTheEncodingAloneOrdersRecords(TestPipeline p) {
    Schema noTime = Schema.builder().addStringField("city").addInt64Field("population").build();
    List<Row> rows = new ArrayList<>();
    for (Row r : shuffledRecordsWithDuplicates(7)) {
      rows.add(Row.withSchema(noTime).addValues(r.getString("city"), (long) r.getString("city").length()).build());
    }
    WriteSettings settings = OdfIO.write().to("/unused").withMaxRecordsPerSlice(10).settings(noTime);
    assertThat(settings.eventTimeColumn(), equalTo(null));
    RowCoder coder = RowCoder.of(noTime);
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort((a, b) -> SortKey.of(a, coder, null).compareTo(SortKey.of(b, coder, null)));
    List<KV<Long, KV<Long, Row>>> expected = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      expected.add(KV.of(i / 10L, KV.of((long) i, sorted.get(i))));
    }
    PAssert.that(p.apply(Create.of(rows).withRowSchema(noTime))
            .apply(AssignOffsetsInParallel.of(settings).withRecordsPerRange(8)))
        .containsInAnyOrder(expected);
    p.run().waitUntilFinish();
  }

  @Test
  void emptyInputGivesNoRecords(TestPipeline p) {
    PAssert.that(p.apply(Create.empty(INPUT)).apply(AssignOffsetsInParallel.of(settings(5)).withRecordsPerRange(3)))
        .empty();
    p.run().waitUntilFinish();
  }

  @Test
  void splitPointsCutTheTestDataIntoManyOrderedRanges() {
    List<Row> rows = shuffledRecordsWithDuplicates(42);
    RowCoder coder = RowCoder.of(INPUT);
    List<byte[]> keys = new ArrayList<>();
    for (Row r : rows) {
      keys.add(SortKey.of(r, coder, "event_time").toOrderedBytes());
    }
    AssignOffsetsInParallel.ChooseSplitPoints choose = new AssignOffsetsInParallel.ChooseSplitPoints(20);
    List<byte[]> acc = choose.createAccumulator();
    keys.forEach(k -> choose.addInput(acc, k));
    List<byte[]> splits = choose.extractOutput(choose.mergeAccumulators(List.of(acc)));
    assertThat(splits.size(), greaterThan(10));
    for (int i = 1; i < splits.size(); i++) {
      assertThat(SortKey.compareOrdered(splits.get(i - 1), splits.get(i)), lessThan(0));
    }
    keys.sort(SortKey::compareOrdered);
    int previous = 0;
    for (byte[] k : keys) {
      int range = AssignOffsetsInParallel.range(splits, k);
      assertThat(range >= previous, is(true));
      previous = range;
    }
    assertThat(previous, is(splits.size()));
    assertThat(AssignOffsetsInParallel.range(splits, splits.get(0)), is(1));
  }

  @Test
  void orderedBytesOrderEqualsSortKeyOrderAndDecodeToTheRecord() {
    RowCoder coder = RowCoder.of(INPUT);
    List<Row> rows = shuffledRecordsWithDuplicates(3);
    rows.add(Row.withSchema(INPUT).addValues(new Instant(Long.MIN_VALUE + 1), "min", 1L).build());
    rows.add(Row.withSchema(INPUT).addValues(new Instant(-1L), "neg", 1L).build());
    rows.add(Row.withSchema(INPUT).addValues(new Instant(0L), "zero", 1L).build());
    for (int i = 0; i < rows.size(); i++) {
      SortKey a = SortKey.of(rows.get(i), coder, "event_time");
      SortKey b = SortKey.of(rows.get((i * 31 + 7) % rows.size()), coder, "event_time");
      assertThat(Integer.signum(SortKey.compareOrdered(a.toOrderedBytes(), b.toOrderedBytes())),
          is(Integer.signum(a.compareTo(b))));
      assertThat(SortKey.rowOf(a.toOrderedBytes(), coder), equalTo(rows.get(i)));
    }
    assertThat(SortKey.contentHash(new byte[] {1}) != SortKey.contentHash(new byte[] {2}), is(true));
  }

  private static List<Row> reversed(List<Row> rows) {
    List<Row> r = new ArrayList<>(rows);
    Collections.reverse(r);
    return r;
  }
}
