package org.odfbeam.pipelines.ingest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.odfbeam.core.model.DatasetSnapshot;
import org.odfbeam.core.model.FetchStepFilesGlob;
import org.odfbeam.core.model.MergeStrategyLedger;
import org.odfbeam.core.yaml.DatasetSnapshotValidator;
import org.odfbeam.core.yaml.ManifestYaml;

/** Checking a manifest's source: what is supported, and messages naming the manifest field. */
class IngestSourceTest {

  static String resource(String name) {
    try (InputStream in = IngestSourceTest.class.getResourceAsStream("/ingest/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static DatasetSnapshot snapshot(String metadata) {
    return DatasetSnapshotValidator.normalize(ManifestYaml.readSnapshot("""
        kind: DatasetSnapshot
        version: 1
        content:
          name: test
          kind: Root
          metadata:
        """ + metadata.indent(4)));
  }

  static String refusal(String metadata) {
    return assertThrows(UnsupportedSourceException.class, () -> IngestSource.of(snapshot(metadata))).getMessage();
  }

  @Test
  void acceptsAFilesGlobCsvManifest() {
    IngestSource s = IngestSource.of(ManifestYaml.readSnapshot(resource("orders/orders.yaml")));
    assertThat(s.path(), equalTo("content.metadata[0]"));
    assertThat(s.isPolling(), is(true));
    assertThat(s.sourceName(), equalTo("default"));
    assertThat(s.fetch(), instanceOf(FetchStepFilesGlob.class));
    assertThat(s.merge(), instanceOf(MergeStrategyLedger.class));
  }

  @Test
  void refusesAContainerFetchNamingTheField() {
    UnsupportedSourceException e = assertThrows(UnsupportedSourceException.class,
        () -> IngestSource.of(ManifestYaml.readSnapshot(resource("container-source.yaml"))));
    assertThat(e.getMessage(), equalTo("Cannot ingest from content.metadata[0]: fetch: Container fetch steps are not"
        + " supported (supported: FilesGlob, Url with a file:// URL)"));
    assertThat(e.field(), equalTo("content.metadata[0].fetch"));
  }

  @Test
  void refusesUnsupportedReadStepsAndOptions() {
    String fetch = """
        - kind: SetInfo
          description: x
        - kind: SetPollingSource
          fetch:
            kind: FilesGlob
            path: data/*.json
          merge:
            kind: Append
          read:
        """;
    assertThat(refusal(fetch + "    kind: GeoJson\n"), equalTo("Cannot read with content.metadata[1].read: GeoJson"
        + " read steps are not supported (supported: Csv, NdJson, Json, Parquet)"));
    assertThat(refusal(fetch + "    kind: NdJson\n    encoding: utf16\n"), equalTo("Cannot read with"
        + " content.metadata[1].read.encoding 'utf16': only utf8 is supported"));
    assertThat(refusal(fetch + "    kind: Csv\n    quote: \"''\"\n"), equalTo("Cannot read with"
        + " content.metadata[1].read.quote: '''' must be a single character"));
    assertThat(refusal(fetch + "    kind: Parquet\n    schema:\n      fields:\n        - name: n\n"
        + "          type: uint64\n"), equalTo("Cannot read with content.metadata[1].read.schema: Cannot map column"
            + " 'n' of ODF type UInt64 to Beam: Beam has no unsigned integer types"));
    assertThat(refusal(fetch + "    kind: Csv\n    ddlSchema:\n      - \"tags ARRAY<STRING>\"\n"),
        equalTo("Cannot read CSV with content.metadata[1].read.ddlSchema: column 'tags' is ARRAY<STRING>, which CSV"
            + " text cannot hold"));
  }

  @Test
  void refusesPrepareSteps() {
    assertThat(refusal("""
        - kind: SetPollingSource
          fetch:
            kind: Url
            url: file:///data/archive.zip
          prepare:
            - kind: Decompress
              format: Zip
          read:
            kind: Csv
          merge:
            kind: Append
        """), equalTo("Cannot ingest from content.metadata[0]: prepare: Decompress steps are not supported;"
            + " decompress or convert the files beforehand"));
  }

  @Test
  void needsExactlyOneSource() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> IngestSource.of(snapshot("- kind: SetInfo\n  description: x\n")));
    assertThat(e.getMessage(), equalTo("Cannot ingest into test: the manifest must have exactly one SetPollingSource"
        + " or AddPushSource, but has none"));
    String two = """
        - kind: AddPushSource
          sourceName: a
          read:
            kind: NdJson
          merge:
            kind: Append
        - kind: AddPushSource
          sourceName: b
          read:
            kind: Csv
          merge:
            kind: Append
        """;
    e = assertThrows(IllegalArgumentException.class, () -> IngestSource.of(snapshot(two)));
    assertThat(e.getMessage(), equalTo("Cannot ingest into test: the manifest must have exactly one SetPollingSource"
        + " or AddPushSource, but has AddPushSource at content.metadata[0], AddPushSource at content.metadata[1]"));
    IngestSource b = IngestSource.of(snapshot(two), "b");
    assertThat(b.path(), equalTo("content.metadata[1]"));
    assertThat(b.sourceName(), equalTo("b"));
    assertThat(b.fetch(), is((Object) null));
    e = assertThrows(IllegalArgumentException.class, () -> IngestSource.of(snapshot(two), "c"));
    assertThat(e.getMessage(), equalTo("Cannot ingest into test: it has no AddPushSource named 'c' (push sources:"
        + " 'a', 'b')"));
  }
}
