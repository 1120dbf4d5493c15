package org.odfbeam.runners;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.odfbeam.core.identity.DatasetName;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.io.OdfWrite;

/**
 * The validated values of {@link OdfPipelineOptions}, with the two things a pipeline does with them: locate a
 * dataset ({@link #dataset}) and configure a write ({@link #applyTo}).
 *
 * <pre>{@code
 * OdfSettings odf = OdfSettings.of(options);
 * rows.apply(odf.applyTo(OdfIO.write().to(odf.dataset("cities"))));
 * }</pre>
 *
 * @param workspace absolute, normalized directory (or {@code file:} URL) holding datasets; {@code null} when not set
 * @param systemTime fixed system time for commits; {@code null} for each commit's own time
 * @param maxRecordsPerSlice at most this many records per data slice, {@code > 0}
 */
public record OdfSettings(@Nullable String workspace, @Nullable Instant systemTime, long maxRecordsPerSlice) {
  /** Checks {@code maxRecordsPerSlice}. */
  public OdfSettings {
    if (maxRecordsPerSlice < 1) {
      throw new IllegalArgumentException("--maxRecordsPerSlice must be > 0, but was " + maxRecordsPerSlice);
    }
    if (workspace != null && workspace.isEmpty()) {
      throw new IllegalArgumentException("--workspace must name a directory, but was empty");
    }
  }

  /**
   * Parses and checks the options: {@code --systemTime} must be RFC 3339 with an offset ({@code Z} or
   * {@code +02:00}); {@code --maxRecordsPerSlice} must be positive; a relative {@code --workspace} is made absolute
   * against the current directory (workers may run elsewhere).
   *
   * @throws IllegalArgumentException naming the option and its value
   */
  public static OdfSettings of(OdfPipelineOptions options) {
    return new OdfSettings(workspace(options.getWorkspace()), parseSystemTime(options.getSystemTime()),
        options.getMaxRecordsPerSlice());
  }

  /**
   * Parses an RFC 3339 time with an offset ({@code 2026-01-01T00:00:00Z}, {@code 2026-01-01T02:00:00+02:00},
   * fractions allowed); {@code null} gives {@code null}.
   *
   * @throws IllegalArgumentException naming {@code --systemTime} and the value
   */
  public static @Nullable Instant parseSystemTime(@Nullable String text) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Cannot parse --systemTime='" + text + "': expected an RFC 3339 time with "
          + "an offset, such as 2026-01-01T00:00:00Z or 2026-01-01T02:00:00+02:00", e);
    }
  }

  private static @Nullable String workspace(@Nullable String text) {
    if (text == null || text.startsWith("file:")) {
      return text;
    }
    if (text.isBlank()) {
      throw new IllegalArgumentException("--workspace must name a directory, but was '" + text + "'");
    }
    return Path.of(text).toAbsolutePath().normalize().toString();
  }

  /**
   * Where the dataset {@code nameOrPath} lives, as {@code OdfIO.read().from(..)} and {@code OdfIO.write().to(..)}
   * take it. A dataset name ({@code cities}, {@code com.example.cities}) is a sub-directory of the workspace;
   * anything that looks like a path (contains {@code /} or the platform separator, starts with {@code file:}, or is
   * {@code .} or {@code ..}) is returned unchanged.
   *
   * @throws IllegalArgumentException if a name is not a valid ODF dataset name, or no workspace is set
   */
  public String dataset(String nameOrPath) {
    if (nameOrPath == null || nameOrPath.isEmpty()) {
      throw new IllegalArgumentException("Cannot locate a dataset: the name is empty");
    }
    if (looksLikePath(nameOrPath)) {
      return nameOrPath;
    }
    DatasetName name;
    try {
      name = DatasetName.parse(nameOrPath);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Cannot locate dataset '" + nameOrPath + "': neither a path nor a dataset "
          + "name (" + e.getMessage() + ")", e);
    }
    if (workspace == null) {
      throw new IllegalArgumentException("Cannot locate dataset '" + nameOrPath + "': no --workspace is set (pass "
          + "--workspace=<directory holding datasets>, or give the dataset's path)");
    }
    return workspace.startsWith("file:")
        ? (workspace.endsWith("/") ? workspace : workspace + "/") + name
        : Path.of(workspace).resolve(name.toString()).toString();
  }

  /** {@code write} with this slice size and, if set, this fixed system time. */
  public OdfWrite applyTo(OdfWrite write) {
    OdfWrite configured = write.withMaxRecordsPerSlice(maxRecordsPerSlice);
    return systemTime == null ? configured : configured.withSystemTime(systemTime);
  }

  private static boolean looksLikePath(String s) {
    return s.indexOf('/') >= 0 || s.indexOf(java.io.File.separatorChar) >= 0 || s.startsWith("file:")
        || s.equals(".") || s.equals("..");
  }
}
