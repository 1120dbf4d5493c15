package org.odfbeam.core.multiformats;

import java.util.Optional;

/**
 * The multicodec codes kamu knows (kamu-data/kamu-cli:src/utils/multiformats/src/multicodec.rs).
 *
 * <p>Names follow the official multicodec table; the last three are in the private-use range.
 */
public enum Multicodec {
  /** CIDv1, 0x01. */
  CIDV1(0x01, "cidv1"),
  /** SHA2-256, 0x12. */
  SHA2_256(0x12, "sha2-256"),
  /** SHA3-256, 0x16: block hashes and physical hashes of data/checkpoint files. */
  SHA3_256(0x16, "sha3-256"),
  /** Ed25519 public key, 0xed: the key type of {@code did:odf} and {@code did:key}. */
  ED25519_PUB(0xed, "ed25519-pub"),
  /**
   * multidid, 0x0d1d. Note: kamu's {@code TryFrom<u32>} omits this code, so {@link #fromCode} does not return it
   * (binary decoding of a multidid code fails in kamu too).
   */
  MULTI_DID(0x0d1d, "multidid"),
  /** arrow0-sha3-256 (private use), 0x300016: logical data hashes. */
  ARROW0_SHA3_256(0x300016, "arrow0-sha3-256"),
  /** odf-metadata-block (private use), 0x400000: Manifest kind of a block. */
  ODF_METADATA_BLOCK(0x400000, "odf-metadata-block"),
  /** odf-dataset-snapshot (private use), 0x400001. */
  ODF_DATASET_SNAPSHOT(0x400001, "odf-dataset-snapshot");

  private final long code;
  private final String multicodecName;

  Multicodec(long code, String multicodecName) {
    this.code = code;
    this.multicodecName = multicodecName;
  }

  /** The numeric multicodec code. */
  public long code() {
    return code;
  }

  /** The official multicodec name, e.g. {@code sha3-256} (kamu's {@code Display}). */
  public String multicodecName() {
    return multicodecName;
  }

  /**
   * The codec for a code read from binary, mirroring kamu's {@code TryFrom<u32>} (which does not include
   * {@link #MULTI_DID}); empty when kamu would reject the code.
   */
  public static Optional<Multicodec> fromCode(long code) {
    for (Multicodec c : values()) {
      if (c.code == code && c != MULTI_DID) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * The codec with the given official name ({@code sha3-256}, ...).
   *
   * @throws IllegalArgumentException naming the value if unknown
   */
  public static Multicodec fromName(String name) {
    for (Multicodec c : values()) {
      if (c.multicodecName.equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException("Unsupported multicodec name '" + name + "'");
  }

  /** Formats a code as kamu does in errors, e.g. {@code 0x16}. */
  static String hex(long code) {
    return "0x" + Long.toHexString(code);
  }
}
