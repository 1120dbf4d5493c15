package org.odfbeam.io;

/**
 * Another writer committed to the dataset after this write read its head, so this write committed nothing.
 *
 * <p>The dataset's chain is unchanged by this write and valid; the data files this write stored are referenced by
 * no block (harmless). Re-run the pipeline to write on top of the new head.
 */
public final class ConcurrentWriteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ConcurrentWriteException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether {@code failure} or one of its causes is a {@code ConcurrentWriteException}. Runners wrap a failed
   * step differently (the Direct and Spark runners in {@code Pipeline.PipelineExecutionException}, the Flink
   * runner in its own exceptions), so test a pipeline's failure with this rather than with its direct cause.
   */
  public static boolean isCauseOf(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 64; t = t.getCause(), depth++) {
      if (t instanceof ConcurrentWriteException) {
        return true;
      }
    }
    return false;
  }
}
