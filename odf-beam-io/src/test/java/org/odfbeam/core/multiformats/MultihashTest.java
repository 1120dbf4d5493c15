package org.odfbeam.core.multiformats;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultihashTest {
  // Golden vectors: kamu-data/kamu-cli:src/utils/multiformats/tests/tests/test_multihash.rs
  private static final String MULTIHASH_SHA3 =
      "f162008c3792b2a4deed1bd7ea2328fb5de5531eccf0fbfa04a7d800cdc267137c635";
  private static final String SHA2_HEX = "f12209cbc07c3f991725836a3aa2a581ca2029198aa420b9d99bc0e131d9f3e2cbe47";

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void sha3OfMultihashMatchesKamu() {
    // test_multihash.rs test_as_multibase / test_debug
    Multihash h = Multihash.sha3_256(ascii("multihash"));
    assertThat(h.toString(), equalTo(MULTIHASH_SHA3));
    assertThat(h.toString(Multibase.BASE58BTC), equalTo("zW1a3CNT52HXiJNniLkWMeev3CPRy9QiNRMWGyTrVNg4hY8"));
    assertThat(h.toShortString(), equalTo("7137c635"));
    assertThat(h.codec(), equalTo(Multicodec.SHA3_256));
  }

  @Test
  void sha3OfPrevMatchesFormatNotes() {
    // the project's shared odf-format-notes.md section 2 (multihash of SHA3-256("prev"), from kamu's serde tests)
    assertThat(Multihash.sha3_256(ascii("prev")).toString(),
        equalTo("f16209eb949bd8ff0bb1d827f11809aebc6bd0d5955c7f368469a913c70d196620272"));
  }

  @Test
  void decodesSha2AndReencodesAsBase58() {
    // test_multihash.rs test_decode_encode
    Multihash h = Multihash.parse(SHA2_HEX);
    assertThat(h.codec(), equalTo(Multicodec.SHA2_256));
    assertThat(h.toString(Multibase.BASE58BTC), equalTo("zQmYtUc4iTCbbfVSDNKvtQqrfyezPPnFvE33wFmutw9PBBk"));
    assertThat(Multihash.parse("zQmYtUc4iTCbbfVSDNKvtQqrfyezPPnFvE33wFmutw9PBBk"), equalTo(h));
  }

  @Test
  void equalityIgnoresMultibaseCase() {
    // test_multihash.rs test_eq
    Multihash lower = Multihash.parse(MULTIHASH_SHA3);
    Multihash upper = Multihash.parse("F162008C3792B2A4DEED1BD7EA2328FB5DE5531ECCF0FBFA04A7D800CDC267137C635");
    assertThat(upper, equalTo(lower));
    assertThat(upper.hashCode(), equalTo(lower.hashCode()));
    assertThat(Multihash.parse(SHA2_HEX), not(equalTo(lower)));
    assertThat(upper.toString(), equalTo(MULTIHASH_SHA3));
  }

  @Test
  void parsesBase64Url() {
    Multihash h = Multihash.parse(MULTIHASH_SHA3);
    assertThat(Multihash.parse(h.toString(Multibase.BASE64URL)), equalTo(h));
  }

  @Test
  void binaryFormIsCodeLengthDigest() {
    Multihash h = Multihash.sha3_256(ascii("multihash"));
    byte[] bin = h.toBytes();
    assertThat(bin.length, equalTo(34));
    assertThat(HexFormat.of().formatHex(bin), equalTo(MULTIHASH_SHA3.substring(1)));
    assertThat(Multihash.fromBytes(bin), equalTo(h));
  }

  @Test
  void logicalHashCodecUsesFourByteVarint() {
    // Rendering f9680c00120… : the project's shared odf-format-notes.md section 2
    Multihash h = Multihash.ofDigest(Multicodec.ARROW0_SHA3_256, new byte[32]);
    assertThat(h.toBytes().length, equalTo(37));
    assertThat(h.toString().substring(0, 11), equalTo("f9680c00120"));
    assertThat(Multihash.parse(h.toString()), equalTo(h));
  }

  @Test
  void digestAndBytesAreDefensiveCopies() {
    byte[] digest = new byte[32];
    Multihash h = Multihash.ofDigest(Multicodec.SHA3_256, digest);
    digest[0] = 1;
    h.digest()[1] = 1;
    h.toBytes()[2] = 1;
    assertArrayEquals(new byte[32], h.digest());
  }

  @Test
  void rejectsTruncatedDigestWithCounts() {
    String truncated = MULTIHASH_SHA3.substring(0, MULTIHASH_SHA3.length() - 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Multihash.parse(truncated));
    assertThat(e.getMessage(),
        equalTo("Cannot parse multihash '" + truncated + "': expected 32 digest bytes, found 31"));
  }

  @Test
  void rejectsTrailingBytes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Multihash.parse(MULTIHASH_SHA3 + "00"));
    assertThat(e.getMessage(), containsString("expected 32 digest bytes, found 33"));
  }

  @Test
  void rejectsUnknownCode() {
    // 0x13 = sha2-512, unknown to kamu's Multicodec::try_from
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Multihash.parse("f130100"));
    assertThat(e.getMessage(), equalTo("Cannot parse multihash 'f130100': unsupported multicodec code '0x13'"));
  }

  @Test
  void rejectsMultiDidCodeLikeKamu() {
    // kamu's TryFrom<u32> for Multicodec omits MultiDid (0x0d1d): src/utils/multiformats/src/multicodec.rs
    byte[] bin = {(byte) 0x9d, 0x1a, 0x00};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Multihash.fromBytes(bin));
    assertThat(e.getMessage(), equalTo("Cannot read multihash from bytes 9d1a00: unsupported multicodec code '0xd1d'"));
  }

  @Test
  void rejectsDigestsLongerThan32Bytes() {
    byte[] bin = new byte[2 + 33];
    bin[0] = 0x16;
    bin[1] = 33;
    assertThat(assertThrows(IllegalArgumentException.class, () -> Multihash.fromBytes(bin)).getMessage(),
        containsString("digest has 33 bytes, at most 32 are supported"));
    assertThat(assertThrows(IllegalArgumentException.class,
            () -> Multihash.ofDigest(Multicodec.SHA3_256, new byte[33])).getMessage(),
        containsString("at most 32"));
  }

  @Test
  void rejectsUnsupportedMultibase() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Multihash.parse("x1620"));
    assertThat(e.getMessage(), containsString("Cannot parse multihash 'x1620'"));
    assertThat(e.getMessage(), containsString("unsupported multibase prefix 'x'"));
  }

  @Test
  void rejectsEmptyBinary() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Multihash.parse("f"));
    assertThat(e.getMessage(), containsString("Cannot parse multihash 'f'"));
  }

  @Test
  void hashesFilesLikeBytes(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("x");
    Files.write(f, ascii("multihash"));
    assertThat(Multihash.sha3_256(f).toString(), equalTo(MULTIHASH_SHA3));
  }

  @Test
  void multicodecLookups() {
    assertThat(Multicodec.fromCode(0xed).orElseThrow(), equalTo(Multicodec.ED25519_PUB));
    assertThat(Multicodec.fromName("arrow0-sha3-256"), equalTo(Multicodec.ARROW0_SHA3_256));
    assertThat(Multicodec.ODF_METADATA_BLOCK.code(), equalTo(0x400000L));
    assertThat(assertThrows(IllegalArgumentException.class, () -> Multicodec.fromName("md5")).getMessage(),
        equalTo("Unsupported multicodec name 'md5'"));
  }
}
