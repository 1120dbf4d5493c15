package org.odfbeam.pipelines.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.odfbeam.core.model.AddPushSource;
import org.odfbeam.core.model.DatasetSnapshot;
import org.odfbeam.core.model.FetchStep;
import org.odfbeam.core.model.MergeStrategy;
import org.odfbeam.core.model.MetadataEvent;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.model.ReadStep;
import org.odfbeam.core.model.SetPollingSource;
import org.odfbeam.core.model.Transform;
import org.odfbeam.core.model.Variant;

/**
 * The source of a root dataset, a {@link SetPollingSource} or an {@link AddPushSource}, checked for what this ingest
 * supports and remembered with its place in the manifest, so that every later error names the manifest field.
 *
 * <pre>{@code
 * DatasetSnapshot snapshot = ManifestYaml.readSnapshot(Files.readString(manifest));
 * IngestSource source = IngestSource.of(DatasetSnapshotValidator.normalize(snapshot));
 * FetchPlan plan = FetchPlan.of(source, lastSourceState, FetchContext.of(manifest.getParent(), Instant.now()));
 * PCollection<Row> rows = pipeline.apply(ReadFiles.of(source).from(plan));
 * }</pre>
 *
 * <p><b>Supported.</b> Fetch: {@code FilesGlob} and {@code Url} with a {@code file://} URL (see {@link FetchPlan}).
 * Read: {@code Csv}, {@code NdJson}, {@code Json} and {@code Parquet} with the options {@link ReadFiles} lists.
 * <b>Refused</b> with an {@link UnsupportedSourceException} naming the field: {@code Container}, {@code Mqtt} and
 * {@code EthereumLogs} fetch steps, URLs of other schemes or with {@code ${{ }}} templates, {@code prepare} steps,
 * the {@code GeoJson}, {@code NdGeoJson} and {@code EsriShapefile} readers, and read options other than those listed
 * in {@link ReadFiles}. Preprocess and merge are not checked here: they belong to later stages.
 *
 * @param event the {@code SetPollingSource} or {@code AddPushSource} event
 * @param path where the event is in its manifest, e.g. {@code content.metadata[0]}; prefixes every message
 */
public record IngestSource(MetadataEvent event, String path) {

  /** The source name kamu records in {@code SourceState} for a polling source ({@code "default"}). */
  public static final String DEFAULT_SOURCE_NAME = "default";

  /** Checks the event type and what the source uses. */
  public IngestSource {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(path, "path");
    if (!(event instanceof SetPollingSource) && !(event instanceof AddPushSource)) {
      throw new IllegalArgumentException("Cannot ingest from " + path + ": " + event.kindName()
          + " is not a source; expected SetPollingSource or AddPushSource");
    }
    if (event instanceof SetPollingSource p) {
      FetchPlan.check(p.fetch(), path + ".fetch");
      if (p.prepare() != null && !p.prepare().isEmpty()) {
        throw new UnsupportedSourceException(path + ".prepare", "Cannot ingest from " + path + ": prepare: "
            + kinds(p.prepare()) + " steps are not supported; decompress or convert the files beforehand");
      }
    }
    ReadFiles.check(read(event), path + ".read");
  }

  /**
   * The one source of a manifest: its {@code SetPollingSource}, or its only {@code AddPushSource}.
   *
   * @throws IllegalArgumentException if the manifest has no source or more than one (naming them)
   * @throws UnsupportedSourceException if the source uses something this ingest does not support
   */
  public static IngestSource of(DatasetSnapshot snapshot) {
    List<Integer> sources = new ArrayList<>();
    for (int i = 0; i < snapshot.metadata().size(); i++) {
      MetadataEvent e = snapshot.metadata().get(i);
      if (e instanceof SetPollingSource || e instanceof AddPushSource) {
        sources.add(i);
      }
    }
    if (sources.size() != 1) {
      throw new IllegalArgumentException("Cannot ingest into " + snapshot.name() + ": the manifest must have exactly"
          + " one SetPollingSource or AddPushSource, but has " + describe(snapshot, sources));
    }
    int i = sources.get(0);
    return new IngestSource(snapshot.metadata().get(i), "content.metadata[" + i + "]");
  }

  /**
   * The {@code AddPushSource} named {@code sourceName} of a manifest.
   *
   * @throws IllegalArgumentException if there is no such push source (naming the ones there are)
   */
  public static IngestSource of(DatasetSnapshot snapshot, String sourceName) {
    Objects.requireNonNull(sourceName, "sourceName");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < snapshot.metadata().size(); i++) {
      if (snapshot.metadata().get(i) instanceof AddPushSource p) {
        if (p.sourceName().equals(sourceName)) {
          return new IngestSource(p, "content.metadata[" + i + "]");
        }
        names.add("'" + p.sourceName() + "'");
      }
    }
    throw new IllegalArgumentException("Cannot ingest into " + snapshot.name() + ": it has no AddPushSource named '"
        + sourceName + "' (push sources: " + (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
  }

  /** A polling source outside a manifest (e.g. read from a dataset's chain); messages start with its kind. */
  public static IngestSource of(SetPollingSource source) {
    return new IngestSource(source, "SetPollingSource");
  }

  /** A push source outside a manifest; messages start with its kind. */
  public static IngestSource of(AddPushSource source) {
    return new IngestSource(source, "AddPushSource");
  }

  /** True for a {@code SetPollingSource}, false for an {@code AddPushSource}. */
  public boolean isPolling() {
    return event instanceof SetPollingSource;
  }

  /** The fetch step of a polling source; null for a push source. */
  public @Nullable FetchStep fetch() {
    return event instanceof SetPollingSource p ? p.fetch() : null;
  }

  /** The read step. */
  public ReadStep read() {
    return read(event);
  }

  /** The preprocess transform, if any. */
  public @Nullable Transform preprocess() {
    return event instanceof SetPollingSource p ? p.preprocess() : ((AddPushSource) event).preprocess();
  }

  /** The merge strategy. */
  public MergeStrategy merge() {
    return event instanceof SetPollingSource p ? p.merge() : ((AddPushSource) event).merge();
  }

  /**
   * The name recorded in {@code AddData.newSourceState.sourceName}: {@value #DEFAULT_SOURCE_NAME} for a polling
   * source (kamu's {@code SourceState::DEFAULT_SOURCE_NAME}, kamu-data/kamu-cli:src/odf/metadata/src/dtos/
   * dtos_extra.rs), the {@code sourceName} of a push source.
   */
  public String sourceName() {
    return event instanceof AddPushSource p ? p.sourceName() : DEFAULT_SOURCE_NAME;
  }

  private static ReadStep read(MetadataEvent event) {
    return event instanceof SetPollingSource p ? p.read() : ((AddPushSource) event).read();
  }

  /** The YAML tag of a union member, e.g. {@code FilesGlob}. */
  static String kind(Object unionMember) {
    Variant v = unionMember.getClass().getAnnotation(Variant.class);
    return v == null ? unionMember.getClass().getSimpleName() : v.name();
  }

  private static String kinds(List<?> members) {
    return String.join(", ", members.stream().map(IngestSource::kind).distinct().toList());
  }

  private static String describe(DatasetSnapshot snapshot, List<Integer> sources) {
    if (sources.isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    for (int i : sources) {
      parts.add(snapshot.metadata().get(i).kindName() + " at content.metadata[" + i + "]");
    }
    return String.join(", ", parts);
  }
}
