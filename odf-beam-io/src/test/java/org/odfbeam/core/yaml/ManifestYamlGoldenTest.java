package org.odfbeam.core.yaml;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.odfbeam.core.OdfFormatException;
import org.odfbeam.core.identity.DatasetAlias;
import org.odfbeam.core.identity.DatasetRef;
import org.odfbeam.core.identity.SeededDatasetIds;
import org.odfbeam.core.model.CompressionFormat;
import org.odfbeam.core.model.DataField;
import org.odfbeam.core.model.DataSchema;
import org.odfbeam.core.model.DataSlice;
import org.odfbeam.core.model.DataTypeList;
import org.odfbeam.core.model.DataTypeOption;
import org.odfbeam.core.model.DataTypeString;
import org.odfbeam.core.model.DataTypeTimestamp;
import org.odfbeam.core.model.DataTypeUInt64;
import org.odfbeam.core.model.DatasetKind;
import org.odfbeam.core.model.DatasetSnapshot;
import org.odfbeam.core.model.ExecuteTransform;
import org.odfbeam.core.model.ExecuteTransformInput;
import org.odfbeam.core.model.ExtraAttributes;
import org.odfbeam.core.model.FetchStep;
import org.odfbeam.core.model.FetchStepFilesGlob;
import org.odfbeam.core.model.FetchStepUrl;
import org.odfbeam.core.model.MergeStrategySnapshot;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.model.OffsetInterval;
import org.odfbeam.core.model.PrepStepDecompress;
import org.odfbeam.core.model.ReadStep;
import org.odfbeam.core.model.ReadStepCsv;
import org.odfbeam.core.model.ReadStepNdJson;
import org.odfbeam.core.model.SetDataSchema;
import org.odfbeam.core.model.SetPollingSource;
import org.odfbeam.core.model.SetTransform;
import org.odfbeam.core.model.SourceCachingForever;
import org.odfbeam.core.model.SourceOrdering;
import org.odfbeam.core.model.TimeUnit;
import org.odfbeam.core.model.Transform;
import org.odfbeam.core.model.TransformSql;
import org.odfbeam.core.multiformats.Multihash;

/**
 * Golden texts from kamu-data/kamu-cli:src/odf/metadata/tests/tests/test_serde_yaml.rs (the test named in each
 * method's comment), reproduced byte-for-byte and parsed back.
 */
class ManifestYamlGoldenTest {

  private static final Instant T2020 = Instant.parse("2020-01-01T12:00:00Z");

  private static String write(Object value) {
    return YamlEmitter.emit(ModelYaml.encode(value));
  }

  private static <T> T read(String yaml, Class<T> type) {
    return ModelYaml.decode(YamlReader.readYaml(yaml), type, "");
  }

  // test_serde_yaml.rs: serde_enum_tagging
  @Test
  void unionTagsAreWrittenPascalCaseAndReadInThreeSpellings() {
    String golden = "kind: NdJson\nencoding: utf-8\n";
    ReadStep value = read(golden, ReadStep.class);
    assertThat(value, instanceOf(ReadStepNdJson.class));
    assertThat(((ReadStepNdJson) value).encoding(), is("utf-8"));
    assertThat(write(value), is(golden));
    assertThat(read("kind: ndJson\nencoding: utf-8\n", ReadStep.class), equalTo(value));
    assertThat(read("kind: ndjson\nencoding: utf-8\n", ReadStep.class), equalTo(value));
    ModelYaml.MappingException e =
        assertThrows(
            ModelYaml.MappingException.class,
            () -> read("kind: nDjson\nencoding: utf-8\n", ReadStep.class));
    assertThat(e.getMessage(), containsString("unknown variant 'nDjson'"));
  }

  // test_serde_yaml.rs: serde_string_enum_names
  @Test
  void stringEnumsAreWrittenPascalCaseAndReadInThreeSpellings() {
    assertThat(write(SourceOrdering.BY_EVENT_TIME), is("ByEventTime\n"));
    assertThat(read("byEventTime\n", SourceOrdering.class), is(SourceOrdering.BY_EVENT_TIME));
    assertThat(read("byeventtime\n", SourceOrdering.class), is(SourceOrdering.BY_EVENT_TIME));
    ModelYaml.MappingException e =
        assertThrows(ModelYaml.MappingException.class, () -> read("bYeventtime\n", SourceOrdering.class));
    assertThat(e.getMessage(), containsString("unknown variant 'bYeventtime'"));
  }

  // test_serde_yaml.rs: test_serde_maps ("String -> AnyJson" part, ExtraAttributes)
  @Test
  void extraAttributesAreANestedMap() {
    String golden =
        "arrow.apache.org/offsetBitWidth: 32\n"
            + "opendatafabric.org/description: foobar\n"
            + "opendatafabric.org/type:\n"
            + "  kind: ObjectLink\n"
            + "  linkType:\n"
            + "    kind: Multihash\n";
    ExtraAttributes attrs = read(golden, ExtraAttributes.class);
    assertThat(attrs.get("arrow.apache.org/offsetBitWidth"), is((Object) 32L));
    assertThat(
        attrs.get("opendatafabric.org/type"),
        equalTo((Object) Map.of("kind", "ObjectLink", "linkType", Map.of("kind", "Multihash"))));
    assertThat(write(attrs), is(golden));
  }

  // test_serde_yaml.rs: serde_set_data_schema
  @Test
  void setDataSchemaBlock() {
    String golden =
        "kind: MetadataBlock\n"
            + "version: 3\n"
            + "content:\n"
            + "  systemTime: 2020-01-01T12:00:00Z\n"
            + "  prevBlockHash: f16209eb949bd8ff0bb1d827f11809aebc6bd0d5955c7f368469a913c70d196620272\n"
            + "  sequenceNumber: 123\n"
            + "  event:\n"
            + "    kind: SetDataSchema\n"
            + "    schema:\n"
            + "      fields:\n"
            + "      - name: city\n"
            + "        type:\n"
            + "          kind: String\n"
            + "        extra:\n"
            + "          arrow.apache.org/bufferEncoding:\n"
            + "            kind: View\n"
            + "            offsetBitWidth: 32\n"
            + "      - name: population\n"
            + "        type:\n"
            + "          kind: UInt64\n"
            + "      - name: census\n"
            + "        type:\n"
            + "          kind: Option\n"
            + "          inner:\n"
            + "            kind: String\n"
            + "        extra:\n"
            + "          opendatafabric.org/type:\n"
            + "            kind: ObjectLink\n"
            + "            linkType:\n"
            + "              kind: Multihash\n"
            + "      - name: links\n"
            + "        type:\n"
            + "          kind: List\n"
            + "          itemType:\n"
            + "            kind: String\n"
            + "      extra:\n"
            + "        kamu.dev/archetype: Collection\n";
    DataSchema schema =
        new DataSchema(
            List.of(
                new DataField(
                    "city",
                    new DataTypeString(),
                    ExtraAttributes.of(
                        Map.of(
                            "arrow.apache.org/bufferEncoding",
                            Map.of("kind", "View", "offsetBitWidth", 32)))),
                new DataField("population", new DataTypeUInt64(), null),
                new DataField(
                    "census",
                    new DataTypeOption(new DataTypeString()),
                    ExtraAttributes.of(
                        Map.of(
                            "opendatafabric.org/type",
                            Map.of("kind", "ObjectLink", "linkType", Map.of("kind", "Multihash"))))),
                new DataField("links", new DataTypeList(new DataTypeString(), null), null)),
            ExtraAttributes.of(Map.of("kamu.dev/archetype", "Collection")));
    MetadataBlock block =
        new MetadataBlock(
            T2020,
            Multihash.sha3_256("prev".getBytes(StandardCharsets.UTF_8)),
            123,
            new SetDataSchema(null, schema));

    assertThat(ManifestYaml.writeBlock(block), is(golden));
    assertThat(ManifestYaml.readBlock(golden), equalTo(block));
    assertThat(ManifestYaml.blockManifestVersion(golden), is(3));
  }

  // test_serde_yaml.rs: serde_dataset_snapshot_root
  @Test
  void rootSnapshot() {
    String golden =
        "kind: DatasetSnapshot\n"
            + "version: 1\n"
            + "content:\n"
            + "  name: kamu.test\n"
            + "  kind: Root\n"
            + "  metadata:\n"
            + "  - kind: SetPollingSource\n"
            + "    fetch:\n"
            + "      kind: Url\n"
            + "      url: ftp://kamu.dev/test.zip\n"
            + "      cache:\n"
            + "        kind: Forever\n"
            + "    prepare:\n"
            + "    - kind: Decompress\n"
            + "      format: Zip\n"
            + "      subPath: data_*.csv\n"
            + "    read:\n"
            + "      kind: Csv\n"
            + "      header: true\n"
            + "    preprocess:\n"
            + "      kind: Sql\n"
            + "      engine: spark\n"
            + "      query: SELECT * FROM input\n"
            + "    merge:\n"
            + "      kind: Snapshot\n"
            + "      primaryKey:\n"
            + "      - id\n";
    List<DatasetSnapshot> snapshots = ManifestYaml.readSnapshots(golden);
    assertThat(snapshots.size(), is(1));
    DatasetSnapshot s = snapshots.get(0);
    assertThat(s.name(), equalTo(DatasetAlias.parse("kamu.test")));
    assertThat(s.kind(), is(DatasetKind.ROOT));
    SetPollingSource src = (SetPollingSource) s.metadata().get(0);
    FetchStepUrl fetch = (FetchStepUrl) src.fetch();
    assertThat(fetch.url(), is("ftp://kamu.dev/test.zip"));
    assertThat(fetch.cache(), equalTo(new SourceCachingForever()));
    assertThat(fetch.eventTime(), nullValue());
    PrepStepDecompress prep = (PrepStepDecompress) src.prepare().get(0);
    assertThat(prep.format(), is(CompressionFormat.ZIP));
    assertThat(prep.subPath(), is("data_*.csv"));
    assertThat(((ReadStepCsv) src.read()).header(), is(true));
    TransformSql sql = (TransformSql) src.preprocess();
    assertThat(sql.engine(), is("spark"));
    assertThat(sql.query(), is("SELECT * FROM input"));
    assertThat(((MergeStrategySnapshot) src.merge()).primaryKey(), equalTo(List.of("id")));

    assertThat(ManifestYaml.writeSnapshot(s), is(golden));
  }

  // test_serde_yaml.rs: serde_dataset_snapshot_derivative
  @Test
  void derivativeSnapshot() {
    String golden =
        "kind: DatasetSnapshot\n"
            + "version: 1\n"
            + "content:\n"
            + "  name: com.naturalearthdata.admin0\n"
            + "  kind: Derivative\n"
            + "  metadata:\n"
            + "  - kind: SetTransform\n"
            + "    inputs:\n"
            + "    - datasetRef: com.naturalearthdata.10m.admin0\n"
            + "    - datasetRef: com.naturalearthdata.50m.admin0\n"
            + "    transform:\n"
            + "      kind: Sql\n"
            + "      engine: spark\n"
            + "      query: SOME_SQL\n";
    DatasetSnapshot s = ManifestYaml.readSnapshot(golden);
    assertThat(s.kind(), is(DatasetKind.DERIVATIVE));
    SetTransform t = (SetTransform) s.metadata().get(0);
    assertThat(t.inputs().get(0).datasetRef(), equalTo(DatasetRef.parse("com.naturalearthdata.10m.admin0")));
    assertThat(t.inputs().get(1).alias(), nullValue());
    assertThat(((TransformSql) t.transform()).query(), is("SOME_SQL"));
    assertThat(ManifestYaml.writeSnapshot(s), is(golden));
  }

  // test_serde_yaml.rs: serde_dataset_snapshot_derivative_with_multi_tenant_ref
  @Test
  void derivativeSnapshotWithMultiTenantRefs() {
    String golden =
        "kind: DatasetSnapshot\n"
            + "version: 1\n"
            + "content:\n"
            + "  name: a/com.naturalearthdata.admin0\n"
            + "  kind: Derivative\n"
            + "  metadata:\n"
            + "  - kind: SetTransform\n"
            + "    inputs:\n"
            + "    - datasetRef: b/com.naturalearthdata.10m.admin0\n"
            + "    - datasetRef: c/com.naturalearthdata.50m.admin0\n"
            + "    transform:\n"
            + "      kind: Sql\n"
            + "      engine: spark\n"
            + "      query: SOME_SQL\n";
    DatasetSnapshot s = ManifestYaml.readSnapshot(golden);
    assertThat(s.name(), equalTo(DatasetAlias.parse("a/com.naturalearthdata.admin0")));
    SetTransform t = (SetTransform) s.metadata().get(0);
    assertThat(t.inputs().get(1).datasetRef(), equalTo(DatasetRef.parse("c/com.naturalearthdata.50m.admin0")));
    assertThat(ManifestYaml.writeSnapshot(s), is(golden));
  }

  // Shared by serde_metadata_block and serde_metadata_block_obsolete_version (Rust `\` line continuations
  // joined: the did:odf values are on the `- datasetId:` lines).
  private static String executeTransformBlock(int version) {
    return "kind: MetadataBlock\n"
        + "version: " + version + "\n"
        + "content:\n"
        + "  systemTime: 2020-01-01T12:00:00Z\n"
        + "  prevBlockHash: f16209eb949bd8ff0bb1d827f11809aebc6bd0d5955c7f368469a913c70d196620272\n"
        + "  sequenceNumber: 127\n"
        + "  event:\n"
        + "    kind: ExecuteTransform\n"
        + "    queryInputs:\n"
        + "    - datasetId: did:odf:fed01816ef0a9abe93aba816ef0a9abe93aba90e6065747170300c0d3d30c2cd8d7a4\n"
        + "      prevBlockHash: f162080084bf2fba02475726feb2cab2d8215eab14bc6bdd8bfb2c8151257032ecd8b\n"
        + "      newBlockHash: f1620b039179a8a4ce2c252aa6f2f25798251c19b75fc1508d9d511a191e0487d64a7\n"
        + "      prevOffset: 9\n"
        + "      newOffset: 20\n"
        + "    - datasetId: did:odf:fed01826ef0a9abea3a3a826ef0a9abea3a3a90e6065747270300c1d3b30a2cd9d724\n"
        + "      prevBlockHash: f162080084bf2fba02475726feb2cab2d8215eab14bc6bdd8bfb2c8151257032ecd8b\n"
        + "      newBlockHash: f1620b039179a8a4ce2c252aa6f2f25798251c19b75fc1508d9d511a191e0487d64a7\n"
        + "    prevCheckpoint: f1620894b355f91b194f31c1116dcec200b68d5cfd90a3df19032829fa643bc711fcb\n"
        + "    prevOffset: 9\n"
        + "    newData:\n"
        + "      logicalHash: f162076d3bc41c9f588f7fcd0d5bf4718f8f84b1c41b20882703100b9eb9413807c01\n"
        + "      physicalHash: f1620cceefd7e0545bcf8b6d19f3b5750c8a3ee8350418877bc6fb12e32de28137355\n"
        + "      offsetInterval:\n"
        + "        start: 10\n"
        + "        end: 19\n"
        + "      size: 10\n"
        + "    newWatermark: 2020-01-01T12:00:00Z\n";
  }

  private static Multihash sha3(String s) {
    return Multihash.sha3_256(s.getBytes(StandardCharsets.UTF_8));
  }

  // test_serde_yaml.rs: serde_metadata_block
  @Test
  void executeTransformBlock() {
    MetadataBlock block =
        new MetadataBlock(
            T2020,
            sha3("prev"),
            127,
            new ExecuteTransform(
                List.of(
                    new ExecuteTransformInput(
                        SeededDatasetIds.seeded("input1".getBytes(StandardCharsets.UTF_8)),
                        sha3("a"),
                        sha3("b"),
                        9L,
                        20L),
                    new ExecuteTransformInput(
                        SeededDatasetIds.seeded("input2".getBytes(StandardCharsets.UTF_8)),
                        sha3("a"),
                        sha3("b"),
                        null,
                        null)),
                sha3("checkpoint"),
                9L,
                new DataSlice(sha3("foo"), sha3("bar"), new OffsetInterval(10, 19), 10),
                null,
                T2020));
    String golden = executeTransformBlock(3);
    assertThat(ManifestYaml.writeBlock(block), is(golden));
    assertThat(ManifestYaml.readBlock(golden), equalTo(block));
    assertThat(ManifestYaml.writeBlock(block, 2), is(executeTransformBlock(2)));
    assertThat(ManifestYaml.blockManifestVersion(executeTransformBlock(2)), is(2));
  }

  // test_serde_yaml.rs: serde_metadata_block_obsolete_version (message from serdes.rs UnsupportedVersionError)
  @Test
  void obsoleteAndFutureBlockVersionsAreRejected() {
    OdfFormatException e =
        assertThrows(OdfFormatException.class, () -> ManifestYaml.readBlock(executeTransformBlock(1)));
    assertThat(
        e.getMessage(),
        is(
            "Cannot read MetadataBlock at line 2, version: Obsolete version: manifest has version 1 "
                + "while minimum supported version is 2"));
    e = assertThrows(OdfFormatException.class, () -> ManifestYaml.readBlock(executeTransformBlock(4)));
    assertThat(
        e.getMessage(),
        containsString("Unsupported version: manifest has version 4 while maximum supported version is 3"));
  }

  // test_serde_yaml.rs: serde_fetch_step_files_glob
  @Test
  void fetchStepFilesGlob() {
    String golden = "kind: FilesGlob\npath: /opt/x/*.txt\ncache:\n  kind: Forever\norder: ByName\n";
    FetchStep expected =
        new FetchStepFilesGlob("/opt/x/*.txt", null, new SourceCachingForever(), SourceOrdering.BY_NAME);
    assertThat(read(golden, FetchStep.class), equalTo(expected));
    assertThat(write(expected), is(golden));
  }

  // test_serde_yaml.rs: serde_transform
  @Test
  void sqlTransformWithQueriesAndTemporalTables() {
    String golden =
        "kind: Sql\n"
            + "engine: flink\n"
            + "queries:\n"
            + "- alias: bar\n"
            + "  query: SELECT * FROM foo\n"
            + "temporalTables:\n"
            + "- name: foo\n"
            + "  primaryKey:\n"
            + "  - id\n";
    Transform t = read(golden, Transform.class);
    TransformSql sql = (TransformSql) t;
    assertThat(sql.engine(), is("flink"));
    assertThat(sql.query(), nullValue());
    assertThat(sql.queries().get(0).alias(), is("bar"));
    assertThat(sql.temporalTables().get(0).primaryKey(), equalTo(List.of("id")));
    assertThat(write(t), is(golden));
  }

  // test_serde_yaml.rs: serde_enum_short_form
  @Test
  void dataTypeShortFormIsReadAndExpandedOnWrite() {
    String input =
        "fields:\n"
            + "- name: long\n"
            + "  type:\n"
            + "    kind: Timestamp\n"
            + "- name: short\n"
            + "  type: Timestamp\n"
            + "- name: full\n"
            + "  type:\n"
            + "    kind: Timestamp\n"
            + "    unit: Nanosecond\n"
            + "    timezone: UTC\n";
    String expandedGolden =
        "fields:\n"
            + "- name: long\n"
            + "  type:\n"
            + "    kind: Timestamp\n"
            + "- name: short\n"
            + "  type:\n"
            + "    kind: Timestamp\n"
            + "- name: full\n"
            + "  type:\n"
            + "    kind: Timestamp\n"
            + "    unit: Nanosecond\n"
            + "    timezone: UTC\n";
    DataSchema expected =
        new DataSchema(
            List.of(
                new DataField("long", new DataTypeTimestamp(null, null), null),
                new DataField("short", new DataTypeTimestamp(null, null), null),
                new DataField("full", new DataTypeTimestamp(TimeUnit.NANOSECOND, "UTC"), null)),
            null);
    DataSchema actual = read(input, DataSchema.class);
    assertThat(actual, equalTo(expected));
    assertThat(write(actual), is(expandedGolden));

    ModelYaml.MappingException e =
        assertThrows(
            ModelYaml.MappingException.class,
            () -> read("fields:\n- name: short\n  type: Invalid\n", DataSchema.class));
    assertThat(e.getMessage(), containsString("unknown variant 'Invalid'"));
    assertThat(e.path(), is("fields[0].type"));
    assertThat(e.node().line(), is(3));
  }
}
