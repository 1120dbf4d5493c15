package org.odfbeam.cli;

/** Bad command-line usage; printed without a stack trace. */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
