package org.odfbeam.core.yaml;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Positions, documents and scalar resolution of {@link YamlReader} (serde_yaml_ng 0.10 rules). */
class YamlReaderTest {

  @Test
  void nodesCarryOneBasedPositions() {
    YamlMapping doc = (YamlMapping) YamlReader.readYaml("a: 1\nb:\n  - x\n  - {c: 'd'}\n");
    assertThat(doc.line(), is(1));
    YamlSequence b = (YamlSequence) doc.get("b");
    assertThat(b.line(), is(3));
    assertThat(b.column(), is(3));
    YamlMapping c = (YamlMapping) b.items().get(1);
    assertThat(c.entry("c").key().line(), is(4));
    assertThat(c.entry("c").key().column(), is(6));
    assertThat(((YamlScalar) c.get("c")).style(), is(YamlScalar.Style.SINGLE_QUOTED));
  }

  @Test
  void multipleDocumentsAndAliases() {
    List<YamlNode> docs = YamlReader.readYamlDocuments("a: &x [1]\nb: *x\n---\nc: 2\n");
    assertThat(docs.size(), is(2));
    assertThat(((YamlMapping) docs.get(0)).get("b"), equalTo(((YamlMapping) docs.get(0)).get("a")));
    assertThat(docs.get(1).line(), is(4));
    YamlSyntaxException e = assertThrows(YamlSyntaxException.class, () -> YamlReader.readYaml("a: 1\n---\nb: 2\n"));
    assertThat(e.getMessage(), is("Cannot parse YAML at line 3, column 1: the input holds 2 YAML documents, expected one"));
  }

  @Test
  void duplicateKeysAreRejectedWithTheirLine() {
    YamlSyntaxException e =
        assertThrows(YamlSyntaxException.class, () -> YamlReader.readYaml("a:\n  x: 1\n  x: 2\n"));
    assertThat(e.getMessage(), is("Cannot parse YAML at line 3, column 3: duplicate key 'x'"));
  }

  @Test
  void plainScalarsResolveLikeSerdeYaml() {
    // acatton/serde-yaml-ng@0.10.0 src/de.rs visit_untagged_scalar
    assertThat(type("~"), is(YamlScalar.Type.NULL));
    assertThat(type("NULL"), is(YamlScalar.Type.NULL));
    assertThat(type("''"), is(YamlScalar.Type.STRING));
    assertThat(type("TRUE"), is(YamlScalar.Type.BOOL));
    assertThat(type("yes"), is(YamlScalar.Type.STRING));
    assertThat(type("0x_1"), is(YamlScalar.Type.STRING));
    assertThat(type("-0o17"), is(YamlScalar.Type.INT));
    assertThat(type("18446744073709551616"), is(YamlScalar.Type.INT)); // u128
    assertThat(type("0123"), is(YamlScalar.Type.STRING));
    assertThat(type("0123.5"), is(YamlScalar.Type.FLOAT));
    assertThat(type("+.inf"), is(YamlScalar.Type.FLOAT));
    assertThat(type("+.nan"), is(YamlScalar.Type.STRING));
    assertThat(type("1_000"), is(YamlScalar.Type.STRING));
    assertThat(type("2020-01-01T12:00:00Z"), is(YamlScalar.Type.STRING));
  }

  private static YamlScalar.Type type(String scalar) {
    return ((YamlScalar) ((YamlMapping) YamlReader.readYaml("k: " + scalar + "\n")).get("k")).type();
  }
}
