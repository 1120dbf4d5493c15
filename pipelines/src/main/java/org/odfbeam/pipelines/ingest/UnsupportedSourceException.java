package org.odfbeam.pipelines.ingest;

/**
 * A source in a manifest uses a step, an option or a value this ingest does not support; thrown when the source is
 * checked, before anything is fetched or read. The message names the manifest field and the value, e.g.
 * {@code "Cannot ingest from content.metadata[0]: fetch: Container fetch steps are not supported (supported:
 * FilesGlob, Url with a file:// URL)"}.
 */
public final class UnsupportedSourceException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;

  /** Creates the exception for the manifest field {@code field} (a dotted path). */
  public UnsupportedSourceException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The manifest field at fault, e.g. {@code content.metadata[0].fetch.url}. */
  public String field() {
    return field;
  }
}
