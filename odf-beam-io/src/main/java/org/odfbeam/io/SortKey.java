package org.odfbeam.io;

import java.util.Arrays;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;
import org.odfbeam.core.model.Nullable;

/**
 * The position of a record in the total order that assigns offsets: event time (epoch millis; a null event time
 * sorts first), then the record's {@link RowCoder} encoding compared as unsigned bytes. Both parts depend only on
 * the record's content, never on the runner, the parallelism or the input order, so equal inputs get equal
 * offsets everywhere. Records with equal keys are identical, so their relative order does not matter.
 */
record SortKey(long eventTimeMillis, byte[] encoded) implements Comparable<SortKey> {

  /** The key of {@code row}; {@code eventTimeColumn} null means every record has the same event time. */
  static SortKey of(Row row, RowCoder coder, @Nullable String eventTimeColumn) {
    long millis = 0;
    if (eventTimeColumn != null) {
      ReadableInstant t = row.getDateTime(eventTimeColumn);
      millis = t == null ? Long.MIN_VALUE : t.getMillis();
    }
    try {
      return new SortKey(millis, CoderUtils.encodeToByteArray(coder, row));
    } catch (CoderException e) {
      throw new IllegalArgumentException("Cannot encode record " + row + ": " + e.getMessage(), e);
    }
  }

  @Override
  public int compareTo(SortKey o) {
    int c = Long.compare(eventTimeMillis, o.eventTimeMillis);
    return c != 0 ? c : Arrays.compareUnsigned(encoded, o.encoded);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SortKey k && k.eventTimeMillis == eventTimeMillis && Arrays.equals(k.encoded, encoded);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(eventTimeMillis) * 31 + Arrays.hashCode(encoded);
  }

  @Override
  public String toString() {
    return "SortKey(" + eventTimeMillis + ", " + encoded.length + " bytes)";
  }
}
