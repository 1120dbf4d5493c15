package org.odfbeam.core.yaml;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * Plain-scalar resolution and float formatting exactly as kamu's serde_yaml_ng 0.10 does them.
 *
 * <p>Source read: acatton/serde-yaml-ng tag 0.10.0 (commit 45bce7b), {@code src/de.rs}:
 * {@code visit_untagged_scalar}, {@code parse_null}, {@code parse_bool}, {@code parse_unsigned_int},
 * {@code parse_negative_int}, {@code parse_f64}, {@code digits_but_not_number}; {@code src/ser.rs}:
 * {@code serialize_f64} (ryu {@code format_finite}). Note: {@code parse_bool} accepts only
 * true/True/TRUE/false/False/FALSE in 0.10.0 (a yes/no variant exists only in an unmerged branch).
 */
final class ScalarResolver {

  private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final BigInteger I64_MIN = BigInteger.ONE.shiftLeft(63).negate();
  private static final BigInteger U128_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
  private static final BigInteger I128_MIN = BigInteger.ONE.shiftLeft(127).negate();

  /** Rust's {@code f64::from_str} grammar for finite numbers (inf/nan words are never finite). */
  private static final Pattern RUST_FLOAT =
      Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

  private ScalarResolver() {}

  static YamlScalar.Type resolve(String v) {
    if (v.isEmpty() || v.equals("null") || v.equals("Null") || v.equals("NULL") || v.equals("~")) {
      return YamlScalar.Type.NULL;
    }
    if (isBool(v)) {
      return YamlScalar.Type.BOOL;
    }
    if (parseIntegerOrNull(v) != null) {
      return YamlScalar.Type.INT;
    }
    if (!digitsButNotNumber(v) && parseF64(v) != null) {
      return YamlScalar.Type.FLOAT;
    }
    return YamlScalar.Type.STRING;
  }

  static boolean isBool(String v) {
    switch (v) {
      case "true":
      case "True":
      case "TRUE":
      case "false":
      case "False":
      case "FALSE":
        return true;
      default:
        return false;
    }
  }

  /** serde_yaml's {@code digits_but_not_number}: leading zero followed by digits only. */
  static boolean digitsButNotNumber(String v) {
    String s = v.startsWith("-") || v.startsWith("+") ? v.substring(1) : v;
    if (s.length() <= 1 || s.charAt(0) != '0') {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  static BigInteger parseInteger(String v) {
    BigInteger r = parseIntegerOrNull(v);
    if (r == null) {
      throw new IllegalArgumentException("Not an integer: " + v);
    }
    return r;
  }

  /** {@code visit_int}: u64, then i64, then u128, then i128. */
  static BigInteger parseIntegerOrNull(String v) {
    BigInteger r = parseUnsigned(v, U64_MAX);
    if (r == null) {
      r = parseNegative(v, I64_MIN);
    }
    if (r == null) {
      r = parseUnsigned(v, U128_MAX);
    }
    if (r == null) {
      r = parseNegative(v, I128_MIN);
    }
    return r;
  }

  private static BigInteger parseUnsigned(String scalar, BigInteger max) {
    String unpositive = scalar.startsWith("+") ? scalar.substring(1) : scalar;
    String[] prefixes = {"0x", "0o", "0b"};
    int[] radixes = {16, 8, 2};
    for (int i = 0; i < prefixes.length; i++) {
      if (unpositive.startsWith(prefixes[i])) {
        String rest = unpositive.substring(2);
        if (rest.startsWith("+") || rest.startsWith("-")) {
          return null;
        }
        BigInteger r = digits(rest, radixes[i]);
        if (r != null && r.compareTo(max) <= 0) {
          return r;
        }
      }
    }
    if (unpositive.startsWith("+") || unpositive.startsWith("-")) {
      return null;
    }
    if (digitsButNotNumber(scalar)) {
      return null;
    }
    BigInteger r = digits(unpositive, 10);
    return r != null && r.compareTo(max) <= 0 ? r : null;
  }

  private static BigInteger parseNegative(String scalar, BigInteger min) {
    String[] prefixes = {"-0x", "-0o", "-0b"};
    int[] radixes = {16, 8, 2};
    for (int i = 0; i < prefixes.length; i++) {
      if (scalar.startsWith(prefixes[i])) {
        BigInteger r = digits(scalar.substring(3), radixes[i]);
        if (r != null && r.negate().compareTo(min) >= 0) {
          return r.negate();
        }
      }
    }
    if (digitsButNotNumber(scalar)) {
      return null;
    }
    // Rust i64/i128::from_str_radix(scalar, 10): one optional sign, then digits.
    boolean negative = scalar.startsWith("-");
    String body = scalar.startsWith("-") || scalar.startsWith("+") ? scalar.substring(1) : scalar;
    BigInteger r = digits(body, 10);
    if (r == null) {
      return null;
    }
    r = negative ? r.negate() : r;
    BigInteger maxSigned = min.negate().subtract(BigInteger.ONE);
    return r.compareTo(min) >= 0 && r.compareTo(maxSigned) <= 0 ? r : null;
  }

  /** Non-empty digits of the radix (either letter case), no sign; null otherwise. */
  private static BigInteger digits(String s, int radix) {
    if (s.isEmpty()) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), radix) < 0 || s.charAt(i) > 'z') {
        return null;
      }
    }
    return new BigInteger(s, radix);
  }

  /** serde_yaml's {@code parse_f64}; null if not a finite float or special value. */
  static Double parseF64(String scalar) {
    String unpositive = scalar;
    if (scalar.startsWith("+")) {
      unpositive = scalar.substring(1);
      if (unpositive.startsWith("+") || unpositive.startsWith("-")) {
        return null;
      }
    }
    switch (unpositive) {
      case ".inf":
      case ".Inf":
      case ".INF":
        return Double.POSITIVE_INFINITY;
      default:
        break;
    }
    switch (scalar) {
      case "-.inf":
      case "-.Inf":
      case "-.INF":
        return Double.NEGATIVE_INFINITY;
      case ".nan":
      case ".NaN":
      case ".NAN":
        return Double.NaN;
      default:
        break;
    }
    if (!RUST_FLOAT.matcher(unpositive).matches()) {
      return null;
    }
    double d = Double.parseDouble(unpositive);
    return Double.isFinite(d) ? d : null;
  }

  static double parseFloat(String v) {
    Double d = parseF64(v);
    if (d == null) {
      throw new IllegalArgumentException("Not a float: " + v);
    }
    return d;
  }

  /**
   * Formats a double like serde_yaml's {@code serialize_f64}: {@code .inf}, {@code -.inf}, {@code .nan},
   * otherwise ryu's {@code format_finite} (shortest round-trip digits; {@code 1.0}, {@code 0.001},
   * {@code 1e16}, {@code 1.5e-7}).
   */
  static String formatFloat(double d) {
    if (Double.isNaN(d)) {
      return ".nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? ".inf" : "-.inf";
    }
    String sign = (d < 0 || (d == 0 && 1 / d < 0)) ? "-" : "";
    double abs = Math.abs(d);
    if (abs == 0) {
      return sign + "0.0";
    }
    BigDecimal exact = new BigDecimal(abs);
    BigDecimal shortest = null;
    for (int p = 1; p <= 17; p++) {
      BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (r.doubleValue() == abs) {
        shortest = r;
        break;
      }
    }
    if (shortest == null) {
      shortest = exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }
    shortest = shortest.stripTrailingZeros();
    String digits = shortest.unscaledValue().toString();
    int k = -shortest.scale(); // value = digits * 10^k
    int length = digits.length();
    int kk = length + k;
    StringBuilder out = new StringBuilder(sign);
    if (k >= 0 && kk <= 16) {
      out.append(digits).append("0".repeat(k)).append(".0");
    } else if (kk > 0 && kk <= 16) {
      out.append(digits, 0, kk).append('.').append(digits, kk, length);
    } else if (kk > -5 && kk <= 0) {
      out.append("0.").append("0".repeat(-kk)).append(digits);
    } else if (length == 1) {
      out.append(digits).append('e').append(kk - 1);
    } else {
      out.append(digits, 0, 1).append('.').append(digits, 1, length).append('e').append(kk - 1);
    }
    return out.toString();
  }
}
