package org.odfbeam.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.core.chain.BlockRef;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.model.DataSlice;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.core.storage.ObjectKind;

/**
 * The committed slices do not depend on how the offset sort splits the records into ranges: with one range for
 * all, ranges of a few records (slices then take records from several ranges) and every distinct record its own
 * range, the write stores the same files (offsets, records, hashes) in the single-worker order, and the records as
 * stored ({@code withCheckpointOfWrittenRecords}) are the same too.
 */
class OdfWriteRangeSizeTest {
  private static final Instant T0 = OdfWriteTest.SYSTEM_TIME;

  @TempDir
  Path tmp;

  /** Every stored record as "offset city population event-millis", one line each, sorted by offset. */
  private static final class DescribeRecords extends PTransform<PCollection<Row>, PCollection<byte[]>> {
    @Override
    public PCollection<byte[]> expand(PCollection<Row> records) {
      return records
          .apply(MapElements.into(TypeDescriptor.of(String.class)).via((Row r) -> r.getInt64("offset") + " "
              + r.getString("city") + " " + r.getInt64("population") + " " + r.getDateTime("event_time").getMillis()))
          .apply(Combine.globally(new Lines()))
          .apply(MapElements.into(TypeDescriptor.of(byte[].class))
              .via((String s) -> s.getBytes(StandardCharsets.UTF_8)))
          .setCoder(ByteArrayCoder.of());
    }
  }

  /** Joins lines (of inputs that may hold several) ordered by their leading number. */
  private static final class Lines implements SerializableFunction<Iterable<String>, String> {
    @Override
    public String apply(Iterable<String> parts) {
      TreeMap<Long, String> byOffset = new TreeMap<>();
      for (String part : parts) {
        for (String line : part.split("\n")) {
          if (!line.isEmpty()) {
            byOffset.put(Long.parseLong(line.substring(0, line.indexOf(' '))), line);
          }
        }
      }
      return String.join("\n", byOffset.values());
    }
  }

  private String write(List<Row> rows, long perSlice, long perRange) {
    String dataset = tmp.resolve("ds-" + perSlice + "-" + perRange).toString();
    OdfWrite write = OdfIO.write().withSystemTime(T0).withMaxRecordsPerSlice(perSlice)
        .withCheckpointOfWrittenRecords(new DescribeRecords());
    if (perRange > 0) {
      write = write.withRecordsPerRange(perRange);
    }
    OdfWriteTest.run(dataset, rows, AssignOffsetsInParallelTest.INPUT, write);
    return dataset;
  }

  private static String checkpointOfHead(String dataset) {
    AddData last = null;
    for (BlockRef b : OdfWriteTest.forward(dataset)) {
      if (b.block().event() instanceof AddData a) {
        last = a;
      }
    }
    return new String(LocalFsDatasetStorage.open(dataset).readObject(ObjectKind.CHECKPOINT,
        last.newCheckpoint().physicalHash()), StandardCharsets.UTF_8);
  }

  @Test
  void everyRangeSizeWritesTheSameSlicesAsTheSingleWorkerOrder() {
    List<Row> rows = AssignOffsetsInParallelTest.shuffledRecordsWithDuplicates(42);
    for (long perSlice : new long[] {3, 7, 64}) {
      WriteSettings settings = AssignOffsetsInParallelTest.settings(perSlice);
      List<KV<Long, KV<Long, Row>>> expected = AssignOffsetsInParallelTest.sortedInPlainJava(rows, settings);
      List<String> lines = new ArrayList<>();
      for (KV<Long, KV<Long, Row>> e : expected) {
        Row r = e.getValue().getValue();
        long millis = r.getDateTime("event_time") == null ? T0.toEpochMilli() : r.getDateTime("event_time").getMillis();
        lines.add(e.getValue().getKey() + " " + r.getString("city") + " " + r.getInt64("population") + " " + millis);
      }
      String expectedRecords = String.join("\n", lines);

      // One range for all, then ranges that cut slices.
      String whole = write(rows, perSlice, 0);
      List<DataSlice> slices = OdfWriteTest.slices(whole);
      assertThat(slices, hasSize((int) ((rows.size() + perSlice - 1) / perSlice)));
      for (int s = 0; s < slices.size(); s++) {
        assertThat(slices.get(s).offsetInterval().start(), is(s * perSlice));
        assertThat(slices.get(s).offsetInterval().end(), is(Math.min((s + 1) * perSlice, rows.size()) - 1));
      }
      assertThat(checkpointOfHead(whole), equalTo(expectedRecords));
      List<Row> stored = OdfWriteTest.readAll(whole);
      for (int i = 0; i < stored.size(); i++) {
        Row in = expected.get(i).getValue().getValue();
        assertThat(stored.get(i).getInt64("offset"), is((long) i));
        assertThat(stored.get(i).getString("city"), equalTo(in.getString("city")));
        assertThat(stored.get(i).getInt64("population"), equalTo(in.getInt64("population")));
      }
      OdfWriteTest.assertVerifies(whole);

      for (long perRange : new long[] {1, 5, 20, 100}) {
        String ranged = write(rows, perSlice, perRange);
        assertThat("slices of " + perSlice + ", ranges of " + perRange, OdfWriteTest.slices(ranged), equalTo(slices));
        assertThat(checkpointOfHead(ranged), equalTo(expectedRecords));
        OdfWriteTest.assertVerifies(ranged);
      }
    }
  }
}
