package org.odfbeam.pipelines.ingest;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.odfbeam.core.model.EventTimeSource;
import org.odfbeam.core.model.EventTimeSourceFromMetadata;
import org.odfbeam.core.model.EventTimeSourceFromPath;
import org.odfbeam.core.model.EventTimeSourceFromSystemTime;
import org.odfbeam.core.model.FetchStep;
import org.odfbeam.core.model.FetchStepFilesGlob;
import org.odfbeam.core.model.FetchStepUrl;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.model.SetPollingSource;
import org.odfbeam.core.model.SourceCachingForever;
import org.odfbeam.core.model.SourceOrdering;
import org.odfbeam.core.model.SourceState;

/**
 * What one ingest run reads: the fetch step of a polling source resolved against the local file system and the
 * source state of the dataset's last {@code AddData}, before the pipeline is built.
 *
 * <h2>Planning</h2>
 * <pre>{@code
 * IngestSource source = IngestSource.of(snapshot);
 * SourceState last = ...;   // newSourceState of the dataset's last AddData block (null if none or no dataset yet)
 * FetchPlan plan = FetchPlan.of(source, last, FetchContext.of(manifestDir, systemTime));
 * if (plan.upToDate()) { return; }                       // nothing new: commit nothing
 * PCollection<Row> rows = pipeline.apply(ReadFiles.of(source).from(plan));
 * ... preprocess, merge, write; the AddData of the commit records plan.newSourceState()
 * }</pre>
 *
 * <h2>FilesGlob</h2>
 * kamu's semantics (kamu-data/kamu-cli:src/infra/core/src/services/ingest/fetch_service/file.rs,
 * {@code fetch_files_glob}; test: src/infra/core/tests/tests/ingest/test_fetch.rs, {@code test_fetch_files_glob}):
 * <ul>
 *   <li>{@code path} is a glob (see {@code FilesGlob}); a relative one is resolved against
 *       {@link FetchContext#baseDirectory()}. Only regular files count.
 *   <li>Files are ordered by file name (the last path component, compared as Rust strings). The source state is
 *       {@code {kind: odf/etag, value: <name of the last file read>}}; a later run reads only files whose name sorts
 *       after it, so a file that appears with an "older" name is never read, and a file that changes is not read
 *       again. A state of another kind is ignored (all files are new).
 *   <li>{@code eventTime}: absent or {@code FromSystemTime} &rarr; the run's system time; {@code FromPath} &rarr;
 *       parsed from each file name ({@code PathEventTime}); {@code FromMetadata} is refused, with kamu's message.
 *   <li>{@code order}: absent or {@code ByName} as above. {@code ByEventTime} (which kamu refuses) is accepted with
 *       {@code FromPath}: files are ordered by (event time, name), and files after the last read one in that order
 *       are new (its event time is re-extracted from the remembered name).
 *   <li>No match: an error ({@link SourceNotFoundException}) on the first run; up to date once a state exists.
 *   <li><b>Difference from kamu:</b> kamu reads one file per iteration and commits once per file; a plan holds
 *       all new files, read in one pipeline and committed once, with the state of the last one. The state after a
 *       run equals kamu's after its loop; the data is the same, in fewer blocks.
 * </ul>
 *
 * <h2>Url</h2>
 * Only {@code file://} URLs (kamu's {@code fetch_file}): the file must exist ({@link SourceNotFoundException}).
 * The state is {@code {kind: odf/last-modified, value: <modification time, RFC 3339, milliseconds>}}; when the
 * last state has the same time the source is up to date. {@code eventTime}: absent or {@code FromMetadata} &rarr; the
 * modification time, {@code FromSystemTime} &rarr; the system time, {@code FromPath} is refused. {@code headers}
 * are ignored. URLs of other schemes, and URLs with {@code ${{ env.X }}} templates, are refused at the start.
 *
 * <h2>cache: Forever</h2>
 * The ODF spec: "after source was processed once it will never be ingested again": with a last state for the
 * source, the plan is up to date. (kamu today ignores {@code cache}.)
 *
 * <h2>Source state in AddData</h2>
 * The run's {@code AddData} carries {@link #newSourceState()} ({@code sourceName: default} for a polling source,
 * as kamu's {@code PollingSourceState::to_source_state}, src/infra/core/src/services/ingest/polling_source_state.rs).
 * kamu resumes from the {@code newSourceState} of the dataset's <em>last</em> {@code AddData} only, so every
 * {@code AddData} of a polling source should carry one; a run whose files hold no records still commits an
 * {@code AddData} with the new state and no data, as kamu does, so the files are not read again.
 *
 * @param sourceName the source name of the state ({@code default} for a polling source)
 * @param files the files to read, in ingest order; empty when up to date
 * @param newSourceState the state to record; null when up to date, or for pushed files
 */
public record FetchPlan(String sourceName, List<FetchedFile> files, @Nullable SourceState newSourceState) {

  /** {@code SourceState.kind} of a {@code FilesGlob} state: the last file name (kamu's {@code KIND_ETAG}). */
  public static final String KIND_ETAG = "odf/etag";

  /** {@code SourceState.kind} of a {@code Url} state: the modification time (kamu's {@code KIND_LAST_MODIFIED}). */
  public static final String KIND_LAST_MODIFIED = "odf/last-modified";

  /** Checks and copies. */
  public FetchPlan {
    Objects.requireNonNull(sourceName, "sourceName");
    files = List.copyOf(Objects.requireNonNull(files, "files"));
  }

  /** True if there is nothing new to read (commit nothing). */
  public boolean upToDate() {
    return files.isEmpty();
  }

  /**
   * Plans a polling source's fetch in the working directory at the current time.
   *
   * @see #of(IngestSource, SourceState, FetchContext)
   */
  public static FetchPlan of(SetPollingSource source, @Nullable SourceState lastState) {
    return of(IngestSource.of(source), lastState, FetchContext.now());
  }

  /**
   * Plans a polling source's fetch.
   *
   * @param lastState the {@code newSourceState} of the dataset's last {@code AddData}, or null
   * @throws SourceNotFoundException if the source's file(s) do not exist (see the class doc)
   * @throws IllegalArgumentException if the source is a push source, or a file name does not fit {@code FromPath}
   */
  public static FetchPlan of(IngestSource source, @Nullable SourceState lastState, FetchContext context) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(context, "context");
    FetchStep fetch = source.fetch();
    String field = source.path() + ".fetch";
    if (fetch == null) {
      throw new IllegalArgumentException("Cannot plan a fetch for " + source.path() + ": AddPushSource '"
          + source.sourceName() + "' has no fetch step; use FetchPlan.ofPushedFiles()");
    }
    if (fetch instanceof FetchStepFilesGlob glob) {
      return filesGlob(source.sourceName(), glob, field, lastState, context);
    }
    return url(source.sourceName(), (FetchStepUrl) fetch, field, lastState, context);
  }

  /**
   * Files pushed to a push source (kamu's {@code kamu ingest}): read in the given order, all with the event time
   * {@code sourceEventTime} (kamu: the one given, else the system time); no source state is recorded (kamu records
   * none for push sources, src/infra/core/src/services/ingest/push_ingest_executor_impl.rs).
   *
   * @throws SourceNotFoundException if a file does not exist
   */
  public static FetchPlan ofPushedFiles(IngestSource source, List<Path> files, Instant sourceEventTime) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sourceEventTime, "sourceEventTime");
    if (source.isPolling()) {
      throw new IllegalArgumentException("Cannot push files to " + source.path() + ": it is a SetPollingSource;"
          + " use FetchPlan.of()");
    }
    List<FetchedFile> out = new ArrayList<>();
    for (Path p : files) {
      Path abs = p.toAbsolutePath().normalize();
      if (!Files.isRegularFile(abs)) {
        throw new SourceNotFoundException("Cannot ingest " + abs + " into push source '" + source.sourceName()
            + "': no such file");
      }
      out.add(new FetchedFile(abs.toString(), sourceEventTime));
    }
    return new FetchPlan(source.sourceName(), out, null);
  }

  // ------------------------------------------------------------------------------------------ checks

  /** Refuses what a fetch step uses that is not supported; {@code field} is e.g. {@code content.metadata[0].fetch}. */
  static void check(FetchStep fetch, String field) {
    if (fetch instanceof FetchStepFilesGlob glob) {
      try {
        FilesGlob.validate(glob.path());
      } catch (IllegalArgumentException e) {
        throw new UnsupportedSourceException(field + ".path", "Cannot fetch " + field + ".path: " + e.getMessage());
      }
      EventTimeSource et = glob.eventTime();
      if (et instanceof EventTimeSourceFromMetadata) {
        // kamu's message (src/infra/core/src/services/ingest/fetch_service/file.rs)
        throw new UnsupportedSourceException(field + ".eventTime", "Cannot fetch " + field + ": Files glob source"
            + " does not support extracting event time fromMetadata, you should use fromPath instead");
      }
      if (et instanceof EventTimeSourceFromPath p) {
        PathEventTime.of(p, field + ".eventTime");
      }
      if (glob.order() == SourceOrdering.BY_EVENT_TIME && !(et instanceof EventTimeSourceFromPath)) {
        throw new UnsupportedSourceException(field + ".order", "Cannot fetch " + field + ": order ByEventTime"
            + " needs eventTime FromPath (the files' event times come from their names); use order ByName");
      }
      return;
    }
    if (fetch instanceof FetchStepUrl u) {
      fileUrl(u.url(), field + ".url");
      if (u.eventTime() instanceof EventTimeSourceFromPath) {
        // kamu's message (src/infra/core/src/services/ingest/fetch_service/file.rs)
        throw new UnsupportedSourceException(field + ".eventTime", "Cannot fetch " + field + ": File source does"
            + " not supports fromPath event time source");
      }
      return;
    }
    throw new UnsupportedSourceException(field, "Cannot ingest from " + field.substring(0, field.lastIndexOf('.'))
        + ": fetch: " + IngestSource.kind(fetch) + " fetch steps are not supported (supported: FilesGlob, Url with a"
        + " file:// URL)");
  }

  private static Path fileUrl(String url, String field) {
    if (url.contains("${{")) {
      throw new UnsupportedSourceException(field, "Cannot fetch " + field + " '" + url + "': URL templates"
          + " (${{ env.NAME }}) are not supported");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new UnsupportedSourceException(field, "Cannot fetch " + field + " '" + url + "': not a valid URL ("
          + e.getReason() + ")");
    }
    if (uri.getScheme() == null || !uri.getScheme().equalsIgnoreCase("file")) {
      throw new UnsupportedSourceException(field, "Cannot fetch " + field + " '" + url + "': "
          + (uri.getScheme() == null ? "the URL has no scheme" : "scheme '" + uri.getScheme() + "' is not supported")
          + "; only file:// URLs are (download the data and use a file:// URL or FilesGlob)");
    }
    try {
      return Path.of(uri);
    } catch (IllegalArgumentException e) {
      throw new UnsupportedSourceException(field, "Cannot fetch " + field + " '" + url + "': not a local file"
          + " URL (" + e.getMessage() + ")");
    }
  }

  // ------------------------------------------------------------------------------------------ FilesGlob

  private record Candidate(Path path, String name, Instant eventTime) {}

  private static FetchPlan filesGlob(String sourceName, FetchStepFilesGlob glob, String field,
      @Nullable SourceState last, FetchContext context) {
    if (last != null && glob.cache() instanceof SourceCachingForever) {
      return new FetchPlan(sourceName, List.of(), null);
    }
    PathEventTime fromPath = glob.eventTime() instanceof EventTimeSourceFromPath p
        ? PathEventTime.of(p, field + ".eventTime") : null;
    boolean byEventTime = glob.order() == SourceOrdering.BY_EVENT_TIME;
    String lastName = last != null && KIND_ETAG.equals(last.kind()) ? last.value() : null;

    Comparator<Candidate> order = Comparator.comparing(Candidate::name, FilesGlob.NAME_ORDER);
    if (byEventTime) {
      order = Comparator.comparing(Candidate::eventTime).thenComparing(Candidate::name, FilesGlob.NAME_ORDER);
    }
    order = order.thenComparing(Candidate::path);
    Candidate lastRead = null;
    if (lastName != null) {
      lastRead = new Candidate(Path.of("/"), lastName,
          byEventTime ? eventTimeOf(fromPath, lastName, "the last read file") : context.systemTime());
    }

    List<Candidate> candidates = new ArrayList<>();
    for (Path p : FilesGlob.match(context.baseDirectory(), glob.path())) {
      String name = p.getFileName().toString();
      if (lastName != null && !byEventTime && FilesGlob.NAME_ORDER.compare(name, lastName) <= 0) {
        continue;
      }
      Instant eventTime = fromPath == null ? context.systemTime() : eventTimeOf(fromPath, name, p.toString());
      Candidate c = new Candidate(p, name, eventTime);
      if (byEventTime && lastRead != null) {
        int cmp = Comparator.comparing(Candidate::eventTime)
            .thenComparing(Candidate::name, FilesGlob.NAME_ORDER).compare(c, lastRead);
        if (cmp <= 0) {
          continue;
        }
      }
      candidates.add(c);
    }
    if (candidates.isEmpty()) {
      if (last != null) {
        return new FetchPlan(sourceName, List.of(), null);
      }
      throw new SourceNotFoundException("Cannot fetch " + field + ": no file matches " + field + ".path '"
          + glob.path() + "' (" + FilesGlob.absolute(context.baseDirectory(), glob.path()) + ")");
    }
    candidates.sort(order);
    List<FetchedFile> files = candidates.stream()
        .map(c -> new FetchedFile(c.path().toString(), c.eventTime())).toList();
    String newest = candidates.get(candidates.size() - 1).name();
    return new FetchPlan(sourceName, files, new SourceState(sourceName, KIND_ETAG, newest));
  }

  private static Instant eventTimeOf(PathEventTime fromPath, String name, String what) {
    try {
      return fromPath.of(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Cannot fetch " + what + ": " + e.getMessage(), e);
    }
  }

  // ------------------------------------------------------------------------------------------ Url

  private static FetchPlan url(String sourceName, FetchStepUrl step, String field, @Nullable SourceState last,
      FetchContext context) {
    Path path = fileUrl(step.url(), field + ".url");
    if (last != null && step.cache() instanceof SourceCachingForever) {
      return new FetchPlan(sourceName, List.of(), null);
    }
    Instant modified;
    try {
      modified = roundToMillis(Files.getLastModifiedTime(path).toInstant());
      if (!Files.isRegularFile(path)) {
        throw new SourceNotFoundException("Cannot fetch " + field + ".url '" + step.url() + "': " + path
            + " is not a regular file");
      }
    } catch (NoSuchFileException e) {
      throw new SourceNotFoundException("Cannot fetch " + field + ".url '" + step.url() + "': " + path
          + " does not exist");
    } catch (IOException e) {
      throw new IllegalStateException("Cannot fetch " + field + ".url '" + step.url() + "': " + e.getMessage(), e);
    }
    if (last != null && KIND_LAST_MODIFIED.equals(last.kind())) {
      Instant previous;
      try {
        previous = OffsetDateTime.parse(last.value()).toInstant();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("Cannot fetch " + field + ": the dataset's last source state "
            + KIND_LAST_MODIFIED + " has the value '" + last.value() + "', which is not an RFC 3339 time", e);
      }
      if (previous.equals(modified)) {
        return new FetchPlan(sourceName, List.of(), null);
      }
    }
    Instant eventTime = step.eventTime() instanceof EventTimeSourceFromSystemTime ? context.systemTime() : modified;
    return new FetchPlan(sourceName, List.of(new FetchedFile(path.toAbsolutePath().normalize().toString(), eventTime)),
        new SourceState(sourceName, KIND_LAST_MODIFIED, formatTime(modified)));
  }

  /** Rounds to the nearest millisecond, as kamu's {@code round_subsecs(3)}. */
  static Instant roundToMillis(Instant t) {
    long nanos = t.getNano() % 1_000_000;
    Instant down = t.minusNanos(nanos);
    return nanos >= 500_000 ? down.plusMillis(1) : down;
  }

  /** RFC 3339 in UTC with {@code Z} and 0, 3, 6 or 9 fraction digits (chrono's {@code SecondsFormat::AutoSi}). */
  static String formatTime(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t);
  }
}
