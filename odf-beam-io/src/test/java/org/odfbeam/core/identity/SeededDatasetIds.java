package org.odfbeam.core.identity;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Test-only port of kamu's {@code DatasetID::new_seeded_ed25519(seed)}
 * (kamu-data/kamu-cli:src/utils/multiformats/src/did_key.rs, {@code DidKey::new_seeded_ed25519}).
 *
 * <p>kamu pads the seed with zeros to 32 bytes, builds {@code rand::rngs::SmallRng::from_seed(seed)} (rand 0.9 on
 * 64-bit targets: Xoshiro256++, whose {@code from_seed} reads the 32 bytes as four little-endian u64 state words;
 * an all-zero seed is replaced by {@code seed_from_u64(0)}, i.e. SplitMix64) and calls {@code fill_bytes} on a
 * 32-byte buffer, which writes four {@code next_u64()} outputs little-endian. Those 32 bytes are used directly as
 * the "public key" (they are not a real Ed25519 key).
 */
public final class SeededDatasetIds {
  private SeededDatasetIds() {}

  /** {@code DatasetID::new_seeded_ed25519(seed.as_bytes())}. */
  public static DatasetId seeded(String seed) {
    return seeded(seed.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code DatasetID::new_seeded_ed25519(seed)}; the seed must be at most 32 bytes (kamu panics otherwise). */
  public static DatasetId seeded(byte[] seed) {
    return DatasetId.fromPublicKey(seededKeyBytes(seed));
  }

  /** The 32 pseudo-random "public key" bytes for {@code seed}. */
  public static byte[] seededKeyBytes(byte[] seed) {
    if (seed.length > 32) {
      throw new IllegalArgumentException("seed must be at most 32 bytes, got " + seed.length);
    }
    byte[] padded = new byte[32];
    System.arraycopy(seed, 0, padded, 0, seed.length);
    long[] s = new long[4];
    ByteBuffer in = ByteBuffer.wrap(padded).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 4; i++) {
      s[i] = in.getLong();
    }
    if (s[0] == 0 && s[1] == 0 && s[2] == 0 && s[3] == 0) {
      s = splitMix64Seed(0);
    }
    ByteBuffer out = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 4; i++) {
      out.putLong(nextXoshiro256PlusPlus(s));
    }
    return out.array();
  }

  /** One step of Xoshiro256++ (rand_xoshiro {@code Xoshiro256PlusPlus::next_u64}), updating {@code s}. */
  static long nextXoshiro256PlusPlus(long[] s) {
    long result = Long.rotateLeft(s[0] + s[3], 23) + s[0];
    long t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = Long.rotateLeft(s[3], 45);
    return result;
  }

  /** {@code Xoshiro256PlusPlus::seed_from_u64}: four SplitMix64 outputs. */
  private static long[] splitMix64Seed(long state) {
    long[] s = new long[4];
    long x = state;
    for (int i = 0; i < 4; i++) {
      x += 0x9e3779b97f4a7c15L;
      long z = x;
      z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
      z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
      s[i] = z ^ (z >>> 31);
    }
    return s;
  }
}
