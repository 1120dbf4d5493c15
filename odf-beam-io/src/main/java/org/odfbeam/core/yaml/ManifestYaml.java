package org.odfbeam.core.yaml;

import java.util.ArrayList;
import java.util.List;
import org.odfbeam.core.OdfFormatException;
import org.odfbeam.core.model.DatasetSnapshot;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.model.MetadataEvent;

/**
 * Reads and writes kamu's YAML manifests: {@code MetadataBlock} (versions 2 and 3), {@code DatasetSnapshot}
 * (version 1, one or more {@code ---}-separated documents) and {@code MetadataEvent} (version 1).
 *
 * <p><b>Reading.</b> A manifest is {@code kind}, {@code version}, {@code content} (no other keys). Content
 * is mapped by {@link ModelYaml} with kamu's serde rules (unknown keys rejected, three tag spellings, short
 * forms). Every problem is an {@link OdfFormatException} naming the manifest kind, the line and the field
 * path, e.g. {@code "Cannot read DatasetSnapshot at line 12, content.metadata[0].read: unknown field
 * 'header2' (expected one of: schema, ddlSchema, separator, ...)"}. MetadataBlock versions 1 and below are
 * rejected as obsolete and versions above 3 as unsupported, with kamu's messages
 * (kamu-data/kamu-cli:src/odf/metadata/src/serde/serdes.rs).
 *
 * <p><b>Writing.</b> Output is byte-identical to kamu's {@code serde_yaml} output ({@link YamlEmitter}):
 * {@code kind: MetadataBlock\nversion: 3\ncontent:\n  systemTime: ...}. Optional fields that are absent
 * are omitted, unions are written in long form with {@code kind} first.
 *
 * <pre>{@code
 * MetadataBlock block = ManifestYaml.readBlock(text);
 * String same = ManifestYaml.writeBlock(block, ManifestYaml.blockManifestVersion(text));
 * }</pre>
 */
public final class ManifestYaml {

  /** The MetadataBlock manifest version kamu writes today. */
  public static final int BLOCK_VERSION_CURRENT = 3;

  /** The oldest MetadataBlock manifest version kamu still reads. */
  public static final int BLOCK_VERSION_MINIMUM = 2;

  private static final String BLOCK = "MetadataBlock";
  private static final String SNAPSHOT = "DatasetSnapshot";
  private static final String EVENT = "MetadataEvent";

  private ManifestYaml() {}

  // ---- MetadataBlock -----------------------------------------------------------------------------

  /** Reads a MetadataBlock manifest (YAML). */
  public static MetadataBlock readBlock(String yaml) {
    return readBlock(parseOne(yaml, BLOCK));
  }

  /** Reads a MetadataBlock manifest (UTF-8 YAML). */
  public static MetadataBlock readBlock(byte[] yaml) {
    return readBlock(decode(yaml, BLOCK));
  }

  private static MetadataBlock readBlock(YamlNode doc) {
    YamlMapping envelope = envelope(doc, BLOCK);
    checkBlockVersion(envelope);
    return content(envelope, MetadataBlock.class, BLOCK);
  }

  /** The {@code version} of a MetadataBlock manifest (after checking that it is supported). */
  public static int blockManifestVersion(String yaml) {
    YamlMapping envelope = envelope(parseOne(yaml, BLOCK), BLOCK);
    return checkBlockVersion(envelope);
  }

  /** The {@code version} of a MetadataBlock manifest (after checking that it is supported). */
  public static int blockManifestVersion(byte[] yaml) {
    return blockManifestVersion(decode(yaml, BLOCK));
  }

  /** Writes a version-3 MetadataBlock manifest, as kamu's {@code YamlMetadataBlockSerializer}. */
  public static String writeBlock(MetadataBlock block) {
    return writeBlock(block, BLOCK_VERSION_CURRENT);
  }

  /** Writes a MetadataBlock manifest with the given version (2 or 3; the content is the same). */
  public static String writeBlock(MetadataBlock block, int version) {
    if (version < BLOCK_VERSION_MINIMUM || version > BLOCK_VERSION_CURRENT) {
      throw new IllegalArgumentException(
          "writeBlock() version must be 2 or 3, but was " + version);
    }
    return YamlEmitter.emit(envelopeOf(BLOCK, version, block));
  }

  // ---- DatasetSnapshot ---------------------------------------------------------------------------

  /** Reads all DatasetSnapshot documents of a YAML stream, as {@code kamu add} does. */
  public static List<DatasetSnapshot> readSnapshots(String yaml) {
    return readSnapshots(parseAll(yaml, SNAPSHOT));
  }

  /** Reads all DatasetSnapshot documents of a UTF-8 YAML stream. */
  public static List<DatasetSnapshot> readSnapshots(byte[] yaml) {
    return readSnapshots(decode(yaml, SNAPSHOT));
  }

  private static List<DatasetSnapshot> readSnapshots(List<YamlNode> docs) {
    if (docs.isEmpty()) {
      throw new OdfFormatException("Cannot read " + SNAPSHOT + ": the input holds no YAML document");
    }
    List<DatasetSnapshot> out = new ArrayList<>(docs.size());
    for (YamlNode doc : docs) {
      YamlMapping envelope = envelope(doc, SNAPSHOT);
      checkVersion(envelope, SNAPSHOT, 1);
      out.add(content(envelope, DatasetSnapshot.class, SNAPSHOT));
    }
    return out;
  }

  /** Reads a manifest holding exactly one DatasetSnapshot. */
  public static DatasetSnapshot readSnapshot(String yaml) {
    YamlMapping envelope = envelope(parseOne(yaml, SNAPSHOT), SNAPSHOT);
    checkVersion(envelope, SNAPSHOT, 1);
    return content(envelope, DatasetSnapshot.class, SNAPSHOT);
  }

  /** Writes a DatasetSnapshot manifest (version 1), as kamu's {@code YamlDatasetSnapshotSerializer}. */
  public static String writeSnapshot(DatasetSnapshot snapshot) {
    return YamlEmitter.emit(envelopeOf(SNAPSHOT, 1, snapshot));
  }

  /** Writes several DatasetSnapshot manifests into one {@code ---}-separated stream. */
  public static String writeSnapshots(List<DatasetSnapshot> snapshots) {
    List<YamlNode> docs = new ArrayList<>();
    for (DatasetSnapshot s : snapshots) {
      docs.add(envelopeOf(SNAPSHOT, 1, s));
    }
    return YamlEmitter.emitAll(docs);
  }

  // ---- MetadataEvent -----------------------------------------------------------------------------

  /** Reads a MetadataEvent manifest (version 1). */
  public static MetadataEvent readEvent(String yaml) {
    YamlMapping envelope = envelope(parseOne(yaml, EVENT), EVENT);
    checkVersion(envelope, EVENT, 1);
    return content(envelope, MetadataEvent.class, EVENT);
  }

  /** Writes a MetadataEvent manifest (version 1), as kamu's {@code YamlMetadataEventSerializer}. */
  public static String writeEvent(MetadataEvent event) {
    return YamlEmitter.emit(envelopeOf(EVENT, 1, event));
  }

  // ---- normalize ---------------------------------------------------------------------------------

  /**
   * Parses a MetadataBlock, DatasetSnapshot (possibly several documents) or MetadataEvent manifest and
   * prints it as kamu would (a block keeps its manifest version).
   */
  public static String normalize(String manifestText) {
    List<YamlNode> docs = parseAll(manifestText, "manifest");
    if (docs.isEmpty()) {
      throw new OdfFormatException("Cannot read manifest: the input holds no YAML document");
    }
    YamlNode kindNode = docs.get(0) instanceof YamlMapping m ? m.get("kind") : null;
    String kind = kindNode instanceof YamlScalar s ? s.value() : null;
    if (BLOCK.equals(kind)) {
      if (docs.size() != 1) {
        throw new OdfFormatException("Cannot read " + BLOCK + ": expected one YAML document, got " + docs.size());
      }
      YamlMapping envelope = envelope(docs.get(0), BLOCK);
      int version = checkBlockVersion(envelope);
      return writeBlock(content(envelope, MetadataBlock.class, BLOCK), version);
    }
    if (SNAPSHOT.equals(kind)) {
      return writeSnapshots(readSnapshots(docs));
    }
    if (EVENT.equals(kind)) {
      YamlMapping envelope = envelope(docs.get(0), EVENT);
      checkVersion(envelope, EVENT, 1);
      return writeEvent(content(envelope, MetadataEvent.class, EVENT));
    }
    YamlNode at = kindNode != null ? kindNode : docs.get(0);
    throw new OdfFormatException(
        "Cannot read manifest at line "
            + at.line()
            + ", kind: unknown manifest kind "
            + (kind == null ? "(none)" : "'" + kind + "'")
            + " (expected one of: MetadataBlock, DatasetSnapshot, MetadataEvent)");
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private static YamlNode envelopeOf(String kind, int version, Object content) {
    return YamlMapping.builder()
        .put("kind", YamlScalar.string(kind))
        .put("version", YamlScalar.integer(version))
        .put("content", ModelYaml.encode(content))
        .build();
  }

  private static YamlNode parseOne(String text, String what) {
    try {
      return YamlReader.readYaml(text);
    } catch (YamlSyntaxException e) {
      throw syntax(e, what);
    }
  }

  private static List<YamlNode> parseAll(String text, String what) {
    try {
      return YamlReader.readYamlDocuments(text);
    } catch (YamlSyntaxException e) {
      throw syntax(e, what);
    }
  }

  private static String decode(byte[] bytes, String what) {
    try {
      return YamlReader.decodeUtf8(bytes);
    } catch (YamlSyntaxException e) {
      throw new OdfFormatException("Cannot read " + what + ": " + e.reason(), e);
    }
  }

  private static OdfFormatException syntax(YamlSyntaxException e, String what) {
    return new OdfFormatException(
        "Cannot read " + what + " at line " + e.line() + ", column " + e.column() + ": " + e.reason(), e);
  }

  private static OdfFormatException error(String what, YamlNode at, String path, String reason) {
    return new OdfFormatException(
        "Cannot read " + what + " at line " + at.line() + (path.isEmpty() ? "" : ", " + path) + ": " + reason);
  }


  private static YamlMapping envelope(YamlNode doc, String expectedKind) {
    if (!(doc instanceof YamlMapping m)) {
      throw error(expectedKind, doc, "", "invalid type: " + doc.describe() + ", expected a manifest mapping");
    }
    for (YamlMapping.Entry e : m.entries()) {
      String k = e.key().value();
      if (!k.equals("kind") && !k.equals("version") && !k.equals("content")) {
        throw error(expectedKind, e.key(), "", "unknown field '" + k + "' (expected one of: kind, version, content)");
      }
    }
    for (String required : List.of("kind", "version", "content")) {
      if (m.get(required) == null) {
        throw error(expectedKind, m, "", "missing field '" + required + "'");
      }
    }
    YamlNode kind = m.get("kind");
    if (!(kind instanceof YamlScalar ks) || !ks.value().equals(expectedKind)) {
      throw error(
          expectedKind,
          kind,
          "kind",
          "expected manifest kind '" + expectedKind + "' but found "
              + (kind instanceof YamlScalar ks2 ? "'" + ks2.value() + "'" : kind.describe()));
    }
    return m;
  }

  private static int version(YamlMapping envelope, String what) {
    YamlNode v = envelope.get("version");
    if (!(v instanceof YamlScalar s) || s.type() != YamlScalar.Type.INT) {
      throw error(what, v, "version", "invalid type: " + v.describe() + ", expected i32");
    }
    java.math.BigInteger b = s.asBigInteger();
    if (b.bitLength() > 31) {
      throw error(what, v, "version", "invalid value: integer `" + b + "`, expected i32");
    }
    return b.intValue();
  }

  private static int checkBlockVersion(YamlMapping envelope) {
    int version = version(envelope, BLOCK);
    if (version < BLOCK_VERSION_MINIMUM) {
      throw error(BLOCK, envelope.get("version"), "version",
          "Obsolete version: manifest has version " + version
              + " while minimum supported version is " + BLOCK_VERSION_MINIMUM);
    }
    if (version > BLOCK_VERSION_CURRENT) {
      throw error(BLOCK, envelope.get("version"), "version",
          "Unsupported version: manifest has version " + version
              + " while maximum supported version is " + BLOCK_VERSION_CURRENT);
    }
    return version;
  }

  private static void checkVersion(YamlMapping envelope, String what, int expected) {
    int version = version(envelope, what);
    if (version != expected) {
      throw error(what, envelope.get("version"), "version",
          "Unsupported version: manifest has version " + version + " while only version " + expected
              + " is supported");
    }
  }

  private static <T> T content(YamlMapping envelope, Class<T> type, String what) {
    try {
      return ModelYaml.decode(envelope.get("content"), type, "content");
    } catch (ModelYaml.MappingException e) {
      OdfFormatException ex = error(what, e.node(), e.path(), e.reason());
      ex.initCause(e);
      throw ex;
    }
  }
}
