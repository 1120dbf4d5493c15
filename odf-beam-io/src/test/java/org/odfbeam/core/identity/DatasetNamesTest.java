package org.odfbeam.core.identity;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Ports of kamu-data/kamu-cli:src/odf/metadata/tests/tests/test_dataset_identity.rs (local parts). */
class DatasetNamesTest {
  @Test
  void validNameRoundTrips() {
    // test_dataset_name_fmt, test_dataset_name_validation
    assertThat(DatasetName.parse("valid.dataset.id").toString(), equalTo("valid.dataset.id"));
    assertThat(DatasetName.parse("local.id-only").value(), equalTo("local.id-only"));
  }

  @ParameterizedTest
  // test_dataset_name_validation; the last two from test_grammar.rs (test_invalid_patterns: '^', ':')
  @ValueSource(strings = {".invalid", "invalid-", "invalid--id", "invalid..id", "in^valid", "invalid_id", "",
      "net.exa^mple", "did:odf:fed01"})
  void invalidNamesAreRejected(String name) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetName.parse(name));
    assertThat(e.getMessage(), containsString("Cannot parse dataset name '" + name + "'"));
  }

  @Test
  void accountNamesUseTheSameGrammar() {
    assertThat(AccountName.parse("user-name").toString(), equalTo("user-name"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AccountName.parse("user_name"));
    assertThat(e.getMessage(), containsString("Cannot parse account name 'user_name'"));
  }

  @Test
  void nameEqualityIgnoresCase() {
    // test_dataset_name_equality; case-insensitive PartialEq of newtype_str! (src/odf/metadata/src/formats/macros.rs)
    assertThat(DatasetName.parse("a"), equalTo(DatasetName.parse("a")));
    assertThat(DatasetName.parse("a"), not(equalTo(DatasetName.parse("b"))));
    assertThat(DatasetName.parse("Net.Example"), equalTo(DatasetName.parse("net.example")));
    assertThat(DatasetName.parse("Net.Example").hashCode(), equalTo(DatasetName.parse("net.example").hashCode()));
    assertThat(DatasetName.parse("Net.Example").toString(), equalTo("Net.Example"));
  }

  @Test
  void localAliasValidation() {
    // test_local_alias_validation
    assertThat(DatasetAlias.parse("local.id").toString(), equalTo("local.id"));
    DatasetAlias single = DatasetAlias.parse("local.id");
    assertThat(single.name(), equalTo(DatasetName.parse("local.id")));
    assertThat(single.account(), nullValue());
    DatasetAlias multi = DatasetAlias.parse("user-name/local.id");
    assertThat(multi.name(), equalTo(DatasetName.parse("local.id")));
    assertThat(multi.account(), equalTo(AccountName.parse("user-name")));
    assertThat(multi.toString(), equalTo("user-name/local.id"));
    assertThat(multi.isMultiTenant(), equalTo(true));
  }

  @ParameterizedTest
  // test_local_alias_validation
  @ValueSource(strings = {"repo.name/user-name/blah", "user-name/.invalid", ".invalid/local.id", "invalid_alias", "/x", "x/"})
  void invalidAliasesAreRejected(String alias) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetAlias.parse(alias));
    assertThat(e.getMessage(), containsString("Cannot parse dataset alias '" + alias + "'"));
  }

  @Test
  void aliasEquality() {
    // test_dataset_alias_eq
    assertThat(DatasetAlias.parse("account/net.example.com"), equalTo(DatasetAlias.parse("aCCouNt/net.ExaMplE.coM")));
    assertThat(DatasetAlias.parse("account/net.example.com"), equalTo(DatasetAlias.parse("account/net.example.com")));
    assertThat(DatasetAlias.parse("net.example.com"), equalTo(DatasetAlias.parse("net.ExaMplE.coM")));
    assertThat(DatasetAlias.parse("account/net.example.com"),
        not(equalTo(DatasetAlias.parse("aCCouNt1/net.eXamPle.cOm"))));
    assertThat(DatasetAlias.parse("account1/net.example.com"), not(equalTo(DatasetAlias.parse("account/net.example.com"))));
    assertThat(DatasetAlias.parse("net.example.com"), not(equalTo(DatasetAlias.parse("account/net.example.com"))));
  }

  @Test
  void aliasPreservesSpelling() {
    assertThat(DatasetAlias.parse("aCCouNt/net.ExaMplE.coM").toString(), equalTo("aCCouNt/net.ExaMplE.coM"));
  }
}
