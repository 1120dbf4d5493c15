/**
 * Test support for core: {@link org.odfbeam.core.testing.TestDatasets} builds real on-disk datasets
 * through the core API (fresh DatasetId Seed, SetDataSchema, AddData with stored data files and
 * computed physical hashes); {@link org.odfbeam.core.testing.TestDataset#next} builds the correct
 * next block so a test changes one thing; {@link org.odfbeam.core.testing.FaultyStorage} injects
 * storage failures; {@link org.odfbeam.core.testing.OdfMatchers} are domain Hamcrest matchers.
 * Shipped in the test-jar for other modules' tests.
 */
package org.odfbeam.core.testing;
