package org.odfbeam.pipelines.ingest;

/**
 * The data a source points at does not exist: a {@code Url} file is missing, or a {@code FilesGlob} matches no file
 * on the first run (kamu's {@code PollingIngestError::NotFound},
 * kamu-data/kamu-cli:src/infra/core/src/services/ingest/fetch_service/file.rs). A glob that matches nothing new
 * after an earlier run is not an error: the source is up to date.
 */
public final class SourceNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public SourceNotFoundException(String message) {
    super(message);
  }
}
