/**
 * ODF merge strategies (Append, Ledger, Snapshot, ChangelogStream, UpsertStream) as Beam transforms; start at
 * {@link org.odfbeam.transforms.merge.Merge}. {@link org.odfbeam.transforms.merge.MergeCheckpoint} stores a
 * dataset's state by key so later runs need not re-read its history.
 */
package org.odfbeam.transforms.merge;
