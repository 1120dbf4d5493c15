package org.odfbeam.core.model;

/**
 * Lets you manipulate names of the system columns to avoid conflicts.
 *
 * @param offsetColumn Name of the offset column. (optional)
 * @param operationTypeColumn Name of the operation type column. (optional)
 * @param systemTimeColumn Name of the system time column. (optional)
 * @param eventTimeColumn Name of the event time column. (optional)
 */
@Variant(name = "SetVocab", id = 6)
public record SetVocab(
    @Nullable String offsetColumn,
    @Nullable String operationTypeColumn,
    @Nullable String systemTimeColumn,
    @Nullable String eventTimeColumn) implements MetadataEvent {}
