package org.odfbeam.transforms.aggregate;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.odfbeam.core.model.Nullable;

/**
 * The running state of one key: how many rows are live, the exact sum and the number of non-null values of each
 * summed column, and the event time of the key's latest output row.
 *
 * <p>Sums are exact ({@link BigDecimal}, doubles converted without rounding), so subtracting a retracted row's
 * values restores the previous state bit for bit, whatever the order rows are applied in.
 *
 * @param count live rows: +1 per {@code +A}/{@code +C}, -1 per {@code -R}/{@code -C}
 * @param sums the exact sum of each summed column, in aggregation order
 * @param nonNull the number of live non-null values of each summed column (a sum over none is null)
 * @param keyTime epoch millis of the event time of the key's latest output row; null before the first one
 */
record Totals(long count, List<BigDecimal> sums, List<Long> nonNull, @Nullable Long keyTime) {

  /** Copies the lists. */
  Totals {
    sums = List.copyOf(sums);
    nonNull = List.copyOf(nonNull);
    if (sums.size() != nonNull.size()) {
      throw new IllegalArgumentException("Totals need one non-null count per sum, but had " + sums.size()
          + " sums and " + nonNull.size() + " counts");
    }
  }

  /** The state of a key nothing was applied to. */
  static Totals empty(int sumCount) {
    return new Totals(0, Collections.nCopies(sumCount, BigDecimal.ZERO), Collections.nCopies(sumCount, 0L), null);
  }

  /** True if the key has live rows, i.e. an output row. */
  boolean live() {
    return count > 0;
  }

  /**
   * These totals plus {@code sign} times one row whose summed values are {@code values} (null = a null value).
   */
  Totals plus(int sign, List<BigDecimal> values) {
    List<BigDecimal> s = new ArrayList<>(sums.size());
    List<Long> n = new ArrayList<>(sums.size());
    for (int i = 0; i < sums.size(); i++) {
      BigDecimal v = values.get(i);
      if (v == null) {
        s.add(sums.get(i));
        n.add(nonNull.get(i));
      } else {
        s.add(sign > 0 ? sums.get(i).add(v) : sums.get(i).subtract(v));
        n.add(nonNull.get(i) + sign);
      }
    }
    return new Totals(count + sign, s, n, keyTime);
  }

  /** These totals with the given key time. */
  Totals withKeyTime(long millis) {
    return new Totals(count, sums, nonNull, millis);
  }

  /** Encodes {@link Totals} for state: count, then per sum (scale, unscaled bytes, non-null count), then key time. */
  static final class Coder extends AtomicCoder<Totals> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();

    static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(Totals value, OutputStream outStream) throws IOException {
      Objects.requireNonNull(value, "Cannot encode a null Totals");
      DataOutputStream out = new DataOutputStream(outStream);
      out.writeLong(value.count());
      out.writeInt(value.sums().size());
      for (int i = 0; i < value.sums().size(); i++) {
        BigDecimal sum = value.sums().get(i);
        byte[] unscaled = sum.unscaledValue().toByteArray();
        out.writeInt(sum.scale());
        out.writeInt(unscaled.length);
        out.write(unscaled);
        out.writeLong(value.nonNull().get(i));
      }
      out.writeBoolean(value.keyTime() != null);
      if (value.keyTime() != null) {
        out.writeLong(value.keyTime());
      }
      out.flush();
    }

    @Override
    public Totals decode(InputStream inStream) throws IOException {
      DataInputStream in = new DataInputStream(inStream);
      long count = in.readLong();
      int n = in.readInt();
      List<BigDecimal> sums = new ArrayList<>(n);
      List<Long> nonNull = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int scale = in.readInt();
        byte[] unscaled = new byte[in.readInt()];
        in.readFully(unscaled);
        sums.add(new BigDecimal(new BigInteger(unscaled), scale));
        nonNull.add(in.readLong());
      }
      Long keyTime = in.readBoolean() ? in.readLong() : null;
      return new Totals(count, sums, nonNull, keyTime);
    }
  }
}
