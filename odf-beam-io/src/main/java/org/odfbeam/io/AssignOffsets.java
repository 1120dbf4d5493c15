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
 * <p>Input: every record under one key. This is the write's one non-parallel stage: one worker holds all records
 * of the commit (and their encodings) in memory while sorting. Writing the slices afterwards is parallel.
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
