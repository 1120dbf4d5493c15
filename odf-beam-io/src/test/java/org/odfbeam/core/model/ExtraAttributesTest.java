package org.odfbeam.core.model;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ExtraAttributesTest {

  @Test
  void canonicalJsonSortsKeysAtEveryLevel() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("sizeNaive", 100);
    inner.put("numObjectsNaive", 10);
    ExtraAttributes a = ExtraAttributes.of(Map.of("opendatafabric.org/linkedObjects", inner));
    // kamu-data/kamu-cli:src/odf/metadata/tests/tests/test_serde_flatbuffers.rs case 7 (format notes 4.2)
    assertThat(a.toCanonicalJson(),
        equalTo("{\"opendatafabric.org/linkedObjects\":{\"numObjectsNaive\":10,\"sizeNaive\":100}}"));
  }

  @Test
  void sortsByUtf8ByteOrderNotUtf16() {
    // U+FF21 (3 UTF-8 bytes, EF BC A1) sorts before U+1F600 (F0 9F 98 80) in UTF-8, after it in UTF-16.
    ExtraAttributes a = ExtraAttributes.of(Map.of("\uFF21", 1, "\uD83D\uDE00", 2, "a", 3));
    assertThat(a.toCanonicalJson(), equalTo("{\"a\":3,\"\uFF21\":1,\"\uD83D\uDE00\":2}"));
  }

  @Test
  void escapesLikeSerdeJson() {
    ExtraAttributes a = ExtraAttributes.of(Map.of("k", "q\"b\\s/\n\t\r\b\f\u0001\u001f\u007fé😀"));
    assertThat(a.toCanonicalJson(),
        equalTo("{\"k\":\"q\\\"b\\\\s/\\n\\t\\r\\b\\f\\u0001\\u001f\u007fé😀\"}"));
  }

  @Test
  void formatsNumbersLikeSerdeJson() {
    ExtraAttributes a = ExtraAttributes.of(Map.of("a", Arrays.asList(1.0, 0.1, 1e20, 1e16, 1.5e-7, 0.001, -2.5,
        123456.789, 1e-5, 1e-6, 1.7976931348623157e308, -0.0, Long.MIN_VALUE, new BigInteger("18446744073709551615"),
        true, false, null)));
    assertThat(a.toCanonicalJson(), equalTo("{\"a\":[1.0,0.1,1e20,1e16,1.5e-7,0.001,-2.5,123456.789,0.00001,1e-6,"
        + "1.7976931348623157e308,-0.0,-9223372036854775808,18446744073709551615,true,false,null]}"));
  }

  @Test
  void parsesWhatItWrites() {
    String json = "{\"b\":{\"y\":[1,2.5,\"s\",null,{\"z\":true}],\"x\":-3},\"a\":18446744073709551615,"
        + "\"c\":1e400000000000000000000}";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExtraAttributes.parseJson(json));
    assertThat(e.getMessage(), containsString("Invalid extra attributes JSON"));
    ExtraAttributes a = ExtraAttributes.parseJson(json.replace(",\"c\":1e400000000000000000000", ""));
    assertThat(a.toCanonicalJson(),
        equalTo("{\"a\":18446744073709551615,\"b\":{\"x\":-3,\"y\":[1,2.5,\"s\",null,{\"z\":true}]}}"));
    assertThat(ExtraAttributes.parseJson(a.toCanonicalJson()), equalTo(a));
    assertThat(a.get("a"), equalTo(new BigInteger("18446744073709551615")));
    assertThat(((Map<?, ?>) a.get("b")).get("x"), equalTo(-3L));
    assertThat(((List<?>) ((Map<?, ?>) a.get("b")).get("y")).get(1), equalTo(2.5));
  }

  @Test
  void rejectsNonObjectsAndTrailingContent() {
    assertThat(assertThrows(IllegalArgumentException.class, () -> ExtraAttributes.parseJson("[1]")).getMessage(),
        containsString("expected an object"));
    assertThat(assertThrows(IllegalArgumentException.class, () -> ExtraAttributes.parseJson("{} {}")).getMessage(),
        containsString("trailing content"));
    assertThat(assertThrows(IllegalArgumentException.class, () -> ExtraAttributes.parseJson("{\"a\":}")).getMessage(),
        containsString("Invalid extra attributes JSON"));
  }

  @Test
  void rejectsUnsupportedValues() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ExtraAttributes.of(Map.of("k", new Object())));
    assertThat(e.getMessage(), containsString("Invalid extra attribute k: unsupported value type java.lang.Object"));
    e = assertThrows(IllegalArgumentException.class, () -> ExtraAttributes.of(Map.of("k", Double.NaN)));
    assertThat(e.getMessage(), containsString("Invalid extra attribute k: NaN is not a JSON number"));
    e = assertThrows(IllegalArgumentException.class, () -> ExtraAttributes.of(Map.of("k", "\uD800")));
    assertThat(e.getMessage(), containsString("unpaired surrogate"));
  }

  @Test
  void normalizesNumbersForEquality() {
    assertThat(ExtraAttributes.of(Map.of("k", 1)), equalTo(ExtraAttributes.of(Map.of("k", 1L))));
    assertThat(ExtraAttributes.of(Map.of("k", BigInteger.TEN)), equalTo(ExtraAttributes.of(Map.of("k", 10L))));
    assertThat(ExtraAttributes.empty().with("k", 1).without("k"), equalTo(ExtraAttributes.empty()));
  }
}
