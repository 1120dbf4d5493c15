package org.odfbeam.core.multiformats;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MultibaseTest {
  private static final byte[] HELLO = "hello world".getBytes(StandardCharsets.US_ASCII);

  @Test
  void encodesBase16LowerCaseWithPrefixF() {
    assertThat(Multibase.encodeBase16(new byte[] {(byte) 0xAB, 0x01}), equalTo("fab01"));
  }

  @Test
  void decodesHexInEitherCaseWithEitherPrefix() {
    // Upper-case 'F' form accepted: kamu-data/kamu-cli:src/utils/multiformats/tests/tests/test_multihash.rs test_eq
    assertArrayEquals(new byte[] {(byte) 0xAB, 0x01}, Multibase.decode("fAb01"));
    assertArrayEquals(new byte[] {(byte) 0xAB, 0x01}, Multibase.decode("FAB01"));
  }

  @Test
  void base58btcMatchesTheMultibaseSpecExample() {
    // multiformats/multibase:tests/basic.csv ("yes mani !") -> z7paNL19xttacUY
    byte[] input = "yes mani !".getBytes(StandardCharsets.US_ASCII);
    assertThat(Multibase.encodeBase58Btc(input), equalTo("z7paNL19xttacUY"));
    assertArrayEquals(input, Multibase.decode("z7paNL19xttacUY"));
  }

  @Test
  void base58KeepsLeadingZeros() {
    byte[] input = {0, 0, 1, 2};
    String s = Multibase.encodeBase58Btc(input);
    assertThat(s.substring(0, 3), equalTo("z11"));
    assertArrayEquals(input, Multibase.decode(s));
  }

  @Test
  void decodesBase64UrlWithoutPadding() {
    // multiformats/multibase:tests/basic.csv base64url: "yes mani !" -> ueWVzIG1hbmkgIQ
    assertArrayEquals("yes mani !".getBytes(StandardCharsets.US_ASCII), Multibase.decode("ueWVzIG1hbmkgIQ"));
    assertThat(Multibase.BASE64URL.encode(HELLO), equalTo("uaGVsbG8gd29ybGQ"));
  }

  @Test
  void rejectsBase64UrlPadding() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Multibase.decode("ueWVzIG1hbmkgIQ=="));
    assertThat(e.getMessage(), containsString("'ueWVzIG1hbmkgIQ=='"));
    assertThat(e.getMessage(), containsString("padding is not allowed"));
  }

  @Test
  void rejectsUnsupportedPrefixNamingPrefixAndValue() {
    // kamu only supports f/F, u, z: kamu-data/kamu-cli:src/utils/multiformats/src/multibase.rs
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Multibase.decode("mAQID"));
    assertThat(e.getMessage(), equalTo(
        "Cannot decode multibase 'mAQID': unsupported multibase prefix 'm' (supported: f, F, u, z)"));
  }

  @Test
  void rejectsMalformedHex() {
    assertThat(assertThrows(IllegalArgumentException.class, () -> Multibase.decode("fabc")).getMessage(),
        containsString("odd number of hex digits"));
    assertThat(assertThrows(IllegalArgumentException.class, () -> Multibase.decode("fzz")).getMessage(),
        containsString("invalid hex digit 'z'"));
  }

  @Test
  void rejectsEmptyAndBadBase58() {
    assertThat(assertThrows(IllegalArgumentException.class, () -> Multibase.decode("")).getMessage(),
        containsString("value is empty"));
    assertThat(assertThrows(IllegalArgumentException.class, () -> Multibase.decode("z0OIl")).getMessage(),
        containsString("not valid base58btc"));
  }
}
