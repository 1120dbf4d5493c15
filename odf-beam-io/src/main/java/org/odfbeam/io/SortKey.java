package org.odfbeam.io;

import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;
import org.odfbeam.core.model.Nullable;

/**
 * The position of a record in the total order that assigns offsets: the {@link OdfWrite#withOrderBy} columns if
 * any ({@link OrderedEncoding}: ascending, nulls first), then event time (epoch millis; a null event time sorts
 * first), then the record's {@link RowCoder} encoding compared as unsigned bytes. Every part depends only on the
 * record's content, never on the runner, the parallelism or the input order, so equal inputs get equal offsets
 * everywhere. Records with equal keys are identical, so their relative order does not matter.
 *
 * @param prefix the order-by columns' {@link OrderedEncoding}; empty without {@code withOrderBy}
 */
record SortKey(byte[] prefix, long eventTimeMillis, byte[] encoded) implements Comparable<SortKey> {
  private static final byte[] NONE = new byte[0];

  /** The key of {@code row}; {@code eventTimeColumn} null means every record has the same event time. */
  static SortKey of(Row row, RowCoder coder, @Nullable String eventTimeColumn) {
    return of(row, coder, eventTimeColumn, null);
  }

  /** The key of {@code row}, first ordered by {@code orderBy} columns when not null. */
  static SortKey of(Row row, RowCoder coder, @Nullable String eventTimeColumn, @Nullable List<String> orderBy) {
    long millis = 0;
    if (eventTimeColumn != null) {
      ReadableInstant t = row.getDateTime(eventTimeColumn);
      millis = t == null ? Long.MIN_VALUE : t.getMillis();
    }
    byte[] prefix = orderBy == null ? NONE : OrderedEncoding.encode(row, orderBy);
    try {
      return new SortKey(prefix, millis, CoderUtils.encodeToByteArray(coder, row));
    } catch (CoderException e) {
      throw new IllegalArgumentException("Cannot encode record " + row + ": " + e.getMessage(), e);
    }
  }

  /**
   * The key as one byte string whose unsigned lexicographic order is the key order: the prefix (prefix-free, so
   * it compares like the tuple of its columns), the event time as 8 big-endian bytes with the sign bit flipped (so
   * that unsigned order is signed order), then the encoding, and, only with a prefix, the prefix's length as 4
   * bytes (it only ever compares records whose prefixes, times and encodings are equal up to there, so it keeps the
   * order a function of the content). It holds the whole record: {@link #rowOf} decodes it back.
   */
  byte[] toOrderedBytes() {
    int trailer = prefix.length == 0 ? 0 : Integer.BYTES;
    byte[] out = new byte[prefix.length + Long.BYTES + encoded.length + trailer];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    long biased = eventTimeMillis ^ Long.MIN_VALUE;
    for (int i = 0; i < Long.BYTES; i++) {
      out[prefix.length + i] = (byte) (biased >>> (56 - 8 * i));
    }
    System.arraycopy(encoded, 0, out, prefix.length + Long.BYTES, encoded.length);
    if (trailer > 0) {
      for (int i = 0; i < Integer.BYTES; i++) {
        out[out.length - Integer.BYTES + i] = (byte) (prefix.length >>> (24 - 8 * i));
      }
    }
    return out;
  }

  /** The record held by {@code orderedBytes} (from {@link #toOrderedBytes} of a key without prefix). */
  static Row rowOf(byte[] orderedBytes, RowCoder coder) {
    return rowOf(orderedBytes, coder, false);
  }

  /** The record held by {@code orderedBytes}; {@code prefixed} = the key was made with order-by columns. */
  static Row rowOf(byte[] orderedBytes, RowCoder coder, boolean prefixed) {
    int start = Long.BYTES;
    int end = orderedBytes.length;
    if (prefixed) {
      int prefixLength = 0;
      for (int i = end - Integer.BYTES; i < end; i++) {
        prefixLength = (prefixLength << 8) | (orderedBytes[i] & 0xFF);
      }
      start += prefixLength;
      end -= Integer.BYTES;
    }
    try {
      return CoderUtils.decodeFromByteArray(coder, Arrays.copyOfRange(orderedBytes, start, end));
    } catch (CoderException e) {
      throw new IllegalStateException("Cannot decode a record from its sort key: " + e.getMessage(), e);
    }
  }

  /** Compares two {@link #toOrderedBytes} forms; the same order as {@link #compareTo}. */
  static int compareOrdered(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b);
  }

  /**
   * A 64-bit hash of the bytes (FNV-1a, then MurmurHash3's fmix64 finaliser): a pure function of the content, the
   * same in every JVM, so sampling by it does not depend on the runner, the bundles or the parallelism.
   */
  static long contentHash(byte[] bytes) {
    long h = 0xcbf29ce484222325L;
    for (byte b : bytes) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  @Override
  public int compareTo(SortKey o) {
    int c = Arrays.compareUnsigned(prefix, o.prefix);
    if (c != 0) {
      return c;
    }
    c = Long.compare(eventTimeMillis, o.eventTimeMillis);
    return c != 0 ? c : Arrays.compareUnsigned(encoded, o.encoded);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SortKey k && k.eventTimeMillis == eventTimeMillis && Arrays.equals(k.prefix, prefix)
        && Arrays.equals(k.encoded, encoded);
  }

  @Override
  public int hashCode() {
    return (Arrays.hashCode(prefix) * 31 + Long.hashCode(eventTimeMillis)) * 31 + Arrays.hashCode(encoded);
  }

  @Override
  public String toString() {
    return "SortKey(" + prefix.length + " prefix bytes, " + eventTimeMillis + ", " + encoded.length + " bytes)";
  }

  /**
   * Checks that records of {@code schema} have one encoding per value, which the offset order needs. Beam's
   * {@code RowCoder.verifyDeterministic()} is stricter than that: it rejects FLOAT and DOUBLE because {@code -0.0}
   * and {@code 0.0} (and NaN payloads) are equal but encode differently. For the offset order that is fine: such
   * values are also written to Parquet, and hashed, by their bits, so records whose bits differ are different
   * records. Only MAP (encoded in iteration order) has no single encoding.
   *
   * @throws IllegalArgumentException naming the dataset and the column
   */
  static void checkOrderable(Schema schema, String dataset) {
    for (Schema.Field field : schema.getFields()) {
      checkOrderable(field.getType(), field.getName(), dataset);
    }
  }

  private static void checkOrderable(Schema.FieldType type, String column, String dataset) {
    switch (type.getTypeName()) {
      case MAP:
        throw new IllegalArgumentException("Cannot write to " + dataset + ": column '" + column + "' is a MAP,"
            + " which has no deterministic encoding for the offset order (and ODF data files cannot hold maps)");
      case ARRAY:
      case ITERABLE:
        checkOrderable(type.getCollectionElementType(), column + "[]", dataset);
        break;
      case ROW:
        for (Schema.Field f : type.getRowSchema().getFields()) {
          checkOrderable(f.getType(), column + "." + f.getName(), dataset);
        }
        break;
      case LOGICAL_TYPE:
        checkOrderable(type.getLogicalType().getBaseType(), column, dataset);
        break;
      default:
        break;
    }
  }
}
