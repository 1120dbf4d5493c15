package org.odfbeam.core.codec;

import com.google.flatbuffers.FlatBufferBuilder;
import java.util.Objects;

import org.odfbeam.core.OdfFormatException;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.multiformats.Multihash;

/**
 * Reads and writes {@link MetadataBlock}s in kamu-cli's on-disk format: a FlatBuffers {@code Manifest}
 * {kind = 0x400000 (odf-metadata-block), version, content} whose {@code content} is a separately finished
 * FlatBuffer with root table {@code MetadataBlock} (odf-format-notes section 4).
 *
 * <p><b>Writing</b> produces the exact bytes kamu-cli produces (so block hashes match): Manifest version 3
 * by default (kamu-cli &ge; 0.265.0, Timestamp structs aligned to 4), or version 2 for older kamu-cli
 * (Timestamp structs unaligned). <pre>{@code
 * byte[] stored = MetadataBlockCodec.encode(block);
 * Multihash hash = MetadataBlockCodec.hash(stored);   // the block's file name in blocks/
 * }</pre>
 *
 * <p><b>Reading</b> accepts versions 2 and 3. Every offset is bounds-checked: any malformed input (truncated,
 * corrupted, wrong manifest kind, unsupported version, missing required field, bad multihash…) fails with an
 * {@link OdfFormatException} whose message names the field path, e.g. {@code "Cannot decode metadata block:
 * content.event.newData.logicalHash: invalid multihash …"}. Decoding is not guaranteed to reject every
 * non-canonical buffer: a buffer kamu would accept decodes to the same block, but re-encoding only reproduces
 * the input bytes for canonically written blocks.
 *
 * <p>The codec is generic over the model records (see {@code org.odfbeam.core.model}); per-record metadata
 * (slots, accessors, constructor handle) is built lazily once per class. Thread-safe, stateless.
 */
public final class MetadataBlockCodec {
  /** Multicodec code of odf-metadata-block, stored in {@code Manifest.kind}. */
  public static final long MANIFEST_KIND_METADATA_BLOCK = 0x400000L;
  /** The Manifest version written by default (kamu-cli &ge; 0.265.0). */
  public static final int CURRENT_VERSION = 3;
  /** Oldest Manifest version that can be read and written. */
  public static final int MIN_SUPPORTED_VERSION = 2;

  private MetadataBlockCodec() {}

  /** Encodes {@code block} as a version-3 Manifest (the current kamu-cli format). */
  public static byte[] encode(MetadataBlock block) {
    return encode(block, CURRENT_VERSION);
  }

  /**
   * Encodes {@code block} as a Manifest of the given version.
   *
   * @param manifestVersion 3 (current) or 2 (kamu-cli &lt; 0.265.0: unaligned Timestamp structs)
   * @throws IllegalArgumentException for any other version, or a model value FlatBuffers cannot hold
   *     (e.g. a string with an unpaired surrogate)
   */
  public static byte[] encode(MetadataBlock block, int manifestVersion) {
    Objects.requireNonNull(block, "block");
    if (manifestVersion < MIN_SUPPORTED_VERSION || manifestVersion > CURRENT_VERSION) {
      throw new IllegalArgumentException("Cannot encode metadata block: unsupported manifest version "
          + manifestVersion + ", supported versions are " + MIN_SUPPORTED_VERSION + ".." + CURRENT_VERSION);
    }
    FlatBufferBuilder inner = new FlatBufferBuilder(512);
    int root = new BlockWriter(inner, manifestVersion).table(block, TableDescriptor.of(MetadataBlock.class));
    inner.finish(root);
    byte[] content = inner.sizedByteArray();

    FlatBufferBuilder outer = new FlatBufferBuilder(content.length + 64);
    int contentOffset = outer.createByteVector(content);
    outer.startTable(3);
    outer.addLong(0, MANIFEST_KIND_METADATA_BLOCK, 0L);
    outer.addInt(1, manifestVersion, 0);
    outer.addOffset(2, contentOffset, 0);
    outer.finish(outer.endTable());
    return outer.sizedByteArray();
  }

  /**
   * Decodes a stored block (Manifest versions 2 and 3).
   *
   * @throws OdfFormatException if the bytes are not a valid metadata block, naming what is wrong
   */
  public static MetadataBlock decode(byte[] stored) {
    Objects.requireNonNull(stored, "stored");
    BlockReader.Manifest manifest = readManifest(stored);
    int version = manifest.version();
    if (version < MIN_SUPPORTED_VERSION || version > CURRENT_VERSION) {
      throw new OdfFormatException("Unsupported metadata block version " + version
          + ", supported versions are " + MIN_SUPPORTED_VERSION + ".." + CURRENT_VERSION);
    }
    if (manifest.contentStart() < 0) {
      throw new OdfFormatException("Cannot decode metadata block: manifest.content: missing required field");
    }
    BlockReader reader = new BlockReader(stored, manifest.contentStart(), manifest.contentLength());
    try {
      return (MetadataBlock) reader.table(reader.rootTable(), TableDescriptor.of(MetadataBlock.class), 0);
    } catch (DecodeError e) {
      throw failure(e.at("content"));
    }
  }

  /**
   * The Manifest version of a stored block, without decoding its content.
   *
   * @throws OdfFormatException if the bytes are not a metadata block Manifest
   */
  public static int manifestVersion(byte[] stored) {
    Objects.requireNonNull(stored, "stored");
    return readManifest(stored).version();
  }

  /** The block hash: sha3-256 multihash of the bytes exactly as stored. */
  public static Multihash hash(byte[] stored) {
    return Multihash.sha3_256(stored);
  }

  private static BlockReader.Manifest readManifest(byte[] stored) {
    BlockReader.Manifest manifest;
    try {
      manifest = new BlockReader(stored, 0, stored.length).manifest();
    } catch (DecodeError e) {
      throw failure(e.at("manifest"));
    }
    if (manifest.kind() != MANIFEST_KIND_METADATA_BLOCK) {
      throw new OdfFormatException("Cannot decode metadata block: manifest.kind is 0x"
          + Long.toHexString(manifest.kind()) + ", expected 0x400000 (odf-metadata-block)");
    }
    return manifest;
  }

  private static OdfFormatException failure(DecodeError e) {
    return new OdfFormatException("Cannot decode metadata block: " + e.path() + ": " + e.getMessage(),
        e.getCause());
  }
}
