package org.odfbeam.core.arrow;

import java.util.Arrays;

/**
 * The validity (null) bitmap of one Arrow array in one batch: bit {@code i} set = row {@code i} is valid (Arrow's
 * convention, least significant bit first). Immutable.
 *
 * <p>Arrays handed to {@link LogicalHasher} are normalised like arrow-rs' {@code ArrayDataBuilder} does (its
 * {@code build_impl} drops null buffers whose null count is 0): a validity without nulls behaves exactly like no
 * validity ({@code null}). Only validities combined from struct parents (see {@link BatchBuilder}) can be present with
 * zero nulls, which is what makes arrow-digest's struct quirk observable.
 */
public final class Validity {
  private final long[] words;
  private final int length;
  private final int nullCount;

  private Validity(long[] words, int length) {
    this.words = words;
    this.length = length;
    int valid = 0;
    int full = length >>> 6;
    for (int w = 0; w < full; w++) {
      valid += Long.bitCount(words[w]);
    }
    int rest = length & 63;
    if (rest != 0) {
      words[full] &= (1L << rest) - 1;
      valid += Long.bitCount(words[full]);
    }
    this.nullCount = length - valid;
  }

  /** From a per-row null flag: {@code isNull[i]} = row {@code i} is null, for rows {@code 0..n-1}. */
  public static Validity ofNulls(boolean[] isNull, int n) {
    checkLength(isNull.length, n);
    long[] w = new long[words(n)];
    for (int i = 0; i < n; i++) {
      if (!isNull[i]) {
        w[i >>> 6] |= 1L << i;
      }
    }
    return new Validity(w, n);
  }

  /** From a per-row valid flag: {@code valid[i]} = row {@code i} is not null, for rows {@code 0..n-1}. */
  public static Validity ofValid(boolean[] valid, int n) {
    checkLength(valid.length, n);
    long[] w = new long[words(n)];
    for (int i = 0; i < n; i++) {
      if (valid[i]) {
        w[i >>> 6] |= 1L << i;
      }
    }
    return new Validity(w, n);
  }

  /** From Arrow-style valid bits (row {@code i} = bit {@code i & 63} of word {@code i >>> 6}); copied. */
  public static Validity ofValidBits(long[] bits, int n) {
    if (n < 0 || bits.length < words(n)) {
      throw new IllegalArgumentException("Validity needs " + words(n) + " words for " + n + " rows, but got "
          + bits.length);
    }
    return new Validity(Arrays.copyOf(bits, words(n)), n);
  }

  /** From the positions of the null rows (any order, duplicates allowed) among {@code n} rows. */
  public static Validity ofNullPositions(int[] nullRows, int count, int n) {
    long[] w = new long[words(n)];
    Arrays.fill(w, -1L);
    for (int k = 0; k < count; k++) {
      int i = nullRows[k];
      if (i < 0 || i >= n) {
        throw new IndexOutOfBoundsException("null row " + i + " is outside 0.." + (n - 1));
      }
      w[i >>> 6] &= ~(1L << i);
    }
    return new Validity(w, n);
  }

  private static void checkLength(int arrayLength, int n) {
    if (n < 0 || n > arrayLength) {
      throw new IllegalArgumentException("n must be within 0.." + arrayLength + ", but was " + n);
    }
  }

  private static int words(int n) {
    return (n + 63) >>> 6;
  }

  /** Number of rows covered. */
  public int length() {
    return length;
  }

  /** Number of null rows. */
  public int nullCount() {
    return nullCount;
  }

  /** Whether row {@code i} is valid (not null). */
  public boolean isValid(int i) {
    return (words[i >>> 6] & (1L << i)) != 0;
  }

  /** Bitwise OR of validity (arrow-digest {@code combine_null_buffers}: null only where both are null). */
  Validity or(Validity other) {
    if (other.length != length) {
      throw new IllegalStateException("Attempting to combine buffers of different size " + length + " != "
          + other.length);
    }
    long[] w = new long[words.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = words[i] | other.words[i];
    }
    return new Validity(w, length);
  }

  /**
   * arrow-digest utils.rs {@code maybe_combine_null_buffers}: None+Some(b) -> b if b has nulls; Some(a)+None -> a if
   * a has nulls; Some(a)+Some(b) -> a OR b only if both have nulls; everything else -> None.
   */
  static Validity maybeCombine(Validity a, Validity b) {
    if (a == null && b != null && b.nullCount != 0) {
      return b;
    }
    if (a != null && b == null && a.nullCount != 0) {
      return a;
    }
    if (a != null && b != null && a.nullCount != 0 && b.nullCount != 0) {
      return a.or(b);
    }
    return null;
  }

  /** arrow-rs ArrayData normalisation: a buffer with no nulls is dropped. */
  static Validity normalize(Validity v) {
    return v == null || v.nullCount == 0 ? null : v;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Validity[");
    for (int i = 0; i < length && i < 64; i++) {
      sb.append(isValid(i) ? '1' : '0');
    }
    return sb.append(length > 64 ? "…]" : "]").toString();
  }
}
