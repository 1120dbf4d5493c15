package org.odfbeam.transforms.merge;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.odfbeam.core.model.Nullable;

/**
 * The output of a merge: {@link #rows()}, the records to append with their operation type, and, if requested with
 * {@link UnknownKeyRetractions#SIDE_OUTPUT}, the {@link #rejected()} input records.
 */
public final class MergeResult implements POutput {
  static final TupleTag<Row> ROWS = new TupleTag<>("rows");
  static final TupleTag<Row> REJECTED = new TupleTag<>("rejected");

  private final Pipeline pipeline;
  private final PCollection<Row> rows;
  private final @Nullable PCollection<Row> rejected;

  private MergeResult(Pipeline pipeline, PCollection<Row> rows, @Nullable PCollection<Row> rejected) {
    this.pipeline = pipeline;
    this.rows = rows;
    this.rejected = rejected;
  }

  static MergeResult of(PCollection<Row> rows, @Nullable PCollection<Row> rejected) {
    return new MergeResult(rows.getPipeline(), rows, rejected);
  }

  /**
   * The records to append: the {@code op} column (INT32, first), the event time column, the data columns, and the
   * order column if one was requested. Their order is unspecified; the order column (if any) gives kamu-cli's.
   */
  public PCollection<Row> rows() {
    return rows;
  }

  /**
   * The input records that retracted an unknown key, unchanged (the new rows' schema).
   *
   * @throws IllegalStateException unless the merge was configured with {@link UnknownKeyRetractions#SIDE_OUTPUT}
   */
  public PCollection<Row> rejected() {
    if (rejected == null) {
      throw new IllegalStateException("rejected() requires withUnknownKeyRetractions(SIDE_OUTPUT)");
    }
    return rejected;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    Map<TupleTag<?>, PValue> out = new LinkedHashMap<>();
    out.put(ROWS, rows);
    if (rejected != null) {
      out.put(REJECTED, rejected);
    }
    return out;
  }

  @Override
  public void finishSpecifyingOutput(String transformName, PInput input, PTransform<?, ?> transform) {}
}
