/**
 * The ODF metadata model: one Java record per ODF table, sealed interfaces for unions, enums, and the value
 * types {@link org.odfbeam.core.model.Bytes} and {@link org.odfbeam.core.model.ExtraAttributes}.
 *
 * <p>The FlatBuffers codec ({@code org.odfbeam.core.codec.MetadataBlockCodec}) and the YAML mapper
 * ({@code org.odfbeam.core.yaml}) are generic over these types, so the model follows strict rules:
 *
 * <ol>
 *   <li><b>Order and names.</b> Record components appear exactly in the order of the fields of the table in
 *       {@code opendatafabric.fbs} (= JSON-schema property order = YAML key order). A component's name is the
 *       camelCase of the fbs field name and is also the YAML key, unless overridden with {@link
 *       org.odfbeam.core.model.Name} (not needed so far). FlatBuffers slot numbers follow from the order: one
 *       slot per field, two (type byte, value) per union field.
 *   <li><b>Optional fields</b> carry {@link org.odfbeam.core.model.Nullable} and use reference types
 *       ({@code Long}, {@code Integer}, {@code Boolean}, enums, records, lists, strings…); {@code null} means
 *       absent. Optional scalars are written to FlatBuffers whenever present, even when 0. <b>Required</b>
 *       fields are non-null (checked in the compact constructor, message {@code "<Type>.<field> is
 *       required"}); required scalars are primitives ({@code long} for u64, {@code int} for i32/u32) and are
 *       omitted from FlatBuffers when 0.
 *   <li><b>Lists</b> are immutable {@code List.copyOf} copies: vectors of tables or strings. A list of a union
 *       ({@code SetPollingSource.prepare}, {@code DatasetSnapshot.metadata}) is a vector of fbs wrapper tables
 *       ({@code PrepStepWrapper}, {@code MetadataEventWrapper}) with the union in slots 0/1.
 *   <li><b>Unions</b> are sealed interfaces; each member record is annotated {@link
 *       org.odfbeam.core.model.Variant} with its YAML tag and 1-based union type id.
 *   <li><b>Enums</b> have UPPER_SNAKE constants in fbs order: value = ordinal, YAML name = PascalCase.
 *       Width is 4 bytes unless annotated {@link org.odfbeam.core.model.EnumWidth} ({@code TimeUnit}: 2).
 *   <li><b>Special value types</b>: {@code Multihash} (binary multihash, YAML multibase), {@code DatasetId}
 *       (binary {@code ed01…}, YAML {@code did:odf:…}), {@code DatasetRef} (string), {@code DatasetAlias}
 *       (string), {@link java.time.Instant} (fbs {@code Timestamp} struct, YAML RFC 3339), {@link
 *       org.odfbeam.core.model.ExtraAttributes} (fbs table with one compact-JSON string, YAML map), {@link
 *       org.odfbeam.core.model.Bytes} (fbs {@code [ubyte]}, YAML base64).
 * </ol>
 *
 * <p>Records only check presence; semantic rules (offsets, hashes, event order) belong to the chain
 * validator. Types not reachable from {@code MetadataEvent}/{@code DatasetSnapshot} (accounts, resources,
 * flows, engine protocol) are not modelled.
 */
package org.odfbeam.core.model;
