package org.odfbeam.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Compares a candidate with its baseline by alternating them in short rounds in one JVM and
 * reporting the median of the per-round throughput ratios.
 *
 * <p>Why not only JMH's sequential runs: on the shared 2-core build machines the host's speed drifts
 * by tens of percent over tens of seconds (a raw SHA3-256 loop drops from 26 to 16 ops/s mid-run),
 * so two benchmarks measured one after the other can see different machines. Consecutive rounds of
 * a few hundred milliseconds see the same one; the median ratio is what the targets are judged on.
 */
public final class Interleaved {
  /** One side of the comparison: an operation to time. */
  @FunctionalInterface
  public interface Op {
    void run() throws Exception;
  }

  /** Result: median and quartiles of candidate/baseline throughput ratios, and median times. */
  public record Result(double medianRatio, double lowerQuartile, double upperQuartile,
      double baselineMillis, double candidateMillis, int rounds) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT,
          "%d rounds: baseline %.1f ms/op, candidate %.1f ms/op, ratio median %.1f%% (quartiles %.1f%%-%.1f%%)",
          rounds, baselineMillis, candidateMillis, 100 * medianRatio, 100 * lowerQuartile, 100 * upperQuartile);
    }
  }

  private Interleaved() {}

  /**
   * Warms both sides up with {@code warmupOps} operations each, then runs {@code rounds} rounds of
   * {@code opsPerRound} baseline operations followed by as many candidate operations (the order
   * alternates every round).
   */
  public static Result compare(Op baseline, Op candidate, int warmupOps, int rounds, int opsPerRound)
      throws Exception {
    for (int i = 0; i < warmupOps; i++) {
      baseline.run();
      candidate.run();
    }
    double[] ratios = new double[rounds];
    double[] base = new double[rounds];
    double[] cand = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      boolean baseFirst = r % 2 == 0;
      long t1 = time(baseFirst ? baseline : candidate, opsPerRound);
      long t2 = time(baseFirst ? candidate : baseline, opsPerRound);
      long tb = baseFirst ? t1 : t2;
      long tc = baseFirst ? t2 : t1;
      base[r] = tb / 1e6 / opsPerRound;
      cand[r] = tc / 1e6 / opsPerRound;
      ratios[r] = (double) tb / tc;
    }
    Arrays.sort(ratios);
    Arrays.sort(base);
    Arrays.sort(cand);
    return new Result(ratios[rounds / 2], ratios[rounds / 4], ratios[(3 * rounds) / 4],
        base[rounds / 2], cand[rounds / 2], rounds);
  }

  private static long time(Op op, int n) throws Exception {
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      op.run();
    }
    return System.nanoTime() - start;
  }
}
