package org.odfbeam.transforms.join;

import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The bounded stage: for one key (after {@code CoGroupByKey}) the table's versions are collected into a
 * {@link VersionHistory} in memory, then every stream row of the key is looked up in it as it is read.
 */
final class JoinGroups extends DoFn<KV<byte[], CoGbkResult>, Row> {
  private static final long serialVersionUID = 1L;

  private final JoinLayout layout;
  private final TupleTag<Row> streamTag;
  private final TupleTag<Row> tableTag;

  JoinGroups(JoinLayout layout, TupleTag<Row> streamTag, TupleTag<Row> tableTag) {
    this.layout = layout;
    this.streamTag = streamTag;
    this.tableTag = tableTag;
  }

  @ProcessElement
  public void process(@Element KV<byte[], CoGbkResult> group, OutputReceiver<Row> out) {
    VersionHistory history = new VersionHistory(layout);
    history.addAll(group.getValue().getAll(tableTag));
    for (Row stream : group.getValue().getAll(streamTag)) {
      Row joined = layout.join(stream, history.versionAt(layout.streamTime(stream)));
      if (joined != null) {
        out.output(joined);
      }
    }
  }
}
