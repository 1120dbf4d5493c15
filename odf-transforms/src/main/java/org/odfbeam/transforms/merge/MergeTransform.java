package org.odfbeam.transforms.merge;

import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.odfbeam.core.model.MergeStrategy;

/**
 * A merge strategy as a {@code PTransform}: new rows and the dataset's records in (a {@link PCollectionTuple}
 * tagged {@link Merge#NEW}, {@link Merge#CHANGELOG} or {@link Merge#STATE}), the records to append with their
 * operation type out. See {@link Merge} for the contract shared by the five strategies.
 */
public abstract sealed class MergeTransform extends PTransform<PCollectionTuple, MergeResult>
    permits AppendMerge, LedgerMerge, SnapshotMerge, ChangelogStreamMerge, UpsertStreamMerge {
  private static final long serialVersionUID = 1L;

  MergeTransform() {}

  /** The ODF merge strategy this transform implements, as recorded in {@code AddPushSource}/{@code SetPollingSource}. */
  public abstract MergeStrategy strategy();

  static String checkName(String value, String method) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(method + "() requires a column name, but was '" + value + "'");
    }
    return value;
  }
}
