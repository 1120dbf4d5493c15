package org.odfbeam.transforms.join;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.transforms.InvalidDataException;
import org.odfbeam.transforms.changelog.Operation;

/**
 * The versions of one key of a temporal table: for each event time, the table row with the greatest offset at that
 * time. A {@code +A}/{@code +C} row there is a version valid from that time until the next entry; a
 * {@code -R}/{@code -C} row there means "no value" from that time until the next entry.
 *
 * <p>This is the state of Flink's event-time temporal join applied to an ODF changelog: Flink keeps the build side
 * per key as a map from row time to the row last received at that time, where a DELETE or UPDATE_BEFORE ends the
 * validity of what came before it, and probes it for the latest row at or before the probe time, matching only if
 * that row is an insert or update-after (apache/flink:flink-table/flink-table-runtime/src/main/java/org/apache/flink/
 * table/runtime/operators/join/temporal/TemporalRowTimeJoinOperator.java and utils/TemporalRowTimeJoinHelper.java,
 * {@code latestRightRowToJoin}). "Last received" is, for ODF, "greatest offset", since offsets order a changelog and a
 * {@code PCollection} does not. The order rows are added in does not matter.
 */
final class VersionHistory {
  private final JoinLayout layout;
  private final TreeMap<Long, Entry> entries = new TreeMap<>();

  private record Entry(long offset, Row row, boolean live) {}

  VersionHistory(JoinLayout layout) {
    this.layout = layout;
  }

  /**
   * Adds a table row of this key.
   *
   * @throws InvalidDataException if another row has the same offset and event time but different values, or the
   *     row's offset, op or event time is null or invalid
   */
  void add(Row row) {
    long time = layout.tableTime(row);
    long offset = layout.tableOffset(row);
    Operation op = layout.tableOp(row);
    boolean live = op == Operation.APPEND || op == Operation.CORRECT_TO;
    Entry current = entries.get(time);
    if (current == null || offset > current.offset()) {
      entries.put(time, new Entry(offset, row, live));
    } else if (offset == current.offset() && !row.equals(current.row())) {
      throw new InvalidDataException("Cannot " + JoinLayout.ACTION + ": table key " + layout.describeTableKey(row)
          + " has two different rows with offset " + offset + ": " + current.row() + " and " + row);
    }
  }

  /** Adds every row. */
  void addAll(Iterable<Row> rows) {
    for (Row r : rows) {
      add(r);
    }
  }

  /** The version valid at {@code millis}, or null if there is none (nothing before it, or a retraction). */
  @Nullable Row versionAt(long millis) {
    Map.Entry<Long, Entry> e = entries.floorEntry(millis);
    return e == null || !e.getValue().live() ? null : e.getValue().row();
  }

  /** The rows that decide lookups, one per event time: all that state needs to keep. */
  Collection<Row> rows() {
    return entries.values().stream().map(Entry::row).toList();
  }

  /** The number of event times with an entry. */
  int size() {
    return entries.size();
  }
}
