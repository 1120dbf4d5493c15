package org.odfbeam.bench;

import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.transforms.SimpleFunction;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/**
 * The benchmark's deterministic synthetic records: row {@code i} of a run depends only on {@code i} (a SplitMix64
 * hash of it), so both IOs write exactly the same data, generated inside the pipeline from a
 * {@code GenerateSequence}, never held in memory.
 *
 * <p>Eight columns of mixed types, only types OdfIO supports (see {@code OdfSchemas}): {@code id} INT64,
 * {@code event_time} DATETIME (mostly increasing with {@code id}, up to a minute of jitter, as ingested data is),
 * {@code city} STRING (1,000 distinct values), {@code amount} DOUBLE, {@code quantity} INT32, {@code active}
 * BOOLEAN, {@code score} FLOAT and {@code note} nullable STRING (unique text, 10% nulls).
 */
final class SyntheticRows extends SimpleFunction<Long, Row> {
  private static final long serialVersionUID = 1L;

  /** The schema of the rows, as both IOs receive them. */
  static final Schema SCHEMA = Schema.builder()
      .addInt64Field("id")
      .addDateTimeField("event_time")
      .addStringField("city")
      .addDoubleField("amount")
      .addInt32Field("quantity")
      .addBooleanField("active")
      .addFloatField("score")
      .addNullableField("note", FieldType.STRING)
      .build();

  /** 2024-01-01T00:00:00Z, the event time of row 0 (before jitter). */
  static final long EPOCH_MILLIS = 1_704_067_200_000L;

  @Override
  public Row apply(Long boxed) {
    long i = boxed;
    long h = mix(i);
    long h2 = mix(h);
    String note = (h2 & 0xff) < 26 ? null : "note " + Long.toHexString(h2) + " of row " + i;
    return Row.withSchema(SCHEMA).attachValues(
        i,
        new Instant(EPOCH_MILLIS + i * 10 + Long.remainderUnsigned(h, 60_000)),
        "city-" + Long.remainderUnsigned(h >>> 20, 1000),
        (h >>> 11) * 0x1.0p-53 * 1_000_000,
        (int) (h2 >>> 40) % 10_000,
        (h & 1) == 1,
        (float) ((h2 >>> 40) * 0x1.0p-24),
        note);
  }

  /** SplitMix64's finalizer: a well-mixed 64-bit hash of {@code x}. */
  static long mix(long x) {
    long z = x + 0x9e3779b97f4a7c15L;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
