package org.odfbeam.transforms.aggregate;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;

/**
 * The bounded stage: all rows of a key (after {@code GroupByKey}) folded in one {@link KeyAggregator#apply}, i.e.
 * replayed in event time order. Holds one key's rows in memory.
 */
final class AggregateGroups extends DoFn<KV<byte[], Iterable<Row>>, Row> {
  private static final long serialVersionUID = 1L;

  private final KeyAggregator aggregator;

  AggregateGroups(KeyAggregator aggregator) {
    this.aggregator = aggregator;
  }

  @ProcessElement
  public void process(@Element KV<byte[], Iterable<Row>> group, OutputReceiver<Row> out) {
    List<Row> rows = new ArrayList<>();
    group.getValue().forEach(rows::add);
    for (Row r : aggregator.apply(null, rows).output()) {
      out.output(r);
    }
  }
}
