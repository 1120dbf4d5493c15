package org.odfbeam.core.storage;

/** A block, data or checkpoint object (or another expected file) does not exist; the message names its path. */
public class NoSuchObjectException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message such as {@code Cannot read block f1620…: no such object at /ds/blocks/f1620…}. */
  public NoSuchObjectException(String message) {
    super(message);
  }

  /** Creates the exception with a cause. */
  public NoSuchObjectException(String message, Throwable cause) {
    super(message, cause);
  }
}
