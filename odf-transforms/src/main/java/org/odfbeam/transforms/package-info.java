/**
 * ODF-aware PTransforms (merge strategies, event time and watermarks, changelog and retractions, temporal join,
 * SQL). Merge strategies are in {@link org.odfbeam.transforms.merge}; operation types, primary keys and the
 * projection of a changelog to its current state in {@link org.odfbeam.transforms.changelog}. Transforms throw
 * {@link org.odfbeam.transforms.InvalidDataException} when records break their contract.
 */
package org.odfbeam.transforms;
