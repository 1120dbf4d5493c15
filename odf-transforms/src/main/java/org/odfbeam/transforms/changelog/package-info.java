/**
 * Changelogs: ODF {@link org.odfbeam.transforms.changelog.Operation} types, {@link
 * org.odfbeam.transforms.changelog.PrimaryKey}s with their order-preserving encoding ({@link
 * org.odfbeam.transforms.changelog.OrderedBytes}), and {@link org.odfbeam.transforms.changelog.Changelog#currentState},
 * the projection of a changelog to the latest live record of each key.
 */
package org.odfbeam.transforms.changelog;
