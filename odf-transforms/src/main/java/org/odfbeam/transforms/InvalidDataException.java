package org.odfbeam.transforms;

/**
 * Thrown when records handed to a transform break its contract: a duplicate primary key in a snapshot, a
 * {@code -C} record without its {@code +C}, a retraction of a key the dataset does not hold, an unknown operation
 * type, a null primary key. The message reads "Cannot &lt;action&gt;: &lt;reason&gt;" and names the key, the column
 * and the value, e.g. {@code Cannot merge snapshot: key city=kyiv appears 2 times with different values in the new
 * rows}.
 *
 * <p>Thrown on a worker, it fails the bundle and so the pipeline; runners wrap it (the Direct runner in a
 * {@code PipelineExecutionException} whose cause it is).
 */
public final class InvalidDataException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** An exception with the given message. */
  public InvalidDataException(String message) {
    super(message);
  }
}
