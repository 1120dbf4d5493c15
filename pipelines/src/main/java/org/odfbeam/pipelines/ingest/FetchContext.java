package org.odfbeam.pipelines.ingest;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Where and when a fetch runs.
 *
 * @param baseDirectory the directory relative {@code FilesGlob} paths are resolved against. kamu resolves them
 *     against its working directory; pass the manifest's directory to make a manifest portable
 * @param systemTime the system time of the run: the source event time under {@code FromSystemTime} (and the default
 *     for {@code FilesGlob}). Use the same instant as the commit's system time
 */
public record FetchContext(Path baseDirectory, Instant systemTime) {

  /** Checks the fields and makes the directory absolute. */
  public FetchContext {
    baseDirectory = Objects.requireNonNull(baseDirectory, "baseDirectory").toAbsolutePath().normalize();
    Objects.requireNonNull(systemTime, "systemTime");
  }

  /** The working directory and the current time (truncated to milliseconds). */
  public static FetchContext now() {
    return new FetchContext(Path.of(""), Instant.now().truncatedTo(ChronoUnit.MILLIS));
  }

  /** A context with the given directory and time. */
  public static FetchContext of(Path baseDirectory, Instant systemTime) {
    return new FetchContext(baseDirectory, systemTime);
  }
}
