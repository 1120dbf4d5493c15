package org.odfbeam.core.codec;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.odfbeam.core.identity.DatasetRef;
import org.odfbeam.core.identity.SeededDatasetIds;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.model.CompressionFormat;
import org.odfbeam.core.model.DataField;
import org.odfbeam.core.model.DataSchema;
import org.odfbeam.core.model.DataSlice;
import org.odfbeam.core.model.DataTypeInt32;
import org.odfbeam.core.model.DataTypeList;
import org.odfbeam.core.model.DataTypeOption;
import org.odfbeam.core.model.DataTypeString;
import org.odfbeam.core.model.DataTypeUInt64;
import org.odfbeam.core.model.EventTimeSourceFromMetadata;
import org.odfbeam.core.model.ExecuteTransform;
import org.odfbeam.core.model.ExecuteTransformInput;
import org.odfbeam.core.model.ExtraAttributes;
import org.odfbeam.core.model.FetchStepFilesGlob;
import org.odfbeam.core.model.MergeStrategyLedger;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.model.MetadataEvent;
import org.odfbeam.core.model.OffsetInterval;
import org.odfbeam.core.model.PrepStepDecompress;
import org.odfbeam.core.model.ReadStepGeoJson;
import org.odfbeam.core.model.SetDataSchema;
import org.odfbeam.core.model.SetPollingSource;
import org.odfbeam.core.model.SetTransform;
import org.odfbeam.core.model.SourceCachingForever;
import org.odfbeam.core.model.SourceOrdering;
import org.odfbeam.core.model.SourceState;
import org.odfbeam.core.model.TransformInput;
import org.odfbeam.core.model.TransformSql;
import org.odfbeam.core.multiformats.Multihash;

/**
 * kamu's serializer-stability vectors: the expected values are the plain-hex SHA3-256 of the whole Manifest
 * bytes, copied from kamu-data/kamu-cli:src/odf/metadata/tests/tests/test_serde_flatbuffers.rs
 * ({@code get_test_events}, {@code wrap_into_block}, {@code test_serializer_stability},
 * {@code serde_set_data_schema}). Each test also checks decode(encode(block)) == block and that re-encoding the
 * decoded block reproduces the bytes.
 */
class MetadataBlockCodecGoldenTest {
  private static final Instant T = Instant.parse("2020-01-01T12:00:00Z");

  /** {@code wrap_into_block}: system_time 2020-01-01T12:00:00Z, prev hash H("prev"), sequence number 117. */
  static MetadataBlock wrap(MetadataEvent event) {
    return new MetadataBlock(T, h("prev"), 117, event);
  }

  static Multihash h(String s) {
    return Multihash.sha3_256(s.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertHash(MetadataBlock block, int version, String expectedSha3Hex) throws Exception {
    byte[] bytes = MetadataBlockCodec.encode(block, version);
    String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA3-256").digest(bytes));
    assertThat(actual, equalTo(expectedSha3Hex));
    assertThat(MetadataBlockCodec.hash(bytes).digest(), equalTo(HexFormat.of().parseHex(expectedSha3Hex)));
    MetadataBlock decoded = MetadataBlockCodec.decode(bytes);
    assertThat(decoded, equalTo(block));
    assertThat(MetadataBlockCodec.manifestVersion(bytes), equalTo(version));
    assertThat(MetadataBlockCodec.encode(decoded, version), equalTo(bytes));
  }

  private static final DataSlice SLICE_10_99 =
      new DataSlice(h("logical"), h("physical"), new OffsetInterval(10, 99), 100);

  // kamu-data/kamu-cli:src/odf/metadata/tests/tests/test_serde_flatbuffers.rs, get_test_events()[0]
  @Test
  void addDataWithAllFieldsAbsent() throws Exception {
    assertHash(wrap(new AddData(null, null, null, null, null, null, null)), 3,
        "a93874702479f83ddff1e7a660ca78085def333c86501b0d895fa3aec79c7189");
  }

  // kamu-data/kamu-cli:src/odf/metadata/tests/tests/test_serde_flatbuffers.rs, get_test_events()[1]
  @Test
  void addDataWithPrevCheckpointAndOffset() throws Exception {
    assertHash(wrap(new AddData(h("prev"), 9L, null, null, null, null, null)), 3,
        "86aeb7dee0502b4886761de5e45b5111c0bc9e0fbfee02e3685487109305ef56");
  }

  // kamu-data/kamu-cli:src/odf/metadata/tests/tests/test_serde_flatbuffers.rs, get_test_events()[2]
  @Test
  void addDataWithWatermark() throws Exception {
    assertHash(wrap(new AddData(h("prev"), 9L, null, null, T, null, null)), 3,
        "d1b412dab2a6af53f3e1b183834557bbf1c4689e2fc9b92fc0d04741ef607ecc");
  }

  // kamu-data/kamu-cli:src/odf/metadata/tests/tests/test_serde_flatbuffers.rs, get_test_events()[3]
  @Test
  void addDataWithNewData() throws Exception {
    assertHash(wrap(new AddData(h("prev"), 9L, SLICE_10_99, null, T, null, null)), 3,
        "1fcf10cb843746c4c44e6c288e216995701aa073426fc4bebe14f1680f8ec6d1");
  }

  private static SetPollingSource pollingSource(ReadStepGeoJson read) {
    return new SetPollingSource(
        new FetchStepFilesGlob("./*.csv", new EventTimeSourceFromMetadata(), new SourceCachingForever(),
            SourceOrdering.BY_NAME),
        List.of(new PrepStepDecompress(CompressionFormat.GZIP, null)),
        read,
        new TransformSql("spark", "1.0.0", "SELECT * FROM input", null, null),
        new MergeStrategyLedger(List.of("a")));
  }

  // kamu-data/kamu-cli:src/odf/metadata/tests/tests/test_serde_flatbuffers.rs, get_test_events()[4]
  @Test
  void setPollingSourceWithDdlSchema() throws Exception {
    assertHash(wrap(pollingSource(new ReadStepGeoJson(List.of("a: INT", "b: INT"), null))), 3,
        "eb61498b7362d334131a8486a5ce4cc2638d7c1aa3e4da82a19cf834a77df718");
  }

  // kamu-data/kamu-cli:src/odf/metadata/tests/tests/test_serde_flatbuffers.rs, get_test_events()[5]
  // (DataField::i32(name) = {name, Int32, extra: None}; DataSchema::new(fields) has no extra)
  @Test
  void setPollingSourceWithOdfSchema() throws Exception {
    DataSchema schema = new DataSchema(
        List.of(new DataField("a", new DataTypeInt32(), null), new DataField("b", new DataTypeInt32(), null)),
        null);
    assertHash(wrap(pollingSource(new ReadStepGeoJson(null, schema))), 3,
        "f96c90e9e9700819ba05d87f66b200a18a08404706ac62cde6d68bc350e73861");
  }

  private static AddData addDataWithSourceState(ExtraAttributes extra) {
    return new AddData(h("checkpoint"), 9L, SLICE_10_99, null, null,
        new SourceState("push-source-1", "kamu/kafka-offset", "SOME_OFFSET"), extra);
  }

  // kamu-data/kamu-cli:src/odf/metadata/tests/tests/test_serde_flatbuffers.rs, get_test_events()[6]
  @Test
  void addDataWithSourceState() throws Exception {
    assertHash(wrap(addDataWithSourceState(null)), 3,
        "9326dc5daab04877a9f006ff6b1636a8fa9dcec9615b54f741a1a90091eaf694");
  }

  // kamu-data/kamu-cli:src/odf/metadata/tests/tests/test_serde_flatbuffers.rs, get_test_events()[7]
  // (ExtraAttributes::new().with(LinkedObjectsSummary {num_objects_naive: 10, size_naive: 100}))
  @Test
  void addDataWithExtraAttributes() throws Exception {
    ExtraAttributes extra = ExtraAttributes.of(Map.of("opendatafabric.org/linkedObjects",
        Map.of("numObjectsNaive", 10, "sizeNaive", 100)));
    assertThat(extra.toCanonicalJson(),
        equalTo("{\"opendatafabric.org/linkedObjects\":{\"numObjectsNaive\":10,\"sizeNaive\":100}}"));
    assertHash(wrap(addDataWithSourceState(extra)), 3,
        "54f64c642cca6f67416ebe2b29e5d9414ece91f819efe97cd437fbe542c61bbb");
  }

  // kamu-data/kamu-cli:src/odf/metadata/tests/tests/test_serde_flatbuffers.rs, get_test_events()[8]
  @Test
  void setTransform() throws Exception {
    SetTransform event = new SetTransform(
        List.of(new TransformInput(DatasetRef.ofId(SeededDatasetIds.seeded("input1".getBytes(StandardCharsets.UTF_8))), "input1"),
            new TransformInput(DatasetRef.parse("input2"), "input2")),
        new TransformSql("spark", null, "SELECT * FROM input1 UNION ALL SELECT * FROM input2", null, null));
    assertHash(wrap(event), 3, "bb6aa1f9689b794c75affa709ae2477b209411d9ad092c2318ecd9ea94121bcc");
  }

  // kamu-data/kamu-cli:src/odf/metadata/tests/tests/test_serde_flatbuffers.rs, get_test_events()[9]
  @Test
  void executeTransform() throws Exception {
    ExecuteTransform event = new ExecuteTransform(
        List.of(
            new ExecuteTransformInput(SeededDatasetIds.seeded("input1".getBytes(StandardCharsets.UTF_8)), h("a"), h("b"), 9L, 20L),
            new ExecuteTransformInput(SeededDatasetIds.seeded("input2".getBytes(StandardCharsets.UTF_8)), h("a"), h("b"), null, null)),
        h("checkpoint"), 9L,
        new DataSlice(h("foo"), h("bar"), new OffsetInterval(10, 19), 10),
        null, T);
    assertHash(wrap(event), 3, "21cab7396525e614beeafe21c05a38bf597a39a191cc14147b9c5ec32210cf82");
  }

  // kamu-data/kamu-cli:src/odf/metadata/tests/tests/test_serde_flatbuffers.rs, serde_set_data_schema()
  // (field extras as produced by DataField::encoding(View{offset_bit_width: 32}) and
  // DataTypeExt::object_link(multihash()); schema extra DatasetArchetype::Collection; see format notes 4.8)
  @Test
  void setDataSchema() throws Exception {
    DataSchema schema = new DataSchema(List.of(
        new DataField("city", new DataTypeString(), ExtraAttributes.parseJson(
            "{\"arrow.apache.org/bufferEncoding\":{\"kind\":\"View\",\"offsetBitWidth\":32}}")),
        new DataField("population", new DataTypeUInt64(), null),
        new DataField("census", new DataTypeOption(new DataTypeString()), ExtraAttributes.parseJson(
            "{\"opendatafabric.org/type\":{\"kind\":\"ObjectLink\",\"linkType\":{\"kind\":\"Multihash\"}}}")),
        new DataField("links", new DataTypeList(new DataTypeString(), null), null)),
        ExtraAttributes.parseJson("{\"kamu.dev/archetype\":\"Collection\"}"));
    assertHash(wrap(new SetDataSchema(null, schema)), 3,
        "80865248519d55fa04598e24ba42884728efe70956e640dca4df5ec8043c69ca");
  }

  // Version 2 (kamu-cli < 0.265.0, Timestamp structs aligned to 1) of get_test_events()[0]; the hash is the
  // pre-0.265 value of test_serializer_stability's first case in kamu-data/kamu-cli:src/odf/metadata/tests/tests/
  // test_serde_flatbuffers.rs before commit 130b30f83 (format notes 4.8, row "v2").
  @Test
  void addDataWithAllFieldsAbsentVersion2() throws Exception {
    assertHash(wrap(new AddData(null, null, null, null, null, null, null)), 2,
        "73e2977b8beae4aef53670067c1173b9d68e69721908d080b84286ab366d1e14");
  }
}
