package org.odfbeam.pipelines.ingest;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * One file a {@link FetchPlan} selected for reading.
 *
 * @param path absolute local path
 * @param sourceEventTime the event time the fetch step assigns to the file's records that carry none (kamu's
 *     {@code source_event_time}): from the path ({@code FromPath}), the file's modification time
 *     ({@code FromMetadata}) or the system time of the run ({@code FromSystemTime})
 */
public record FetchedFile(String path, Instant sourceEventTime) implements Serializable {

  /** Checks the fields. */
  public FetchedFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sourceEventTime, "sourceEventTime");
  }

  /** The file name (last path component), which {@code FilesGlob} orders and remembers. */
  public String name() {
    Path name = Path.of(path).getFileName();
    return name == null ? path : name.toString();
  }
}
