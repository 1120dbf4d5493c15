package org.odfbeam.core.storage;

import java.util.Optional;
import org.odfbeam.core.multiformats.Multihash;

/**
 * {@code refs/head} did not hold the expected value, so it was not moved: another writer committed first.
 *
 * <p>Nothing was written to the ref. The caller may re-read the chain and retry on top of {@link #actual()}.
 */
public class RefCasException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Multihash expected;
  private final transient Multihash actual;

  /**
   * Creates the exception; message {@code Cannot move refs/head of <location>: head is <actual>, expected <expected>}
   * where an absent head renders as {@code <none>}.
   */
  public RefCasException(String location, Multihash expected, Multihash actual) {
    super("Cannot move refs/head of " + location + ": head is " + render(actual) + ", expected " + render(expected));
    this.expected = expected;
    this.actual = actual;
  }

  private static String render(Multihash h) {
    return h == null ? "<none>" : h.toString();
  }

  /** The head the caller expected; empty if it expected no head. */
  public Optional<Multihash> expected() {
    return Optional.ofNullable(expected);
  }

  /** The head found; empty if there was none. */
  public Optional<Multihash> actual() {
    return Optional.ofNullable(actual);
  }
}
