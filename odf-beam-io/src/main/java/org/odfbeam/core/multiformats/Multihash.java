package org.odfbeam.core.multiformats;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A self-describing hash (kamu-data/kamu-cli:src/utils/multiformats/src/multihash.rs).
 *
 * <p>Binary form: {@code varint(code) ‖ varint(digest length) ‖ digest}; a SHA3-256 multihash is 34 bytes
 * {@code 16 20 <32 bytes>}. String form: lower-case base16 multibase, e.g.
 * {@code f16209eb949bd8ff0bb1d827f11809aebc6bd0d5955c7f368469a913c70d196620272} (69 characters).
 *
 * <p>Parsing is as strict as kamu's: the code must be one kamu knows ({@link Multicodec#fromCode}), the declared
 * digest length must equal the number of remaining bytes, and digests are at most {@value #MAX_DIGEST_LENGTH}
 * bytes. {@link #parse} accepts every multibase prefix kamu accepts ({@code f}, {@code F}, {@code u},
 * {@code z}); {@link #toString} always renders {@code f…}, so {@code parse(h.toString()).equals(h)}.
 *
 * <p>Immutable; equality is by code and digest. Arrays are copied in and out.
 */
public final class Multihash {
  /** kamu's {@code MAX_MULTIHASH_DIGEST_LEN}. */
  public static final int MAX_DIGEST_LENGTH = 32;

  private static final HexFormat HEX = HexFormat.of();

  private final Multicodec codec;
  private final byte[] digest;

  private Multihash(Multicodec codec, byte[] digest) {
    this.codec = codec;
    this.digest = digest;
  }

  /** The SHA3-256 multihash of {@code data} (kamu's {@code from_digest_sha3_256}). */
  public static Multihash sha3_256(byte[] data) {
    MessageDigest md = newSha3();
    return new Multihash(Multicodec.SHA3_256, md.digest(data));
  }

  /** The SHA3-256 multihash of a file's bytes (the "physical hash" of data and checkpoint files). */
  public static Multihash sha3_256(Path file) {
    MessageDigest md = newSha3();
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot hash file " + file + ": " + e.getMessage(), e);
    }
    return new Multihash(Multicodec.SHA3_256, md.digest());
  }

  /**
   * Wraps an already computed digest.
   *
   * @throws IllegalArgumentException if the digest is longer than {@value #MAX_DIGEST_LENGTH} bytes
   */
  public static Multihash ofDigest(Multicodec codec, byte[] digest) {
    if (codec == null || digest == null) {
      throw new IllegalArgumentException("Cannot create multihash: codec and digest are required");
    }
    if (digest.length > MAX_DIGEST_LENGTH) {
      throw new IllegalArgumentException("Cannot create multihash: digest has " + digest.length
          + " bytes, at most " + MAX_DIGEST_LENGTH + " are supported");
    }
    return new Multihash(codec, digest.clone());
  }

  /**
   * Reads the binary form (strict).
   *
   * @throws IllegalArgumentException naming the bytes (hex) and the reason
   */
  public static Multihash fromBytes(byte[] binary) {
    try {
      return decode(binary);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Cannot read multihash from bytes " + HEX.formatHex(binary) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses a multibase string ({@code f}/{@code F}, {@code u}, {@code z}).
   *
   * @throws IllegalArgumentException e.g. {@code Cannot parse multihash 'f16…': expected 32 digest bytes, found 31}
   */
  public static Multihash parse(String multibase) {
    try {
      return decode(Multibase.decode(multibase));
    } catch (IllegalArgumentException e) {
      String reason = e.getMessage();
      String prefix = "Cannot decode multibase '" + multibase + "': ";
      if (reason != null && reason.startsWith(prefix)) {
        reason = reason.substring(prefix.length());
      }
      throw new IllegalArgumentException("Cannot parse multihash '" + multibase + "': " + reason, e);
    }
  }

  private static Multihash decode(byte[] binary) {
    if (binary == null) {
      throw new IllegalArgumentException("bytes are null");
    }
    Varint.Decoded code = Varint.readU32(binary, 0);
    Multicodec codec = Multicodec.fromCode(code.value()).orElseThrow(
        () -> new IllegalArgumentException("unsupported multicodec code '" + Multicodec.hex(code.value()) + "'"));
    Varint.Decoded len = Varint.readU64(binary, code.next());
    int remaining = binary.length - len.next();
    if (len.value() != remaining) {
      throw new IllegalArgumentException(
          "expected " + Long.toUnsignedString(len.value()) + " digest bytes, found " + remaining);
    }
    if (remaining > MAX_DIGEST_LENGTH) {
      throw new IllegalArgumentException(
          "digest has " + remaining + " bytes, at most " + MAX_DIGEST_LENGTH + " are supported");
    }
    return new Multihash(codec, Arrays.copyOfRange(binary, len.next(), binary.length));
  }

  /** The hash function. */
  public Multicodec codec() {
    return codec;
  }

  /** A copy of the digest bytes. */
  public byte[] digest() {
    return digest.clone();
  }

  /** The binary form (a fresh copy): {@code varint(code) ‖ varint(len) ‖ digest}. */
  public byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(2 * Varint.MAX_U32_BYTES + digest.length);
    Varint.write(out, codec.code());
    Varint.write(out, digest.length);
    out.writeBytes(digest);
    return out.toByteArray();
  }

  /** Renders with another multibase encoding, e.g. {@code BASE58BTC} gives {@code zW1a3…}. */
  public String toString(Multibase encoding) {
    return encoding.encode(toBytes());
  }

  /** The last 8 characters of {@link #toString()}, as kamu's {@code as_multibase().short()}. */
  public String toShortString() {
    String s = toString();
    return s.substring(s.length() - 8);
  }

  /** The canonical lower-case base16 multibase form, {@code f1620…}. */
  @Override
  public String toString() {
    return Multibase.BASE16.encode(toBytes());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Multihash other && codec == other.codec && Arrays.equals(digest, other.digest);
  }

  @Override
  public int hashCode() {
    return 31 * codec.hashCode() + Arrays.hashCode(digest);
  }

  private static MessageDigest newSha3() {
    try {
      return MessageDigest.getInstance("SHA3-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA3-256 is not available in this JDK", e);
    }
  }
}
