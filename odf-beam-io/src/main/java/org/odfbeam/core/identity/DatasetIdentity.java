package org.odfbeam.core.identity;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * A dataset id together with the Ed25519 key pair it was derived from.
 *
 * <p>kamu creates a fresh key pair from the OS CSPRNG for every new dataset and derives the DID from the public key
 * (kamu-data/kamu-cli:src/utils/multiformats/src/did_key.rs {@code new_generated_ed25519}); the private key is not
 * used for verification today but callers may want to keep it. {@link #generate()} uses the JDK's
 * {@code KeyPairGenerator.getInstance("Ed25519")}, backed by {@code SecureRandom}.
 *
 * @param id the dataset id derived from {@code keyPair.getPublic()}
 * @param keyPair the Ed25519 key pair; keep {@code keyPair.getPrivate()} secret
 */
public record DatasetIdentity(DatasetId id, KeyPair keyPair) {
  /** Checks that both are present and that {@code id} matches the public key. */
  public DatasetIdentity {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(keyPair, "keyPair");
    if (!DatasetId.fromPublicKey(keyPair.getPublic()).equals(id)) {
      throw new IllegalArgumentException(
          "Cannot create dataset identity: " + id + " does not match the public key of the key pair");
    }
  }

  /** Generates a fresh Ed25519 key pair and its dataset id. */
  public static DatasetIdentity generate() {
    try {
      KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      return new DatasetIdentity(DatasetId.fromPublicKey(kp.getPublic()), kp);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Ed25519 is not available in this JDK", e);
    }
  }
}
