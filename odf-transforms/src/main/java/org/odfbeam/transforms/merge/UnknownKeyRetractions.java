package org.odfbeam.transforms.merge;

/**
 * What a {@link ChangelogStreamMerge} or {@link UpsertStreamMerge} does with a retraction of a key the dataset does
 * not hold (neither in its current state nor earlier in the same input): a {@code -R} record, or a {@code -C}/{@code +C}
 * pair, of an unknown key.
 */
public enum UnknownKeyRetractions {
  /**
   * Drop it. A {@code -R} disappears; a {@code -C}/{@code +C} pair becomes a {@code +A} of the {@code +C} values (the
   * key now exists with those values). kamu-cli's UpsertStream behaviour and this library's default for it.
   */
  DROP,
  /**
   * Fail the pipeline with an {@link org.odfbeam.transforms.InvalidDataException} naming the key. The default for
   * ChangelogStream, where such a record means the source and the dataset disagree.
   */
  FAIL,
  /**
   * Leave it out of the merged rows and emit the offending input records, unchanged, to
   * {@link MergeResult#rejected()} for inspection or a dead-letter sink.
   */
  SIDE_OUTPUT
}
