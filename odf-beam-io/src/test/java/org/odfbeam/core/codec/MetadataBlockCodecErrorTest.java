package org.odfbeam.core.codec;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.flatbuffers.FlatBufferBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.odfbeam.core.OdfFormatException;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.model.MetadataBlock;

/** Malformed input always ends in a clear {@link OdfFormatException}, never in a raw runtime exception. */
class MetadataBlockCodecErrorTest {
  private static final MetadataBlock BLOCK = MetadataBlockCodecGoldenTest.wrap(new AddData(
      MetadataBlockCodecGoldenTest.h("prev"), 9L, null, null, Instant.parse("2020-01-01T12:00:00Z"), null, null));

  /** A Manifest table built by hand: {kind, version, content}. */
  private static byte[] manifest(long kind, int version, byte[] content) {
    FlatBufferBuilder fb = new FlatBufferBuilder(64);
    int c = fb.createByteVector(content);
    fb.startTable(3);
    fb.addLong(0, kind, 0L);
    fb.addInt(1, version, 0);
    fb.addOffset(2, c, 0);
    fb.finish(fb.endTable());
    return fb.sizedByteArray();
  }

  /** The MetadataBlock content (inner FlatBuffer) of a valid block, located by following the Manifest offsets. */
  private static byte[] content(MetadataBlock block) {
    byte[] stored = MetadataBlockCodec.encode(block);
    java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(stored).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    int root = bb.getInt(0);
    int vt = root - bb.getInt(root);
    int contentField = root + bb.getShort(vt + 8);
    int vector = contentField + bb.getInt(contentField);
    int len = bb.getInt(vector);
    return Arrays.copyOfRange(stored, vector + 4, vector + 4 + len);
  }

  @Test
  void handBuiltManifestMatchesCodec() {
    assertThat(manifest(0x400000, 3, content(BLOCK)), equalTo(MetadataBlockCodec.encode(BLOCK)));
  }

  @Test
  void rejectsUnsupportedVersions() {
    for (int version : new int[] {0, 1, 4, -1}) {
      OdfFormatException e = assertThrows(OdfFormatException.class,
          () -> MetadataBlockCodec.decode(manifest(0x400000, version, content(BLOCK))));
      assertThat(e.getMessage(), equalTo(
          "Unsupported metadata block version " + version + ", supported versions are 2..3"));
    }
  }

  @Test
  void manifestVersionReportsStoredVersionWithoutDecoding() {
    assertThat(MetadataBlockCodec.manifestVersion(manifest(0x400000, 1, new byte[0])), equalTo(1));
    assertThat(MetadataBlockCodec.manifestVersion(MetadataBlockCodec.encode(BLOCK, 2)), equalTo(2));
  }

  @Test
  void rejectsWrongManifestKind() {
    OdfFormatException e = assertThrows(OdfFormatException.class,
        () -> MetadataBlockCodec.decode(manifest(0x400001, 3, content(BLOCK))));
    assertThat(e.getMessage(), equalTo(
        "Cannot decode metadata block: manifest.kind is 0x400001, expected 0x400000 (odf-metadata-block)"));
    assertThrows(OdfFormatException.class, () -> MetadataBlockCodec.manifestVersion(manifest(0, 3, new byte[8])));
  }

  @Test
  void rejectsEncodingUnsupportedVersions() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MetadataBlockCodec.encode(BLOCK, 1));
    assertThat(e.getMessage(), containsString("unsupported manifest version 1, supported versions are 2..3"));
    assertThrows(IllegalArgumentException.class, () -> MetadataBlockCodec.encode(BLOCK, 4));
  }

  @Test
  void rejectsTooShortBuffer() {
    OdfFormatException e = assertThrows(OdfFormatException.class, () -> MetadataBlockCodec.decode(new byte[3]));
    assertThat(e.getMessage(), equalTo("Cannot decode metadata block: manifest: buffer too short (3 bytes)"));
  }

  @Test
  void rejectsEveryTruncation() {
    byte[] bytes = MetadataBlockCodec.encode(BLOCK);
    for (int len = 0; len < bytes.length; len++) {
      byte[] truncated = Arrays.copyOf(bytes, len);
      OdfFormatException e = assertThrows(OdfFormatException.class, () -> MetadataBlockCodec.decode(truncated),
          "length " + len);
      assertThat(e.getMessage(), anyOf(startsWith("Cannot decode metadata block: "),
          startsWith("Unsupported metadata block version")));
    }
    byte[] truncatedContent = manifest(0x400000, 3, Arrays.copyOf(content(BLOCK), 40));
    OdfFormatException e = assertThrows(OdfFormatException.class,
        () -> MetadataBlockCodec.decode(truncatedContent));
    assertThat(e.getMessage(), equalTo(
        "Cannot decode metadata block: content: invalid table size 42 of table at 20 (buffer size 40)"));
  }

  @Test
  void rejectsMissingContent() {
    FlatBufferBuilder fb = new FlatBufferBuilder(64);
    fb.startTable(3);
    fb.addLong(0, 0x400000, 0L);
    fb.addInt(1, 3, 0);
    fb.finish(fb.endTable());
    OdfFormatException e = assertThrows(OdfFormatException.class,
        () -> MetadataBlockCodec.decode(fb.sizedByteArray()));
    assertThat(e.getMessage(), equalTo("Cannot decode metadata block: manifest.content: missing required field"));
  }

  /** A MetadataBlock content buffer with a hand-written event table. */
  private interface EventWriter {
    int write(FlatBufferBuilder fb);
  }

  private static byte[] blockWithEvent(int eventType, EventWriter event, byte[] prevBlockHash) {
    FlatBufferBuilder fb = new FlatBufferBuilder(64);
    int prev = prevBlockHash == null ? 0 : fb.createByteVector(prevBlockHash);
    int ev = event.write(fb);
    fb.startTable(5);
    fb.prep(4, 16);
    fb.putInt(0);
    fb.putInt(43200);
    fb.pad(2);
    fb.putShort((short) 1);
    fb.putInt(2020);
    fb.addStruct(0, fb.offset(), 0);
    if (prev != 0) {
      fb.addOffset(1, prev, 0);
    }
    fb.addLong(2, 1, 0L);
    fb.addByte(3, (byte) eventType, 0);
    fb.addOffset(4, ev, 0);
    fb.finish(fb.endTable());
    return manifest(0x400000, 3, fb.sizedByteArray());
  }

  private static int emptyTable(FlatBufferBuilder fb) {
    fb.startTable(0);
    return fb.endTable();
  }

  @Test
  void handBuiltBlockDecodes() {
    MetadataBlock block = MetadataBlockCodec.decode(blockWithEvent(13, MetadataBlockCodecErrorTest::emptyTable, null));
    assertThat(block.systemTime(), equalTo(Instant.parse("2020-01-01T12:00:00Z")));
    assertThat(block.event().kindName(), equalTo("DisablePollingSource"));
  }

  @Test
  void rejectsMissingRequiredField() {
    // Seed (type 3) without dataset_id
    OdfFormatException e = assertThrows(OdfFormatException.class,
        () -> MetadataBlockCodec.decode(blockWithEvent(3, MetadataBlockCodecErrorTest::emptyTable, null)));
    assertThat(e.getMessage(), equalTo("Cannot decode metadata block: content.event.datasetId: missing required field"));
  }

  @Test
  void rejectsUnknownUnionType() {
    OdfFormatException e = assertThrows(OdfFormatException.class,
        () -> MetadataBlockCodec.decode(blockWithEvent(14, MetadataBlockCodecErrorTest::emptyTable, null)));
    assertThat(e.getMessage(), equalTo("Cannot decode metadata block: content.event: unknown MetadataEvent union type 14"));
  }

  @Test
  void rejectsInvalidMultihash() {
    OdfFormatException e = assertThrows(OdfFormatException.class, () -> MetadataBlockCodec.decode(
        blockWithEvent(13, MetadataBlockCodecErrorTest::emptyTable, new byte[] {0x16, 0x20, 1, 2, 3})));
    assertThat(e.getMessage(), startsWith("Cannot decode metadata block: content.prevBlockHash: invalid multihash 1620010203"));
  }

  @Test
  void rejectsInvalidNestedValueWithPath() {
    // AddData (type 1) whose new_data (slot 2) lacks logical_hash: path goes through nested tables
    OdfFormatException e = assertThrows(OdfFormatException.class, () -> MetadataBlockCodec.decode(
        blockWithEvent(1, fb -> {
          int slice = emptyTable(fb);
          fb.startTable(3);
          fb.addOffset(2, slice, 0);
          return fb.endTable();
        }, null)));
    assertThat(e.getMessage(), equalTo("Cannot decode metadata block: content.event.newData.logicalHash: missing required field"));
  }

  @Test
  void rejectsInvalidTimestamp() {
    byte[] bytes = blockWithEvent(13, MetadataBlockCodecErrorTest::emptyTable, null);
    // the Timestamp struct starts with year 2020 (e4 07 00 00), then ordinal 1 (01 00): set the ordinal to 400
    int i = indexOf(bytes, new byte[] {(byte) 0xe4, 0x07, 0, 0, 1, 0});
    bytes[i + 4] = (byte) 0x90;
    bytes[i + 5] = 0x01;
    byte[] corrupted = bytes;
    OdfFormatException e = assertThrows(OdfFormatException.class, () -> MetadataBlockCodec.decode(corrupted));
    assertThat(e.getMessage(), startsWith("Cannot decode metadata block: content.systemTime: invalid timestamp: year 2020, ordinal 400"));
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("pattern not found");
  }

  @Test
  void corruptedBlocksFailCleanlyOrDecode() {
    List<MetadataBlock> blocks = new ArrayList<>();
    blocks.add(BLOCK);
    Random random = new Random(42);
    for (int i = 0; i < 30; i++) {
      blocks.add(new RandomModel(random, 0.8).block());
    }
    int failures = 0;
    for (MetadataBlock block : blocks) {
      byte[] bytes = MetadataBlockCodec.encode(block);
      for (int pos = 0; pos < bytes.length; pos++) {
        for (int flip : new int[] {0xff, 0x01, 0x80, 0x10}) {
          byte[] corrupted = bytes.clone();
          corrupted[pos] ^= (byte) flip;
          failures += decodeCleanly(corrupted);
        }
      }
    }
    assertThat(failures > 0, equalTo(true));
  }

  @Test
  void randomGarbageFailsCleanly() {
    Random random = new Random(7);
    byte[] valid = MetadataBlockCodec.encode(BLOCK);
    for (int i = 0; i < 20_000; i++) {
      byte[] garbage = new byte[random.nextInt(200)];
      random.nextBytes(garbage);
      if (garbage.length > 16 && random.nextBoolean()) {
        // keep a plausible manifest header so that the content parser is exercised too
        System.arraycopy(valid, 0, garbage, 0, 16);
      }
      decodeCleanly(garbage);
    }
  }

  /** Decodes; returns 1 on a clean OdfFormatException, 0 on success; any other exception fails the test. */
  private static int decodeCleanly(byte[] bytes) {
    try {
      MetadataBlock decoded = MetadataBlockCodec.decode(bytes);
      // a different-but-valid block must at least encode again
      MetadataBlockCodec.encode(decoded);
      return 0;
    } catch (OdfFormatException e) {
      assertThat(e.getMessage(), anyOf(startsWith("Cannot decode metadata block: "),
          startsWith("Unsupported metadata block version")));
      return 1;
    }
  }
}
