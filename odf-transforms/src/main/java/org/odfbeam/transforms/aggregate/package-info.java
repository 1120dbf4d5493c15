/**
 * Changelog-aware keyed aggregation: {@link org.odfbeam.transforms.aggregate.ChangelogAggregate} consumes an ODF
 * changelog ({@code +A}, {@code -R}, {@code -C}, {@code +C} rows), keeps a running count and sums per key that stay
 * correct when rows are retracted or corrected, and emits the aggregate as a changelog of its own, in batch and in
 * streaming (watermark-driven, late rows applied as corrections).
 */
package org.odfbeam.transforms.aggregate;
