package org.odfbeam.core.identity;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DatasetIdTest {
  // kamu-data/kamu-cli:src/odf/metadata/tests/tests/test_dataset_id.rs (test_debug, test_multibase)
  // and src/utils/multiformats/tests/tests/test_did_key.rs (test_multibase, test_debug)
  private static final String SEEDED_MULTIHASH =
      "did:odf:fed012126262ba49e1ba8392c26f7a39e1ba8d756c7469786d3365200c68402ff65dc";
  // test_dataset_id.rs test_did_string
  private static final String DID_STRING =
      "did:odf:fed012e6fcce36701dc791488e0d0b1745cc1e33a4c1c9fcc41c63bd343dbbe0970e6";
  // test_dataset_id.rs test_eq
  private static final String Z_FORM = "did:odf:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";

  @Test
  void seededIdMatchesKamu() {
    DatasetId id = SeededDatasetIds.seeded("multihash");
    assertThat(id.toString(), equalTo(SEEDED_MULTIHASH));
    assertThat(id.toMultibase(), equalTo(SEEDED_MULTIHASH.substring("did:odf:".length())));
    // test_did_key.rs test_debug
    assertThat(id.toDidKey(), equalTo("did:key:z6MkggfEoTnRceFGdwjUtm1JaWeHQVKUpttKZUY6KAMaWvqq"));
  }

  @Test
  void seededInputIdsMatchSerdeYamlTest() {
    // kamu-data/kamu-cli:src/odf/metadata/tests/tests/test_serde_yaml.rs serde_metadata_block
    assertThat(SeededDatasetIds.seeded("input1").toString(),
        equalTo("did:odf:fed01816ef0a9abe93aba816ef0a9abe93aba90e6065747170300c0d3d30c2cd8d7a4"));
    assertThat(SeededDatasetIds.seeded("input2").toString(),
        equalTo("did:odf:fed01826ef0a9abea3a3a826ef0a9abea3a3a90e6065747270300c1d3b30a2cd9d724"));
  }

  @Test
  void seededKeyIdMatchesDatasetRefsTest() {
    // kamu-data/kamu-cli:src/odf/metadata/tests/tests/test_dataset_identity.rs test_dataset_refs
    assertThat(DatasetId.parse("did:odf:z6MkmgVreHBu2ABaD59Jq1J2JneXwzpsUWwEWXS4kLhjb4V4"),
        equalTo(SeededDatasetIds.seeded("key")));
  }

  @Test
  void parsesCanonicalStringAndRendersDidKey() {
    // test_dataset_id.rs test_did_string
    DatasetId id = DatasetId.parse(DID_STRING);
    assertThat(id.toString(), equalTo(DID_STRING));
    assertThat(id.toDidKey(), equalTo("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"));
  }

  @Test
  void parsesOtherMultibaseFormsToTheSameId() {
    // test_dataset_id.rs test_eq; test_did_key.rs test_did_string links the z and f forms of this key
    assertThat(DatasetId.parse(Z_FORM), equalTo(DatasetId.parse(DID_STRING)));
    assertThat(DatasetId.parse(Z_FORM).toString(), equalTo(DID_STRING));
    assertThat(DatasetId.parse("did:odf:" + DID_STRING.substring(8).toUpperCase()), equalTo(DatasetId.parse(DID_STRING)));
    assertThat(DatasetId.parse(Z_FORM), not(equalTo(
        DatasetId.parse("did:odf:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doL"))));
  }

  @Test
  void binaryFormIsEd01PlusKey() {
    DatasetId id = DatasetId.parse(DID_STRING);
    byte[] bin = id.toBytes();
    assertThat(bin.length, equalTo(34));
    assertThat(HexFormat.of().formatHex(bin), equalTo(DID_STRING.substring(9)));
    assertThat(DatasetId.fromBytes(bin), equalTo(id));
    assertArrayEquals(java.util.Arrays.copyOfRange(bin, 2, 34), id.publicKey());
  }

  @Test
  void rejectsOtherDidMethods() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DatasetId.parse("did:foo:fed012e6fcce36701dc791488e0d0b1745cc1e33a4c1c9fcc41c63bd343dbbe0970e6"));
    assertThat(e.getMessage(), equalTo("Cannot parse dataset id "
        + "'did:foo:fed012e6fcce36701dc791488e0d0b1745cc1e33a4c1c9fcc41c63bd343dbbe0970e6': expected prefix 'did:odf:'"));
  }

  @Test
  void rejectsUnsupportedMultibasePrefix() {
    // like test_did_key.rs test_did_string: from_did_str("did:key:xASDSAD") is an error
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DatasetId.parse("did:odf:xASDSAD"));
    assertThat(e.getMessage(), startsWith("Cannot parse dataset id 'did:odf:xASDSAD': "));
    assertThat(e.getMessage(), containsString("unsupported multibase prefix 'x'"));
  }

  @Test
  void rejectsWrongKeyTypeAndLength() {
    assertThat(assertThrows(IllegalArgumentException.class, () -> DatasetId.parse("did:odf:f1620" + "00".repeat(32)))
            .getMessage(), containsString("unsupported key type 0x16, key must be ed25519-pub (0xed)"));
    assertThat(assertThrows(IllegalArgumentException.class, () -> DatasetId.parse("did:odf:fed01" + "00".repeat(31)))
            .getMessage(), containsString("expected 32 Ed25519 public key bytes, found 31"));
    assertThat(assertThrows(IllegalArgumentException.class, () -> DatasetId.fromBytes(new byte[] {(byte) 0xed, 1}))
            .getMessage(), equalTo("Cannot read dataset id from bytes ed01: expected 32 Ed25519 public key bytes, found 0"));
  }

  @Test
  void newRandomIdsAreDistinctAndRoundTrip() {
    DatasetId a = DatasetId.newRandom();
    DatasetId b = DatasetId.newRandom();
    assertThat(a, not(equalTo(b)));
    assertThat(DatasetId.parse(a.toString()), equalTo(a));
    assertThat(DatasetId.fromBytes(a.toBytes()), equalTo(a));
  }

  @Test
  void identityKeepsAUsablePrivateKey() throws Exception {
    DatasetIdentity identity = DatasetIdentity.generate();
    assertThat(DatasetId.fromPublicKey(identity.keyPair().getPublic()), equalTo(identity.id()));
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(identity.keyPair().getPrivate());
    signer.update(new byte[] {1, 2, 3});
    byte[] sig = signer.sign();
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(identity.keyPair().getPublic());
    verifier.update(new byte[] {1, 2, 3});
    assertThat(verifier.verify(sig), equalTo(true));
  }

  @Test
  void identityRejectsMismatchedKeyPair() throws Exception {
    var other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    DatasetId id = SeededDatasetIds.seeded("multihash");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new DatasetIdentity(id, other));
    assertThat(e.getMessage(), containsString("does not match the public key"));
  }

  @Test
  void jdkRawKeyIsLastBytesOfX509() throws Exception {
    // RFC 8410: Ed25519 SubjectPublicKeyInfo is a fixed 12-byte prefix + 32-byte key
    var kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] x509 = kp.getPublic().getEncoded();
    assertThat(HexFormat.of().formatHex(x509, 0, 12), equalTo("302a300506032b6570032100"));
    assertArrayEquals(java.util.Arrays.copyOfRange(x509, 12, 44), DatasetId.fromPublicKey(kp.getPublic()).publicKey());
  }
}
