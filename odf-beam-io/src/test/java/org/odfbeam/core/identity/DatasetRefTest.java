package org.odfbeam.core.identity;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DatasetRefTest {
  // kamu-data/kamu-cli:src/odf/metadata/tests/tests/test_dataset_refs.rs test_dataset_ref_pattern
  private static final String ID = "did:odf:fed012126262ba49e1ba8392c26f7a39e1ba8d756c7469786d3365200c68402ff65dc";

  @Test
  void parsesIdAndRoundTrips() {
    DatasetRef ref = DatasetRef.parse(ID);
    assertThat(ref.kind(), equalTo(DatasetRef.Kind.ID));
    assertThat(ref.id().orElseThrow(), equalTo(SeededDatasetIds.seeded("multihash")));
    assertThat(ref.toString(), equalTo(ID));
  }

  @Test
  void parsesLocalAndMultiTenantAliases() {
    // test_dataset_refs.rs test_dataset_ref_pattern ("net.example.com", "account/net.example.com")
    DatasetRef local = DatasetRef.parse("net.example.com");
    assertThat(local.kind(), equalTo(DatasetRef.Kind.ALIAS));
    assertThat(local.alias().orElseThrow(), equalTo(DatasetAlias.parse("net.example.com")));
    assertThat(local.toString(), equalTo("net.example.com"));
    DatasetRef multi = DatasetRef.parse("account/net.example.com");
    assertThat(multi.alias().orElseThrow().account(), equalTo(AccountName.parse("account")));
    assertThat(multi.toString(), equalTo("account/net.example.com"));
  }

  @Test
  void nonCanonicalIdIsNormalizedLikeKamuDisplay() {
    // test_dataset_identity.rs test_dataset_refs: "did:odf:z6MkmgVre…" is the seeded id for b"key"
    DatasetRef ref = DatasetRef.parse("did:odf:z6MkmgVreHBu2ABaD59Jq1J2JneXwzpsUWwEWXS4kLhjb4V4");
    assertThat(ref.id().orElseThrow(), equalTo(SeededDatasetIds.seeded("key")));
    assertThat(ref.toString(), equalTo(SeededDatasetIds.seeded("key").toString()));
  }

  @Test
  void rejectsInvalidRef() {
    // test_dataset_refs.rs: "invalid_ref^" is not a valid ref
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetRef.parse("invalid_ref^"));
    assertThat(e.getMessage(), containsString("Cannot parse dataset reference 'invalid_ref^'"));
  }

  @Test
  void rejectsBadIdWithIdReason() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetRef.parse("did:odf:xyz"));
    assertThat(e.getMessage(), containsString("Cannot parse dataset reference 'did:odf:xyz'"));
    assertThat(e.getMessage(), containsString("unsupported multibase prefix 'x'"));
    assertThrows(IllegalArgumentException.class, () -> DatasetRef.parse("did:foo:bar"));
  }

  @Test
  void handleRendersAsAliasAndDiffersFromAlias() {
    DatasetAlias alias = DatasetAlias.parse("bar");
    DatasetRef handle = DatasetRef.ofHandle(SeededDatasetIds.seeded("key"), alias);
    assertThat(handle.toString(), equalTo("bar"));
    assertThat(handle, not(equalTo(DatasetRef.ofAlias(alias))));
    assertThat(DatasetRef.parse("Bar"), equalTo(DatasetRef.ofAlias(alias)));
  }
}
