package org.odfbeam.io;

import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.data.SliceReader;
import org.odfbeam.data.Vocabulary;

/**
 * Reads the rows of one {@link SliceSplit} with {@link SliceReader} (row groups outside the split's offset range
 * are skipped by their statistics) and emits them. A split holds a bounded number of rows (see
 * {@link ReadPlanner}), so one call never emits an unbounded amount (the Spark runner buffers a call's output).
 *
 * <p>Counters in namespace {@code odf}: {@code records_read}, {@code slices_read} and {@code bytes_read} (the size
 * of each data file read, counted once per slice, with its first split).
 */
final class ReadSliceSplits extends DoFn<SliceSplit, Row> {
  static final String NAMESPACE = "odf";

  private final Counter recordsRead = Metrics.counter(NAMESPACE, "records_read");
  private final Counter bytesRead = Metrics.counter(NAMESPACE, "bytes_read");
  private final Counter slicesRead = Metrics.counter(NAMESPACE, "slices_read");

  private final Schema datasetSchema;
  private final List<String> columns;
  private final String[] vocabulary;
  private transient SliceReader reader;

  ReadSliceSplits(Schema datasetSchema, Schema outputSchema, Vocabulary vocabulary) {
    this.datasetSchema = datasetSchema;
    this.columns = List.copyOf(outputSchema.getFieldNames());
    this.vocabulary = new String[] {vocabulary.offsetColumn(), vocabulary.operationTypeColumn(),
        vocabulary.systemTimeColumn(), vocabulary.eventTimeColumn()};
  }

  @Setup
  public void setup() {
    reader = SliceReader.of(datasetSchema)
        .withVocabulary(new Vocabulary(vocabulary[0], vocabulary[1], vocabulary[2], vocabulary[3]))
        .withColumns(columns.toArray(String[]::new));
  }

  @ProcessElement
  public void processElement(@Element SliceSplit split, OutputReceiver<Row> out) {
    long n = 0;
    try (SliceReader.Rows rows = reader.withOffsetRange(split.fromOffset(), split.toOffset())
        .open(Path.of(split.file()))) {
      while (rows.hasNext()) {
        out.output(rows.next());
        n++;
      }
    }
    recordsRead.inc(n);
    if (split.part() == 0) {
      slicesRead.inc();
      bytesRead.inc(split.fileBytes());
    }
  }
}
