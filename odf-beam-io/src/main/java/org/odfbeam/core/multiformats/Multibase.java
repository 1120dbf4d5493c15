package org.odfbeam.core.multiformats;

import java.util.Base64;
import java.util.HexFormat;

/**
 * The multibase encodings kamu supports (kamu-data/kamu-cli:src/utils/multiformats/src/multibase.rs).
 *
 * <p>kamu always emits {@link #BASE16} (lower-case hex, prefix {@code f}). {@link #decode} accepts exactly what kamu
 * accepts: {@code f} or {@code F} followed by hex digits of either case, {@code u} followed by base64url without
 * padding, {@code z} followed by base58btc. Any other prefix is rejected (the ODF spec asks for all "final"
 * multibase encodings; kamu does not support them, neither do we).
 *
 * <pre>{@code
 * String s = Multibase.BASE16.encode(bytes);   // "f1620..."
 * byte[] b = Multibase.decode("zQmYtUc...");    // any supported prefix
 * }</pre>
 */
public enum Multibase {
  /** Lower-case hexadecimal, prefix {@code f}. */
  BASE16('f'),
  /** RFC 4648 base64url without padding, prefix {@code u}. */
  BASE64URL('u'),
  /** Base58 with the Bitcoin alphabet, prefix {@code z} (used by {@code did:key}). */
  BASE58BTC('z');

  private static final HexFormat HEX = HexFormat.of();

  private final char prefix;

  Multibase(char prefix) {
    this.prefix = prefix;
  }

  /** The multibase prefix character. */
  public char prefix() {
    return prefix;
  }

  /** Encodes {@code bytes} with this encoding, including the prefix. */
  public String encode(byte[] bytes) {
    return prefix + encodeBody(bytes);
  }

  private String encodeBody(byte[] bytes) {
    switch (this) {
      case BASE16:
        return HEX.formatHex(bytes);
      case BASE64URL:
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      case BASE58BTC:
        return Base58.encode(bytes);
      default:
        throw new AssertionError(this);
    }
  }

  /** Shorthand for {@code BASE16.encode(bytes)}: kamu's default rendering. */
  public static String encodeBase16(byte[] bytes) {
    return BASE16.encode(bytes);
  }

  /** Shorthand for {@code BASE58BTC.encode(bytes)}, as used by {@code did:key}. */
  public static String encodeBase58Btc(byte[] bytes) {
    return BASE58BTC.encode(bytes);
  }

  /**
   * Decodes a multibase string with prefix {@code f}/{@code F}, {@code u} or {@code z}.
   *
   * @throws IllegalArgumentException naming the value, and the prefix if unsupported, when malformed
   */
  public static byte[] decode(String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("Cannot decode multibase '': value is empty");
    }
    char p = value.charAt(0);
    String body = value.substring(1);
    switch (p) {
      case 'f':
      case 'F':
        return decodeHex(value, body);
      case 'u':
        return decodeBase64Url(value, body);
      case 'z':
        byte[] out = Base58.decode(body);
        if (out == null) {
          throw malformed(value, "not valid base58btc");
        }
        return out;
      default:
        throw new IllegalArgumentException(
            "Cannot decode multibase '" + value + "': unsupported multibase prefix '" + p
                + "' (supported: f, F, u, z)");
    }
  }

  private static byte[] decodeHex(String value, String body) {
    if (body.length() % 2 != 0) {
      throw malformed(value, "odd number of hex digits");
    }
    for (int i = 0; i < body.length(); i++) {
      if (Character.digit(body.charAt(i), 16) < 0 || body.charAt(i) > 'f') {
        throw malformed(value, "invalid hex digit '" + body.charAt(i) + "'");
      }
    }
    return HEX.parseHex(body);
  }

  private static byte[] decodeBase64Url(String value, String body) {
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      if (!ok) {
        throw malformed(value, "invalid base64url character '" + c + "' (padding is not allowed)");
      }
    }
    byte[] out;
    try {
      out = Base64.getUrlDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw malformed(value, "not valid base64url");
    }
    // Like the Rust base64 crate, reject non-canonical trailing bits.
    if (!Base64.getUrlEncoder().withoutPadding().encodeToString(out).equals(body)) {
      throw malformed(value, "not canonical base64url");
    }
    return out;
  }

  private static IllegalArgumentException malformed(String value, String reason) {
    return new IllegalArgumentException("Cannot decode multibase '" + value + "': " + reason);
  }
}
