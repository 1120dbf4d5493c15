package org.odfbeam.core.yaml;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Scalar style and layout rules of kamu's YAML writer. Expected texts are derived by hand from
 * acatton/serde-yaml-ng@0.10.0 src/ser.rs ({@code serialize_str}, {@code serialize_f64}) and src/de.rs
 * ({@code visit_untagged_scalar}), and dtolnay/unsafe-libyaml@0.2.11 src/emitter.rs
 * ({@code yaml_emitter_analyze_scalar}, {@code yaml_emitter_select_scalar_style}, the write functions);
 * none of them were produced by this code.
 */
class YamlEmitterTest {

  private static String value(YamlNode v) {
    return YamlEmitter.emit(YamlMapping.builder().put("k", v).build());
  }

  @ParameterizedTest(name = "[{index}] <{0}> -> <{1}>")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        // would resolve to bool / null / int / float -> single quotes (serialize_str)
        "true|'true'",
        "True|'True'",
        "FALSE|'FALSE'",
        "null|'null'",
        "~|'~'",
        "123|'123'",
        "-5|'-5'",
        "+7|'+7'",
        "0x1F|'0x1F'",
        "0o17|'0o17'",
        "0b101|'0b101'",
        "1.5|'1.5'",
        "1e5|'1e5'",
        ".5|'.5'",
        ".inf|'.inf'",
        "-.Inf|'-.Inf'",
        ".nan|'.nan'",
        // leading-zero digits (digits_but_not_number) -> single quotes
        "0123|'0123'",
        "-007|'-007'",
        // YAML 1.1 words that serde_yaml 0.9/0.10 does NOT treat as bool, and other non-numbers -> plain
        "yes|yes",
        "No|No",
        "on|on",
        "1_000|1_000",
        "inf|inf",
        "nan|nan",
        "1e400|1e400",
        "0x|0x",
        "utf-8|utf-8",
        "a:b|a:b",
        "a#b|a#b",
        "-x|-x",
        "it's|it's",
        "ftp://kamu.dev/test.zip|ftp://kamu.dev/test.zip",
        "SELECT * FROM input|SELECT * FROM input",
        "data_*.csv|data_*.csv",
        "grüße|grüße",
        // libyaml indicators / spaces -> single quotes
        "a: b|'a: b'",
        "a:|'a:'",
        "a #b|'a #b'",
        "- x|'- x'",
        "-|'-'",
        ":|':'",
        "?x|?x",
        "? x|'? x'",
        "#x|'#x'",
        "*x|'*x'",
        "&x|'&x'",
        "!x|'!x'",
        "%x|'%x'",
        "@x|'@x'",
        "`x|'`x'",
        "[x|'[x'",
        "{x}|'{x}'",
        "'q|'''q'",
        "---x|'---x'",
        "...x|'...x'",
        "a, b|a, b",
      })
  void stringScalarStyles(String input, String expected) {
    assertThat(value(YamlScalar.string(input)), is("k: " + expected + "\n"));
  }

  @Test
  void emptyStringIsSingleQuoted() {
    assertThat(value(YamlScalar.string("")), is("k: ''\n"));
  }

  @Test
  void leadingAndTrailingSpacesAreSingleQuoted() {
    assertThat(value(YamlScalar.string(" lead")), is("k: ' lead'\n"));
    assertThat(value(YamlScalar.string("trail ")), is("k: 'trail '\n"));
  }

  @Test
  void nonPrintableCharactersForceDoubleQuotesWithLibyamlEscapes() {
    assertThat(value(YamlScalar.string("a\tb")), is("k: \"a\\tb\"\n"));
    assertThat(value(YamlScalar.string("a\rb")), is("k: \"a\\rb\"\n"));
    assertThat(value(YamlScalar.string("\u0001")), is("k: \"\\x01\"\n"));
    assertThat(value(YamlScalar.string("x\u0085")), is("k: \"x\\N\"\n"));
    assertThat(value(YamlScalar.string("\uFEFFx\"")), is("k: \"\\uFEFFx\\\"\"\n"));
    assertThat(value(YamlScalar.string("ok \\ \u001B")), is("k: \"ok \\\\ \\e\"\n"));
  }

  @Test
  void astralCharactersAreWrittenRaw() {
    assertThat(value(YamlScalar.string("smile \uD83D\uDE00")), is("k: smile \uD83D\uDE00\n"));
  }

  @Test
  void multiLineStringsUseLiteralBlocksWithLibyamlChomping() {
    assertThat(value(YamlScalar.string("a\nb")), is("k: |-\n  a\n  b\n"));
    assertThat(value(YamlScalar.string("a\nb\n")), is("k: |\n  a\n  b\n"));
    assertThat(value(YamlScalar.string("a\n\nb")), is("k: |-\n  a\n\n  b\n"));
    assertThat(value(YamlScalar.string(" a\nb")), is("k: |2-\n   a\n  b\n"));
    assertThat(value(YamlScalar.string("\na")), is("k: |2-\n\n  a\n"));
    // keep chomping leaves the document open-ended: libyaml writes "..." at stream end
    assertThat(value(YamlScalar.string("a\n\n")), is("k: |+\n  a\n\n...\n"));
    // a space before a line break forbids block styles -> double quotes
    assertThat(value(YamlScalar.string("a \nb")), is("k: \"a \\nb\"\n"));
  }

  @Test
  void literalBlocksInsideSequencesAndNestedMappings() {
    YamlNode doc =
        YamlMapping.builder()
            .put(
                "queries",
                YamlSequence.of(
                    List.of(
                        YamlMapping.builder()
                            .put("alias", YamlScalar.string("a"))
                            .put("query", YamlScalar.string("SELECT 1\nFROM t\n"))
                            .build())))
            .build();
    assertThat(
        YamlEmitter.emit(doc), is("queries:\n- alias: a\n  query: |\n    SELECT 1\n    FROM t\n"));
  }

  @Test
  void typedScalarsArePlain() {
    assertThat(value(YamlScalar.integer(-42)), is("k: -42\n"));
    assertThat(value(YamlScalar.unsignedInteger(-1L)), is("k: 18446744073709551615\n"));
    assertThat(value(YamlScalar.bool(true)), is("k: true\n"));
    assertThat(value(YamlScalar.nullValue()), is("k: null\n"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1.0|1.0",
        "-1.5|-1.5",
        "0.1|0.1",
        "0.0|0.0",
        "-0.0|-0.0",
        "100.0|100.0",
        "1e15|1000000000000000.0",
        "1e16|1e16",
        "1.5e16|1.5e16",
        "123456.789|123456.789",
        "0.001|0.001",
        "1e-5|0.00001",
        "1e-6|1e-6",
        "1.5e-7|1.5e-7",
        "5e-324|5e-324",
        "1.7976931348623157e308|1.7976931348623157e308",
      })
  void floatsUseRyuShortestForm(double input, String expected) {
    assertThat(value(YamlScalar.floating(input)), is("k: " + expected + "\n"));
  }

  @Test
  void nonFiniteFloats() {
    assertThat(value(YamlScalar.floating(Double.POSITIVE_INFINITY)), is("k: .inf\n"));
    assertThat(value(YamlScalar.floating(Double.NEGATIVE_INFINITY)), is("k: -.inf\n"));
    assertThat(value(YamlScalar.floating(Double.NaN)), is("k: .nan\n"));
  }

  @Test
  void emptyCollectionsAreFlow() {
    assertThat(value(YamlMapping.empty()), is("k: {}\n"));
    assertThat(value(YamlSequence.of(List.of())), is("k: []\n"));
    assertThat(YamlEmitter.emit(YamlMapping.empty()), is("{}\n"));
    assertThat(
        YamlEmitter.emit(YamlSequence.of(List.of(YamlMapping.empty(), YamlSequence.of(List.of())))),
        is("- {}\n- []\n"));
  }

  @Test
  void sequencesInMappingsAreNotIndentedAndNestedSequencesShareTheLine() {
    YamlNode doc =
        YamlMapping.builder()
            .put(
                "a",
                YamlMapping.builder()
                    .put(
                        "b",
                        YamlSequence.of(
                            List.of(
                                YamlScalar.string("x"),
                                YamlSequence.of(List.of(YamlScalar.string("y"), YamlScalar.string("z"))))))
                    .build())
            .build();
    assertThat(YamlEmitter.emit(doc), is("a:\n  b:\n  - x\n  - - y\n    - z\n"));
  }

  @Test
  void longScalarsAreNeverFolded() {
    String words = "word ".repeat(40).trim();
    assertThat(value(YamlScalar.string(words)), is("k: " + words + "\n"));
    assertThat(value(YamlScalar.string(words + " ")), is("k: '" + words + " '\n"));
  }

  @Test
  void longAndMultiLineKeysUseTheExplicitForm() {
    String key = "k".repeat(129);
    YamlNode doc =
        new YamlMapping(
            List.of(new YamlMapping.Entry(YamlScalar.string(key), YamlScalar.string("v"))), 0, 0);
    assertThat(YamlEmitter.emit(doc), is("? " + key + "\n: v\n"));
    String ok = "k".repeat(128);
    YamlNode doc2 =
        new YamlMapping(List.of(new YamlMapping.Entry(YamlScalar.string(ok), YamlScalar.string("v"))), 0, 0);
    assertThat(YamlEmitter.emit(doc2), is(ok + ": v\n"));
  }

  @Test
  void topLevelScalarAndMultipleDocuments() {
    assertThat(YamlEmitter.emit(YamlScalar.string("ByEventTime")), is("ByEventTime\n"));
    assertThat(
        YamlEmitter.emitAll(
            List.of(
                YamlMapping.builder().put("k", YamlScalar.integer(107)).build(),
                YamlMapping.builder().put("J", YamlScalar.integer(74)).build())),
        // serde_yaml ser.rs doc example: "k: 107\n---\nJ: 74\n..."
        is("k: 107\n---\nJ: 74\n"));
  }

  @Test
  void parsedPlainScalarsAreCanonicalized() {
    // serde_yaml::Value semantics: plain scalars are typed, then re-serialized
    YamlNode doc = YamlReader.readYaml("a: 0x1F\nb: ~\nc: True\nd: 1.50\ne: '0x1F'\nf: \"yes\"\n");
    assertThat(YamlEmitter.emit(doc), is("a: 31\nb: null\nc: true\nd: 1.5\ne: '0x1F'\nf: yes\n"));
  }
}
