package org.odfbeam.core.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Container for custom key-value extension attributes ({@code extra} fields). Every key should be of the form
 * {@code <domain>/<path>} (e.g. {@code kamu.dev/archetype}); values may be any JSON value.
 *
 * <p><b>Value representation</b> (plain Java objects, normalized on construction, deeply immutable):
 * JSON null = {@code null}; string = {@link String}; true/false = {@link Boolean}; integer = {@link Long}, or
 * {@link BigInteger} for values above {@link Long#MAX_VALUE} up to 2^64-1; any other number = {@link Double}
 * (like serde_json without {@code arbitrary_precision}: integers outside [-2^63, 2^64) become doubles);
 * array = unmodifiable {@link List} (may contain nulls); object = unmodifiable {@link SortedMap} with
 * {@link String} keys ordered by {@link #KEY_ORDER}. Inputs of other numeric types (Integer, Short, Float,
 * BigDecimal…) are converted; anything else is rejected with {@link IllegalArgumentException}.
 *
 * <p><b>FlatBuffers form</b>: one string {@code entries} holding {@link #toCanonicalJson()}, which reproduces
 * serde_json's compact output over a {@code BTreeMap}: no whitespace, keys sorted by UTF-8 byte order at every
 * level, non-ASCII characters raw, only {@code "}, {@code \} and control characters escaped, doubles in ryu's
 * shortest form ({@code 1.0}, {@code 0.001}, {@code 1e20}, {@code 1.5e-7}). {@link #parseJson(String)} reads it
 * back; {@code parseJson(a.toCanonicalJson()).equals(a)} holds for every instance.
 */
public final class ExtraAttributes {
  /** Orders keys by UTF-8 byte order (equivalently: by Unicode code point), as Rust's {@code String} does. */
  public static final Comparator<String> KEY_ORDER = ExtraAttributes::compareCodePoints;

  private static final ExtraAttributes EMPTY = new ExtraAttributes(Collections.unmodifiableSortedMap(new TreeMap<>(KEY_ORDER)));
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final JsonFactory JSON = new JsonFactory();

  private final SortedMap<String, Object> entries;

  private ExtraAttributes(SortedMap<String, Object> entries) {
    this.entries = entries;
  }

  /** No attributes ({@code {}}). */
  public static ExtraAttributes empty() {
    return EMPTY;
  }

  /** Attributes holding a normalized deep copy of {@code entries} (see class docs for accepted values). */
  public static ExtraAttributes of(Map<String, ?> entries) {
    Objects.requireNonNull(entries, "entries");
    return entries.isEmpty() ? EMPTY : new ExtraAttributes(normalizeMap(entries, ""));
  }

  /**
   * Parses a JSON object (e.g. the FlatBuffers {@code entries} string).
   *
   * @throws IllegalArgumentException if {@code json} is not a single valid JSON object, naming the problem
   */
  public static ExtraAttributes parseJson(String json) {
    Objects.requireNonNull(json, "json");
    try (JsonParser p = JSON.createParser(json)) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("Invalid extra attributes JSON: expected an object but got "
            + (t == null ? "nothing" : t.asString() == null ? t.name() : "'" + p.getText() + "'"));
      }
      Object value = readValue(p, t);
      JsonToken trailing = p.nextToken();
      if (trailing != null) {
        throw new IllegalArgumentException(
            "Invalid extra attributes JSON: trailing content '" + p.getText() + "' after the object");
      }
      @SuppressWarnings("unchecked")
      SortedMap<String, Object> map = (SortedMap<String, Object>) value;
      return map.isEmpty() ? EMPTY : new ExtraAttributes(map);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Invalid extra attributes JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("Invalid extra attributes JSON: " + e.getMessage(), e);
    }
  }

  /** The attributes, sorted by {@link #KEY_ORDER}; unmodifiable. */
  public SortedMap<String, Object> entries() {
    return entries;
  }

  /** The value of {@code key}, or {@code null} when absent or JSON null. */
  public Object get(String key) {
    return entries.get(key);
  }

  /** Whether {@code key} is present (possibly with a JSON null value). */
  public boolean containsKey(String key) {
    return entries.containsKey(key);
  }

  /** Whether there are no attributes. */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Number of top-level attributes. */
  public int size() {
    return entries.size();
  }

  /** A copy with {@code key} set to {@code value} (normalized as in {@link #of(Map)}). */
  public ExtraAttributes with(String key, Object value) {
    Objects.requireNonNull(key, "key");
    TreeMap<String, Object> copy = new TreeMap<>(KEY_ORDER);
    copy.putAll(entries);
    copy.put(checkString(key, "key"), normalize(value, key));
    return new ExtraAttributes(Collections.unmodifiableSortedMap(copy));
  }

  /** A copy without {@code key}. */
  public ExtraAttributes without(String key) {
    if (!entries.containsKey(key)) {
      return this;
    }
    TreeMap<String, Object> copy = new TreeMap<>(KEY_ORDER);
    copy.putAll(entries);
    copy.remove(key);
    return copy.isEmpty() ? EMPTY : new ExtraAttributes(Collections.unmodifiableSortedMap(copy));
  }

  /** serde_json compact output with sorted keys (see class docs); the FlatBuffers {@code entries} string. */
  public String toCanonicalJson() {
    StringBuilder sb = new StringBuilder(64);
    writeValue(sb, entries);
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExtraAttributes other && entries.equals(other.entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  /** The canonical JSON. */
  @Override
  public String toString() {
    return toCanonicalJson();
  }

  // ---------------------------------------------------------------------------------------------------------
  // Normalization

  private static SortedMap<String, Object> normalizeMap(Map<?, ?> map, String path) {
    TreeMap<String, Object> out = new TreeMap<>(KEY_ORDER);
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        throw new IllegalArgumentException("Invalid extra attribute " + (path.isEmpty() ? "key" : path)
            + ": object keys must be strings, but got " + e.getKey());
      }
      String child = path.isEmpty() ? key : path + "." + key;
      out.put(checkString(key, child), normalize(e.getValue(), child));
    }
    return Collections.unmodifiableSortedMap(out);
  }

  private static Object normalize(Object v, String path) {
    if (v == null || v instanceof Boolean || v instanceof Long) {
      return v;
    }
    if (v instanceof String s) {
      return checkString(s, path);
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof BigInteger b) {
      return integer(b);
    }
    if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
      double d = ((Number) v).doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("Invalid extra attribute " + path + ": " + v + " is not a JSON number");
      }
      return d;
    }
    if (v instanceof Map<?, ?> m) {
      return normalizeMap(m, path);
    }
    if (v instanceof Collection<?> c) {
      List<Object> out = new ArrayList<>(c.size());
      int i = 0;
      for (Object item : c) {
        out.add(normalize(item, path + "[" + i++ + "]"));
      }
      return Collections.unmodifiableList(out);
    }
    throw new IllegalArgumentException("Invalid extra attribute " + path + ": unsupported value type "
        + v.getClass().getName() + " (" + v + ")");
  }

  private static Object integer(BigInteger b) {
    if (b.bitLength() < 64) {
      return b.longValue();
    }
    if (b.compareTo(LONG_MIN) >= 0 && b.compareTo(U64_MAX) <= 0) {
      return b;
    }
    return b.doubleValue();
  }

  private static String checkString(String s, String path) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException("Invalid extra attribute " + path
            + ": string contains an unpaired surrogate at index " + i);
      }
    }
    return s;
  }

  private static int compareCodePoints(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        // Surrogates (supplementary code points) sort after all BMP chars in UTF-8 byte order.
        boolean sx = Character.isSurrogate(x);
        boolean sy = Character.isSurrogate(y);
        if (sx != sy) {
          return sx ? 1 : -1;
        }
        return x - y;
      }
    }
    return a.length() - b.length();
  }

  // ---------------------------------------------------------------------------------------------------------
  // Parsing

  private static Object readValue(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT: {
        TreeMap<String, Object> map = new TreeMap<>(KEY_ORDER);
        for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
          String key = p.currentName();
          map.put(checkString(key, key), readValue(p, p.nextToken())); // last duplicate wins, like serde_json
        }
        return Collections.unmodifiableSortedMap(map);
      }
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
          list.add(readValue(p, e));
        }
        return Collections.unmodifiableList(list);
      }
      case VALUE_STRING:
        return checkString(p.getText(), p.currentName() == null ? "value" : p.currentName());
      case VALUE_NUMBER_INT:
        switch (p.getNumberType()) {
          case INT:
          case LONG:
            return p.getLongValue();
          default:
            return integer(p.getBigIntegerValue());
        }
      case VALUE_NUMBER_FLOAT: {
        double d = p.getDoubleValue();
        if (!Double.isFinite(d)) {
          throw new IllegalArgumentException(
              "Invalid extra attributes JSON: number out of range: " + p.getText());
        }
        return d;
      }
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IllegalArgumentException("Invalid extra attributes JSON: unexpected token " + t);
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Writing

  private static void writeValue(StringBuilder sb, Object v) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String s) {
      writeString(sb, s);
    } else if (v instanceof Boolean || v instanceof Long || v instanceof BigInteger) {
      sb.append(v);
    } else if (v instanceof Double d) {
      sb.append(formatDouble(d));
    } else if (v instanceof Map<?, ?> m) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        writeString(sb, (String) e.getKey());
        sb.append(':');
        writeValue(sb, e.getValue());
      }
      sb.append('}');
    } else {
      sb.append('[');
      boolean first = true;
      for (Object item : (List<?>) v) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        writeValue(sb, item);
      }
      sb.append(']');
    }
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private static void writeString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': sb.append("\\\""); break;
        case '\\': sb.append("\\\\"); break;
        case '\b': sb.append("\\b"); break;
        case '\f': sb.append("\\f"); break;
        case '\n': sb.append("\\n"); break;
        case '\r': sb.append("\\r"); break;
        case '\t': sb.append("\\t"); break;
        default:
          if (c < 0x20) {
            sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }

  /** Formats a finite double like ryu's {@code format64} (used by serde_json). */
  static String formatDouble(double d) {
    if (d == 0) {
      return (Double.doubleToRawLongBits(d) < 0) ? "-0.0" : "0.0";
    }
    BigDecimal exact = new BigDecimal(d);
    BigDecimal shortest = exact;
    for (int p = 1; p <= 17; p++) {
      BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (r.doubleValue() == d) {
        shortest = r;
        break;
      }
    }
    shortest = shortest.stripTrailingZeros();
    String digits = shortest.unscaledValue().abs().toString();
    int length = digits.length();
    int k = -shortest.scale(); // value = digits * 10^k
    int kk = length + k; // 10^(kk-1) <= |value| < 10^kk
    StringBuilder sb = new StringBuilder(24);
    if (d < 0) {
      sb.append('-');
    }
    if (k >= 0 && kk <= 16) {
      sb.append(digits).append("0".repeat(k)).append(".0");
    } else if (kk > 0 && kk <= 16) {
      sb.append(digits, 0, kk).append('.').append(digits, kk, length);
    } else if (kk > -5 && kk <= 0) {
      sb.append("0.").append("0".repeat(-kk)).append(digits);
    } else if (length == 1) {
      sb.append(digits).append('e').append(kk - 1);
    } else {
      sb.append(digits.charAt(0)).append('.').append(digits, 1, length).append('e').append(kk - 1);
    }
    return sb.toString();
  }
}
