package org.odfbeam.core.codec;

/** How a record component maps to FlatBuffers. */
enum FieldKind {
  /** {@code bool}: 1 byte. */
  BOOL(1),
  /** {@code int16}/{@code uint16}. */
  SHORT(2),
  /** {@code int32}/{@code uint32}. */
  INT(4),
  /** {@code int64}/{@code uint64}. */
  LONG(8),
  /** Enum, width from {@code @EnumWidth} (default 4). Width is per field, see {@link FieldDescriptor#width}. */
  ENUM(4),
  /** {@code Instant}: the 16-byte {@code Timestamp} struct, inline. */
  TIMESTAMP(16),
  /** {@code string}. */
  STRING(4),
  /** {@code DatasetRef} as a string. */
  DATASET_REF(4),
  /** {@code DatasetAlias} as a string. */
  DATASET_ALIAS(4),
  /** {@code Multihash} as a binary-multihash byte vector. */
  MULTIHASH(4),
  /** {@code DatasetId} as a binary byte vector. */
  DATASET_ID(4),
  /** {@code Bytes} as a byte vector. */
  BYTES(4),
  /** {@code ExtraAttributes}: table with one string slot holding canonical JSON. */
  EXTRA(4),
  /** A nested record (table). */
  TABLE(4),
  /** A sealed interface (union): type byte in {@code slot}, value offset in {@code slot + 1}. */
  UNION(4),
  /** {@code List<String>}: vector of strings. */
  STRING_LIST(4),
  /** {@code List<record>}: vector of tables. */
  TABLE_LIST(4),
  /** {@code List<sealed interface>}: vector of wrapper tables, union in their slots 0 and 1. */
  UNION_LIST(4);

  /** Inline size in the table (for offsets: 4). */
  final int inlineSize;

  FieldKind(int inlineSize) {
    this.inlineSize = inlineSize;
  }

  boolean isScalar() {
    return this == BOOL || this == SHORT || this == INT || this == LONG || this == ENUM;
  }
}
