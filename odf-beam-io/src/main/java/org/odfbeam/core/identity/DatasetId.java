package org.odfbeam.core.identity;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import org.odfbeam.core.multiformats.Multibase;
import org.odfbeam.core.multiformats.Multicodec;
import org.odfbeam.core.multiformats.Varint;

/**
 * Unique identifier of a dataset: a {@code did:odf} DID wrapping an Ed25519 public key
 * (kamu-data/kamu-cli:src/odf/metadata/src/formats/did_odf.rs, src/odf/metadata/src/dataset/dataset_id.rs).
 *
 * <p>Binary form (stored in {@code Seed.datasetId}): {@code ed 01 ‖ 32-byte key} (34 bytes). String form:
 * {@code did:odf:} + lower-case base16 multibase of the binary form, e.g.
 * {@code did:odf:fed012126262ba49e1ba8392c26f7a39e1ba8d756c7469786d3365200c68402ff65dc}. {@link #parse} also
 * accepts the other multibase prefixes kamu accepts ({@code F}, {@code u}, {@code z}); {@link #toString} is
 * always canonical, so {@code parse(id.toString()).equals(id)} and {@code parse(s).toString().equals(s)} for
 * every canonical {@code s}.
 *
 * <p>New ids: {@link #newRandom()} or {@link DatasetIdentity#generate()} (which keeps the private key).
 */
public final class DatasetId {
  /** The DID method prefix. */
  public static final String PREFIX = "did:odf:";

  /** Length of an Ed25519 public key. */
  public static final int PUBLIC_KEY_LENGTH = 32;

  private static final byte[] KEY_TYPE = Varint.encode(Multicodec.ED25519_PUB.code());

  private final byte[] publicKey;

  private DatasetId(byte[] publicKey) {
    this.publicKey = publicKey;
  }

  /**
   * An id from a raw 32-byte Ed25519 public key.
   *
   * @throws IllegalArgumentException if the key is not 32 bytes
   */
  public static DatasetId fromPublicKey(byte[] publicKey) {
    if (publicKey == null || publicKey.length != PUBLIC_KEY_LENGTH) {
      throw new IllegalArgumentException("Cannot create dataset id: Ed25519 public key must have "
          + PUBLIC_KEY_LENGTH + " bytes, got " + (publicKey == null ? "null" : publicKey.length));
    }
    return new DatasetId(publicKey.clone());
  }

  /**
   * An id from a JDK Ed25519 public key (its raw key is the last 32 bytes of the X.509 encoding).
   *
   * @throws IllegalArgumentException if the key is not an X.509-encoded Ed25519 key
   */
  public static DatasetId fromPublicKey(PublicKey key) {
    byte[] x509 = key.getEncoded();
    if (!"X.509".equals(key.getFormat()) || x509 == null || x509.length < PUBLIC_KEY_LENGTH
        || !("Ed25519".equals(key.getAlgorithm()) || "EdDSA".equals(key.getAlgorithm()))) {
      throw new IllegalArgumentException("Cannot create dataset id: expected an X.509 Ed25519 public key, got "
          + key.getAlgorithm() + "/" + key.getFormat());
    }
    return new DatasetId(Arrays.copyOfRange(x509, x509.length - PUBLIC_KEY_LENGTH, x509.length));
  }

  /** A new id from a fresh Ed25519 key pair (the private key is discarded; see {@link DatasetIdentity}). */
  public static DatasetId newRandom() {
    return DatasetIdentity.generate().id();
  }

  /**
   * Reads the binary form {@code ed 01 ‖ 32-byte key}.
   *
   * @throws IllegalArgumentException naming the bytes if the key type is not ed25519-pub or the key is not 32 bytes
   */
  public static DatasetId fromBytes(byte[] binary) {
    try {
      return decode(binary);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Cannot read dataset id from bytes "
          + (binary == null ? "null" : HexFormat.of().formatHex(binary)) + ": " + e.getMessage(), e);
    }
  }

  private static DatasetId decode(byte[] binary) {
    if (binary == null) {
      throw new IllegalArgumentException("bytes are null");
    }
    Varint.Decoded code = Varint.readU32(binary, 0);
    if (code.value() != Multicodec.ED25519_PUB.code()) {
      throw new IllegalArgumentException("unsupported key type 0x" + Long.toHexString(code.value())
          + ", key must be ed25519-pub (0xed)");
    }
    int keyLength = binary.length - code.next();
    if (keyLength != PUBLIC_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "expected " + PUBLIC_KEY_LENGTH + " Ed25519 public key bytes, found " + keyLength);
    }
    return new DatasetId(Arrays.copyOfRange(binary, code.next(), binary.length));
  }

  /**
   * Parses {@code did:odf:<multibase>}.
   *
   * @throws IllegalArgumentException naming the value, e.g. for a {@code did:foo:} prefix or an unsupported
   *     multibase prefix
   */
  public static DatasetId parse(String did) {
    if (did == null || !did.startsWith(PREFIX)) {
      throw new IllegalArgumentException("Cannot parse dataset id '" + did + "': expected prefix '" + PREFIX + "'");
    }
    return parseMultibase(did.substring(PREFIX.length()), did);
  }

  /**
   * Parses the multibase part alone ({@code fed01…}), e.g. a dataset directory name in a kamu workspace.
   *
   * @throws IllegalArgumentException naming the value
   */
  public static DatasetId parseMultibase(String multibase) {
    return parseMultibase(multibase, multibase);
  }

  private static DatasetId parseMultibase(String multibase, String original) {
    try {
      return decode(Multibase.decode(multibase));
    } catch (IllegalArgumentException e) {
      String reason = e.getMessage();
      String noise = "Cannot decode multibase '" + multibase + "': ";
      if (reason != null && reason.startsWith(noise)) {
        reason = reason.substring(noise.length());
      }
      throw new IllegalArgumentException("Cannot parse dataset id '" + original + "': " + reason, e);
    }
  }

  /** A copy of the raw 32-byte Ed25519 public key. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The binary form {@code ed 01 ‖ key} (a fresh copy, 34 bytes). */
  public byte[] toBytes() {
    byte[] out = new byte[KEY_TYPE.length + publicKey.length];
    System.arraycopy(KEY_TYPE, 0, out, 0, KEY_TYPE.length);
    System.arraycopy(publicKey, 0, out, KEY_TYPE.length, publicKey.length);
    return out;
  }

  /** The multibase part without {@code did:odf:}, {@code fed01…} (kamu's dataset directory name). */
  public String toMultibase() {
    return Multibase.BASE16.encode(toBytes());
  }

  /** The same key as a W3C {@code did:key:z…} (base58btc), as kamu's {@code as_did_key().as_did_str()}. */
  public String toDidKey() {
    return "did:key:" + Multibase.BASE58BTC.encode(toBytes());
  }

  /** The canonical {@code did:odf:f…} form. */
  @Override
  public String toString() {
    return PREFIX + toMultibase();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DatasetId other && Arrays.equals(publicKey, other.publicKey);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(publicKey);
  }
}
