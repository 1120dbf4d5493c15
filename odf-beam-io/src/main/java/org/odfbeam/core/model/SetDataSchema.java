package org.odfbeam.core.model;

/**
 * Specifies the complete schema of Data Slices added to the Dataset following this event.
 *
 * @param rawArrowSchema DEPRECATED: Apache Arrow schema encoded in its native flatbuffers representation.
 * (optional)
 * @param schema Defines the logical schema of the data files that follow this event. Will become a required
 * field after migration. (optional)
 */
@Variant(name = "SetDataSchema", id = 10)
public record SetDataSchema(
    @Nullable Bytes rawArrowSchema,
    @Nullable DataSchema schema) implements MetadataEvent {}
