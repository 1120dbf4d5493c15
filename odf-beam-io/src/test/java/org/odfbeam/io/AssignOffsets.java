package org.odfbeam.io;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;

/**
 * Orders all records of a commit by their {@link SortKey} and numbers them 0, 1, 2, … (relative to the commit's
 * first offset), keyed by the slice each lands in ({@code number / maxRecordsPerSlice}).
 *
 * <p>Input: every record under one key. This is the single-worker form: one worker holds all records of the commit
 * (and their encodings) in memory while sorting. {@link AssignOffsetsInParallel} gives exactly the same output
 * (same numbers, same slice keys, same records) with a deterministic sample sort: (1) encode each record's sort key
 * as one byte string; (2) sample the keys whose content hash is divisible by k (a pure function of the key, so the
 * sample does not depend on bundles or parallelism) and take every m-th distinct sample as a split point on one
 * worker; (3) send each key to the range between its split points; (4) count records per range, whose prefix sums
 * give each range's first number; (5) sort each range on its own worker and number it from there, keying each
 * record by slice ({@code number / maxRecordsPerSlice}), so slices are consecutive runs in the global order and a
 * range may feed two slices. This class stays as the reference the parallel form is tested against.
 */
final class AssignOffsets extends DoFn<KV<Integer, Iterable<Row>>, KV<Long, KV<Long, Row>>> {
  private static final long serialVersionUID = 1L;

  private final WriteSettings settings;

  AssignOffsets(WriteSettings settings) {
    this.settings = settings;
  }

  private record Numbered(SortKey key, Row row) {}

  @ProcessElement
  public void processElement(@Element KV<Integer, Iterable<Row>> all, OutputReceiver<KV<Long, KV<Long, Row>>> out) {
    RowCoder coder = RowCoder.of(settings.inputSchema());
    List<Numbered> rows = new ArrayList<>();
    for (Row row : all.getValue()) {
      rows.add(new Numbered(SortKey.of(row, coder, settings.eventTimeColumn()), row));
    }
    rows.sort((a, b) -> a.key().compareTo(b.key()));
    long perSlice = settings.maxRecordsPerSlice();
    for (int i = 0; i < rows.size(); i++) {
      out.output(KV.of(i / perSlice, KV.of((long) i, rows.get(i).row())));
    }
  }
}
