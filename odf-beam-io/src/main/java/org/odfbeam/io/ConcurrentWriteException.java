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
}
