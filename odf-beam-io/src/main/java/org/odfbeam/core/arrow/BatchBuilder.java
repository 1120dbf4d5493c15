package org.odfbeam.core.arrow;

import org.odfbeam.core.model.Nullable;

/**
 * The columns of one batch (arrow's RecordBatch) fed into a {@link LogicalHasher}.
 *
 * <p>Per struct column, optionally its own validity ({@link #structValidity(int, Validity)}), which must be given
 * before any column sink below that struct is obtained. Per leaf column, a {@link ColumnSink} ({@link #column(int)})
 * that receives the leaf's own validity and then its values. Leaves may be fed in any order; {@link #end()} checks
 * that every leaf received {@link #rowCount()} rows.
 *
 * <p><b>Null semantics (arrow-digest).</b> Every validity is first normalised (a validity with no nulls counts as
 * absent). Then, per batch, for each struct {@code combined = maybe_combine(combined(parent), own)} and for each leaf
 * {@code effective = maybe_combine(combined(parent struct), own)}, where utils.rs {@code maybe_combine_null_buffers}
 * keeps the one that has nulls, ORs the validities (null only where both are null) if both have nulls, and yields
 * <em>no validity at all</em> otherwise, including the case "one is an OR result without nulls, the other has
 * nulls". So a leaf's own nulls can be ignored (and its null slots hashed as values) when an enclosing struct has
 * nulls in the same batch: supply for null slots what arrow-rs' Parquet reader holds there (0 for numbers, empty for
 * strings/binary/lists), and supply a leaf's own validity as arrow-rs reads it (null wherever the Parquet value is
 * absent, including rows where an enclosing struct is null).
 */
public final class BatchBuilder {
  private final LogicalHasher hasher;
  private final int rowCount;
  private final Validity[] structOwn;
  private final boolean[] structFrozen;
  private final Validity[] structCombined;
  private final ColumnSink[] sinks;
  private boolean ended;

  BatchBuilder(LogicalHasher hasher, int rowCount) {
    this.hasher = hasher;
    this.rowCount = rowCount;
    int structs = hasher.structPaths().size();
    this.structOwn = new Validity[structs];
    this.structFrozen = new boolean[structs];
    this.structCombined = new Validity[structs];
    this.sinks = new ColumnSink[hasher.leafCount()];
  }

  /** Rows in this batch. */
  public int rowCount() {
    return rowCount;
  }

  /**
   * Sets the own validity of the struct column {@code structIndex} (index into {@link LogicalHasher#structPaths()});
   * {@code null} or a validity without nulls = no nulls. Must precede {@link #column} for leaves below it.
   */
  public BatchBuilder structValidity(int structIndex, @Nullable Validity validity) {
    checkOpen();
    if (structIndex < 0 || structIndex >= structOwn.length) {
      throw new IndexOutOfBoundsException("structIndex " + structIndex + " is outside 0.." + (structOwn.length - 1));
    }
    String path = hasher.structPaths().get(structIndex);
    if (structFrozen[structIndex]) {
      throw new IllegalStateException("Validity of struct '" + path
          + "' must be set before obtaining the column sinks below it");
    }
    if (validity != null && validity.length() != rowCount) {
      throw new IllegalArgumentException("Validity of struct '" + path + "' covers " + validity.length()
          + " rows, but the batch has " + rowCount);
    }
    structOwn[structIndex] = validity;
    return this;
  }

  /** As {@link #structValidity(int, Validity)}, by dotted path. */
  public BatchBuilder structValidity(String path, @Nullable Validity validity) {
    return structValidity(hasher.structIndex(path), validity);
  }

  /** The sink of leaf column {@code leafIndex} (index into {@link LogicalHasher#leafPaths()}); the same each call. */
  public ColumnSink column(int leafIndex) {
    checkOpen();
    if (leafIndex < 0 || leafIndex >= sinks.length) {
      throw new IndexOutOfBoundsException("leafIndex " + leafIndex + " is outside 0.." + (sinks.length - 1));
    }
    ColumnSink s = sinks[leafIndex];
    if (s == null) {
      Validity parent = combined(hasher.leafParent(leafIndex));
      s = new ColumnSink(hasher.columns[leafIndex], hasher.leafPaths().get(leafIndex),
          hasher.leafTypes().get(leafIndex), rowCount, parent, true, null);
      sinks[leafIndex] = s;
    }
    return s;
  }

  /** As {@link #column(int)}, by dotted path. */
  public ColumnSink column(String path) {
    return column(hasher.leafIndex(path));
  }

  private Validity combined(int struct) {
    if (struct < 0) {
      return null;
    }
    if (!structFrozen[struct]) {
      Validity parent = combined(hasher.structParent(struct));
      structCombined[struct] = Validity.maybeCombine(parent, Validity.normalize(structOwn[struct]));
      structFrozen[struct] = true;
    }
    return structCombined[struct];
  }

  /** Ends the batch: every leaf must have received exactly {@link #rowCount()} rows. */
  public void end() {
    checkOpen();
    for (int i = 0; i < sinks.length; i++) {
      int got = sinks[i] == null ? 0 : sinks[i].rowsDelivered();
      if (got != rowCount) {
        throw new IllegalStateException("Column '" + hasher.leafPaths().get(i) + "' received " + got + " of "
            + rowCount + " rows of the batch");
      }
    }
    ended = true;
    hasher.batchEnded(this);
  }

  private void checkOpen() {
    if (ended) {
      throw new IllegalStateException("This batch has already ended");
    }
  }
}
