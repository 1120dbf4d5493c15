package org.odfbeam.core.yaml;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.odfbeam.core.OdfFormatException;
import org.odfbeam.core.identity.DatasetId;
import org.odfbeam.core.identity.DatasetRef;
import org.odfbeam.core.identity.SeededDatasetIds;
import org.odfbeam.core.model.AddPushSource;
import org.odfbeam.core.model.AttachmentsEmbedded;
import org.odfbeam.core.model.CompressionFormat;
import org.odfbeam.core.model.DataTypeFloat64;
import org.odfbeam.core.model.DataTypeOption;
import org.odfbeam.core.model.DataTypeString;
import org.odfbeam.core.model.DataTypeTimestamp;
import org.odfbeam.core.model.DatasetKind;
import org.odfbeam.core.model.DatasetSnapshot;
import org.odfbeam.core.model.EventTimeSourceFromPath;
import org.odfbeam.core.model.FetchStepFilesGlob;
import org.odfbeam.core.model.MergeStrategyLedger;
import org.odfbeam.core.model.PrepStepDecompress;
import org.odfbeam.core.model.ReadStepCsv;
import org.odfbeam.core.model.ReadStepNdJson;
import org.odfbeam.core.model.SetAttachments;
import org.odfbeam.core.model.SetInfo;
import org.odfbeam.core.model.SetLicense;
import org.odfbeam.core.model.SetPollingSource;
import org.odfbeam.core.model.SetTransform;
import org.odfbeam.core.model.SetVocab;
import org.odfbeam.core.model.SourceCachingForever;
import org.odfbeam.core.model.SourceOrdering;
import org.odfbeam.core.model.SqlQueryStep;
import org.odfbeam.core.model.TransformSql;

/** Manifest reading rules and error messages (inputs written for these tests). */
class ManifestYamlTest {

  private static String resource(String name) {
    try (InputStream in = ManifestYamlTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final String SNAPSHOT_WITH_TYPO =
      "kind: DatasetSnapshot\n" // 1
          + "version: 1\n" // 2
          + "content:\n" // 3
          + "  name: kamu.test\n" // 4
          + "  kind: Root\n" // 5
          + "  metadata:\n" // 6
          + "  - kind: SetPollingSource\n" // 7
          + "    fetch:\n" // 8
          + "      kind: Url\n" // 9
          + "      url: https://example.org/a.csv\n" // 10
          + "    read:\n" // 11
          + "      kind: Csv\n" // 12
          + "      header2: true\n" // 13
          + "    merge:\n" // 14
          + "      kind: Append\n"; // 15

  @Test
  void unknownFieldNamesPathAndLine() {
    OdfFormatException e =
        assertThrows(OdfFormatException.class, () -> ManifestYaml.readSnapshots(SNAPSHOT_WITH_TYPO));
    assertThat(
        e.getMessage(),
        is(
            "Cannot read DatasetSnapshot at line 13, content.metadata[0].read: unknown field 'header2' "
                + "(expected one of: ddlSchema, separator, encoding, quote, escape, header, inferSchema, "
                + "nullValue, dateFormat, timestampFormat, schema)"));
  }

  @Test
  void unknownEventKindNamesPathAndLine() {
    String yaml = SNAPSHOT_WITH_TYPO.replace("- kind: SetPollingSource", "- kind: SetPolingSource");
    OdfFormatException e = assertThrows(OdfFormatException.class, () -> ManifestYaml.readSnapshots(yaml));
    assertThat(e.getMessage(), startsWith("Cannot read DatasetSnapshot at line 7, content.metadata[0].kind: "
        + "unknown variant 'SetPolingSource' (expected one of: AddData, ExecuteTransform, Seed,"));
  }

  @Test
  void unknownManifestKindIsRejected() {
    OdfFormatException e =
        assertThrows(
            OdfFormatException.class,
            () -> ManifestYaml.readSnapshots("kind: DatasetSnapshop\nversion: 1\ncontent: {}\n"));
    assertThat(
        e.getMessage(),
        is("Cannot read DatasetSnapshot at line 1, kind: expected manifest kind 'DatasetSnapshot' but found "
            + "'DatasetSnapshop'"));
    e = assertThrows(OdfFormatException.class, () -> ManifestYaml.normalize("kind: Foo\nversion: 1\ncontent: {}\n"));
    assertThat(e.getMessage(), containsString("line 1, kind: unknown manifest kind 'Foo'"));
  }

  @Test
  void missingRequiredFieldNamesTheMapping() {
    String yaml = SNAPSHOT_WITH_TYPO.replace("      header2: true\n", "").replace("    merge:\n      kind: Append\n", "");
    OdfFormatException e = assertThrows(OdfFormatException.class, () -> ManifestYaml.readSnapshots(yaml));
    assertThat(e.getMessage(), is("Cannot read DatasetSnapshot at line 7, content.metadata[0]: missing field 'merge'"));
  }

  @Test
  void duplicateKeysAndSyntaxErrorsCarryTheLine() {
    OdfFormatException e =
        assertThrows(
            OdfFormatException.class,
            () -> ManifestYaml.readBlock("kind: MetadataBlock\nversion: 3\nkind: MetadataBlock\ncontent: {}\n"));
    assertThat(e.getMessage(), is("Cannot read MetadataBlock at line 3, column 1: duplicate key 'kind'"));
    e = assertThrows(OdfFormatException.class, () -> ManifestYaml.readSnapshots("kind: [a\nversion: 1\n"));
    assertThat(e.getMessage(), startsWith("Cannot read DatasetSnapshot at line "));
  }

  @Test
  void stringsInsideUnionMembersMustBeStrings() {
    // kamu buffers internally tagged enums, so `engine: 123` is an integer there (serde "invalid type")
    String yaml =
        "kind: MetadataEvent\nversion: 1\ncontent:\n  kind: SetTransform\n  inputs: []\n"
            + "  transform:\n    kind: Sql\n    engine: 123\n    query: x\n";
    OdfFormatException e = assertThrows(OdfFormatException.class, () -> ManifestYaml.readEvent(yaml));
    assertThat(
        e.getMessage(),
        is("Cannot read MetadataEvent at line 8, content.transform.engine: invalid type: integer `123`, "
            + "expected a string"));
    assertThat(
        ((TransformSql) ((SetTransform) ManifestYaml.readEvent(yaml.replace("123", "'123'"))).transform()).engine(),
        is("123"));
  }

  @Test
  void pushSourceSnapshotWithShortFormsAndLowercaseTags() {
    String text = resource("root-push-source.yaml");
    DatasetSnapshot s = ManifestYaml.readSnapshots(text).get(0);
    AddPushSource push = (AddPushSource) s.metadata().get(0);
    ReadStepNdJson read = (ReadStepNdJson) push.read();
    assertThat(read.schema().fields().get(0).type(), equalTo(new DataTypeTimestamp(null, null)));
    assertThat(read.schema().fields().get(1).type(), equalTo(new DataTypeString()));
    assertThat(read.schema().fields().get(2).type(), equalTo(new DataTypeOption(new DataTypeFloat64())));
    TransformSql sql = (TransformSql) push.preprocess();
    assertThat(sql.query(), is("select\n  event_time,\n  sensor_id,\n  value * 1.8 + 32 as value_f\nfrom input\n"));
    assertThat(((MergeStrategyLedger) push.merge()).primaryKey(), equalTo(List.of("event_time", "sensor_id")));
    assertThat(((SetVocab) s.metadata().get(1)).eventTimeColumn(), is("event_time"));
    assertThat(((SetInfo) s.metadata().get(2)).keywords(), equalTo(List.of("IoT", "Temperature")));

    String normalized = ManifestYaml.normalize(text);
    assertThat(
        normalized,
        containsString(
            "        fields:\n"
                + "        - name: event_time\n"
                + "          type:\n"
                + "            kind: Timestamp\n"));
    assertThat(
        normalized,
        containsString(
            "      query: |\n"
                + "        select\n"
                + "          event_time,\n"));
    assertThat(normalized, containsString("    description: 'Temperature readings: one row per sensor and minute.'\n"));
    assertThat(ManifestYaml.normalize(normalized), is(normalized));
    assertThat(ManifestYaml.readSnapshots(normalized).get(0), equalTo(s));
  }

  @Test
  void pollingSourceSnapshot() {
    String text = resource("root-polling-source.yaml");
    DatasetSnapshot s = ManifestYaml.readSnapshots(text).get(0);
    assertThat(s.name().toString(), is("alice/org.example.prices"));
    SetPollingSource src = (SetPollingSource) s.metadata().get(0);
    FetchStepFilesGlob fetch = (FetchStepFilesGlob) src.fetch();
    assertThat(fetch.eventTime(), equalTo(new EventTimeSourceFromPath("prices-(\\d+-\\d+-\\d+)\\.csv", "%Y-%m-%d")));
    assertThat(fetch.cache(), equalTo(new SourceCachingForever()));
    assertThat(fetch.order(), is(SourceOrdering.BY_NAME));
    assertThat(((PrepStepDecompress) src.prepare().get(0)).format(), is(CompressionFormat.GZIP));
    ReadStepCsv csv = (ReadStepCsv) src.read();
    assertThat(csv.separator(), is(";"));
    assertThat(csv.nullValue(), is(""));
    assertThat(csv.ddlSchema().get(2), is("price DECIMAL(18,4)"));
    assertThat(((SetLicense) s.metadata().get(1)).spdxId(), is("CC-BY-4.0"));

    String normalized = ManifestYaml.normalize(text);
    assertThat(normalized, containsString("      cache:\n        kind: Forever\n      order: ByName\n"));
    assertThat(normalized, containsString("      separator: ;\n"));
    assertThat(normalized, containsString("      nullValue: ''\n"));
    assertThat(normalized, containsString("      pattern: prices-(\\d+-\\d+-\\d+)\\.csv\n"));
    assertThat(normalized, containsString("      timestampFormat: '%Y-%m-%d'\n"));
    assertThat(ManifestYaml.readSnapshots(normalized).get(0), equalTo(s));
  }

  @Test
  void multiDocumentDerivativeSnapshots() {
    String text = resource("derivatives.yaml");
    List<DatasetSnapshot> all = ManifestYaml.readSnapshots(text);
    assertThat(all.size(), is(2));
    SetTransform t = (SetTransform) all.get(0).metadata().get(0);
    TransformSql sql = (TransformSql) t.transform();
    assertThat(
        sql.queries().get(1).query(),
        is("SELECT date, symbol, avg(price) AS avg_price FROM filtered GROUP BY date, symbol\n"));
    AttachmentsEmbedded att = (AttachmentsEmbedded) ((SetAttachments) all.get(0).metadata().get(1)).attachments();
    assertThat(att.items().get(0).content(), is("# Daily prices\n\nAverages per day.\n"));

    String normalized = ManifestYaml.normalize(text);
    assertThat(normalized, containsString("\n---\nkind: DatasetSnapshot\n"));
    assertThat(normalized, containsString("        content: |\n          # Daily prices\n\n          Averages per day.\n"));
    assertThat(normalized, containsString("      query: SELECT * FROM \"org.example.prices.daily\"\n"));
    assertThat(ManifestYaml.readSnapshots(normalized), equalTo(all));
  }

  @Test
  void validatorAppliesKamuAddRules() {
    List<DatasetSnapshot> all = ManifestYaml.readSnapshots(resource("derivatives.yaml"));
    DatasetSnapshot latest = DatasetSnapshotValidator.normalize(all.get(1));
    TransformSql sql = (TransformSql) ((SetTransform) latest.metadata().get(0)).transform();
    assertThat(sql.query(), is((String) null));
    assertThat(sql.queries(), equalTo(List.of(new SqlQueryStep(null, "SELECT * FROM \"org.example.prices.daily\""))));

    DatasetId id = SeededDatasetIds.seeded("daily".getBytes(StandardCharsets.UTF_8));
    DatasetSnapshot resolved = DatasetSnapshotValidator.normalize(all.get(1), ref -> id);
    SetTransform st = (SetTransform) resolved.metadata().get(0);
    assertThat(st.inputs().get(0).datasetRef(), equalTo(DatasetRef.ofId(id)));
    assertThat(st.inputs().get(0).alias(), is("org.example.prices.daily"));

    OdfFormatException e =
        assertThrows(OdfFormatException.class, () -> DatasetSnapshotValidator.normalize(all.get(1), ref -> null));
    assertThat(e.getMessage(), is("Dataset org.example.prices.latest is referencing non-existing inputs: "
        + "org.example.prices.daily"));

    DatasetSnapshot wrongKind = new DatasetSnapshot(latest.name(), DatasetKind.ROOT, latest.metadata());
    e = assertThrows(OdfFormatException.class, () -> DatasetSnapshotValidator.normalize(wrongKind));
    assertThat(e.getMessage(), is("Invalid snapshot: content.metadata[0]: SetTransform is only allowed on derivative datasets"));

    DatasetSnapshot push = ManifestYaml.readSnapshots(resource("root-push-source.yaml")).get(0);
    DatasetSnapshot pushAsDerivative = new DatasetSnapshot(push.name(), DatasetKind.DERIVATIVE, push.metadata());
    e = assertThrows(OdfFormatException.class, () -> DatasetSnapshotValidator.normalize(pushAsDerivative));
    assertThat(e.getMessage(), is("Invalid snapshot: content.metadata[0]: AddPushSource event is only allowed on root datasets"));

    TransformSql both = new TransformSql("flink", null, "a", List.of(new SqlQueryStep(null, "b")), null);
    e = assertThrows(OdfFormatException.class,
        () -> DatasetSnapshotValidator.normalize(new DatasetSnapshot(latest.name(), DatasetKind.DERIVATIVE,
            List.of(new SetTransform(((SetTransform) latest.metadata().get(0)).inputs(), both)))));
    assertThat(e.getMessage(), is("Invalid snapshot: content.metadata[0].transform: Cannot specify both 'query' and 'queries' in SetTransform"));

    TransformSql twoNameless = new TransformSql("flink", null, null,
        List.of(new SqlQueryStep(null, "a"), new SqlQueryStep(null, "b")), null);
    e = assertThrows(OdfFormatException.class,
        () -> DatasetSnapshotValidator.normalize(new DatasetSnapshot(latest.name(), DatasetKind.DERIVATIVE,
            List.of(new SetTransform(((SetTransform) latest.metadata().get(0)).inputs(), twoNameless)))));
    assertThat(e.getMessage(), containsString("Transform has multiple queries without an alias"));

    String seedYaml = "kind: DatasetSnapshot\nversion: 1\ncontent:\n  name: x\n  kind: Root\n  metadata:\n"
        + "  - kind: Seed\n    datasetId: " + id + "\n    datasetKind: Root\n";
    DatasetSnapshot withSeed = ManifestYaml.readSnapshots(seedYaml).get(0);
    e = assertThrows(OdfFormatException.class, () -> DatasetSnapshotValidator.normalize(withSeed));
    assertThat(e.getMessage(), is("Invalid snapshot: content.metadata[0]: Seed event is generated and cannot be specified explicitly"));
  }

  @Test
  void extraAttributesValuesFollowSerdeJson() {
    String yaml =
        "fields:\n- name: a\n  type: Int64\n  extra:\n    z.org/b: .inf\n    a.org/x: [1, 2.50, 'yes', ~]\n";
    org.odfbeam.core.model.DataSchema s =
        ModelYaml.decode(YamlReader.readYaml(yaml), org.odfbeam.core.model.DataSchema.class, "");
    Map<String, Object> extra = s.fields().get(0).extra().entries();
    assertThat(extra.get("z.org/b"), is((Object) null));
    assertThat(
        YamlEmitter.emit(ModelYaml.encode(s)),
        is("fields:\n- name: a\n  type:\n    kind: Int64\n  extra:\n    a.org/x:\n    - 1\n    - 2.5\n    - yes\n"
            + "    - null\n    z.org/b: null\n"));
  }

  @Test
  void jsonInputIsAccepted() {
    YamlNode node = YamlReader.readJson("{\"kind\": \"Csv\", \"header\": true,\n \"separator\": \"123\"}");
    ReadStepCsv csv = (ReadStepCsv) ModelYaml.decode(node, org.odfbeam.core.model.ReadStep.class, "read");
    assertThat(csv.separator(), is("123"));
    assertThat(node, instanceOf(YamlMapping.class));
    assertThat(((YamlMapping) node).entry("separator").key().line(), is(2));
    YamlSyntaxException e = assertThrows(YamlSyntaxException.class, () -> YamlReader.readJson("{\"a\": 1, \"a\": 2}"));
    assertThat(e.getMessage(), is("Cannot parse JSON at line 1, column 10: duplicate key 'a'"));
  }
}
