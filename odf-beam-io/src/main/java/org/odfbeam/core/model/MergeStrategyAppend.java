package org.odfbeam.core.model;

/**
 * Append merge strategy. Under this strategy new data will be appended to the dataset in its entirety,
 * without any deduplication.
 */
@Variant(name = "Append", id = 1)
public record MergeStrategyAppend() implements MergeStrategy {}
