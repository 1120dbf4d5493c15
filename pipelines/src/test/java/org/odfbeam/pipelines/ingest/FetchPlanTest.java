package org.odfbeam.pipelines.ingest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.core.model.EventTimeSource;
import org.odfbeam.core.model.EventTimeSourceFromMetadata;
import org.odfbeam.core.model.EventTimeSourceFromPath;
import org.odfbeam.core.model.EventTimeSourceFromSystemTime;
import org.odfbeam.core.model.FetchStep;
import org.odfbeam.core.model.FetchStepContainer;
import org.odfbeam.core.model.FetchStepEthereumLogs;
import org.odfbeam.core.model.FetchStepFilesGlob;
import org.odfbeam.core.model.FetchStepMqtt;
import org.odfbeam.core.model.FetchStepUrl;
import org.odfbeam.core.model.MergeStrategyAppend;
import org.odfbeam.core.model.ReadStepCsv;
import org.odfbeam.core.model.SetPollingSource;
import org.odfbeam.core.model.SourceCachingForever;
import org.odfbeam.core.model.SourceOrdering;
import org.odfbeam.core.model.SourceState;

/**
 * Fetch planning. The FilesGlob and file-URL cases port kamu-data/kamu-cli:src/infra/core/tests/tests/ingest/
 * test_fetch.rs ({@code test_fetch_files_glob}, {@code test_fetch_url_file}), adapted to one plan per run.
 */
class FetchPlanTest {
  static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  static final ReadStepCsv CSV = new ReadStepCsv(null, null, null, null, null, true, null, null, null, null, null);

  @TempDir
  Path tmp;

  static IngestSource source(FetchStep fetch) {
    return IngestSource.of(new SetPollingSource(fetch, null, CSV, null, new MergeStrategyAppend()));
  }

  FetchPlan plan(FetchStep fetch, SourceState last) {
    return FetchPlan.of(source(fetch), last, FetchContext.of(tmp, NOW));
  }

  static FetchStepFilesGlob glob(String path, EventTimeSource eventTime, SourceOrdering order) {
    return new FetchStepFilesGlob(path, eventTime, null, order);
  }

  static SourceState etag(String name) {
    return new SourceState("default", FetchPlan.KIND_ETAG, name);
  }

  Path file(String name) throws IOException {
    Path p = tmp.resolve(name);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, "city,population\nA,1000\n");
  }

  static List<String> names(FetchPlan plan) {
    return plan.files().stream().map(FetchedFile::name).toList();
  }

  @Test
  void filesGlobTakesNewerNamesOnly() throws IOException {
    // kamu test_fetch_files_glob
    FetchStepFilesGlob step = glob(tmp.resolve("data-*.csv").toString(),
        new EventTimeSourceFromPath("data-(\\d+-\\d+-\\d+)\\.csv", "%Y-%m-%d"), null);

    // No file to fetch
    SourceNotFoundException e = assertThrows(SourceNotFoundException.class, () -> plan(step, null));
    assertThat(e.getMessage(), equalTo("Cannot fetch SetPollingSource.fetch: no file matches SetPollingSource.fetch"
        + ".path '" + step.path() + "' (" + step.path() + ")"));

    // Normal fetch
    Path first = file("data-2020-10-01.csv");
    FetchPlan p1 = plan(step, null);
    assertThat(p1.files(), contains(new FetchedFile(first.toString(), Instant.parse("2020-10-01T00:00:00Z"))));
    assertThat(p1.newSourceState(), equalTo(etag("data-2020-10-01.csv")));

    // No modifications
    assertThat(plan(step, p1.newSourceState()).upToDate(), is(true));
    assertThat(plan(step, p1.newSourceState()).newSourceState(), nullValue());

    // Doesn't fetch again if mtime changed
    Files.setLastModifiedTime(first, FileTime.fromMillis(0));
    assertThat(plan(step, p1.newSourceState()).upToDate(), is(true));

    // Doesn't consider files with names lexicographically "less" than last fetched
    file("data-2020-01-01.csv");
    assertThat(plan(step, p1.newSourceState()).upToDate(), is(true));

    // Multiple available: kamu takes 10-05 then (has_more) 10-10; one plan takes both, in order
    file("data-2020-10-10.csv");
    file("data-2020-10-05.csv");
    FetchPlan p2 = plan(step, p1.newSourceState());
    assertThat(names(p2), contains("data-2020-10-05.csv", "data-2020-10-10.csv"));
    assertThat(p2.files().stream().map(FetchedFile::sourceEventTime).toList(),
        contains(Instant.parse("2020-10-05T00:00:00Z"), Instant.parse("2020-10-10T00:00:00Z")));
    assertThat(p2.newSourceState(), equalTo(etag("data-2020-10-10.csv")));
    assertThat(plan(step, p2.newSourceState()).upToDate(), is(true));
  }

  @Test
  void filesGlobResolvesRelativePathsAndDefaultsToSystemTime() throws IOException {
    file("data/b.csv");
    file("data/a.csv");
    file("data/nested/c.csv");
    file("data/notes.txt");
    FetchPlan p = plan(glob("data/*.csv", null, null), null);
    assertThat(names(p), contains("a.csv", "b.csv"));
    assertThat(p.files().get(0).sourceEventTime(), equalTo(NOW));
    assertThat(p.files().get(0).path(), equalTo(tmp.resolve("data/a.csv").toString()));
    assertThat(names(plan(glob("data/**/*.csv", new EventTimeSourceFromSystemTime(), null), null)),
        contains("a.csv", "b.csv", "c.csv"));
    // names are compared without their directories, as kamu does
    assertThat(names(plan(glob("data/**/*.csv", null, SourceOrdering.BY_NAME), etag("b.csv"))), contains("c.csv"));
    // an unknown state kind is ignored: everything is new
    SourceState other = new SourceState("default", "odf/last-modified", "2020-01-01T00:00:00Z");
    assertThat(names(plan(glob("data/*.csv", null, null), other)), contains("a.csv", "b.csv"));
  }

  @Test
  void filesGlobCanOrderByEventTimeFromPath() throws IOException {
    FetchStepFilesGlob step = glob("*.csv", new EventTimeSourceFromPath("(\\d{2}-\\d{2}-\\d{4})", "%d-%m-%Y"),
        SourceOrdering.BY_EVENT_TIME);
    file("01-02-2020.csv");
    file("15-01-2020.csv");
    FetchPlan p = plan(step, null);
    assertThat(names(p), contains("15-01-2020.csv", "01-02-2020.csv"));
    assertThat(p.newSourceState(), equalTo(etag("01-02-2020.csv")));
    file("20-01-2020.csv");
    assertThat(plan(step, p.newSourceState()).upToDate(), is(true));
    file("02-03-2020.csv");
    assertThat(names(plan(step, p.newSourceState())), contains("02-03-2020.csv"));
  }

  @Test
  void fileNameMustFitTheEventTimePattern() throws IOException {
    file("data-latest.csv");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plan(glob("data-*.csv",
        new EventTimeSourceFromPath("data-(\\d+-\\d+-\\d+)\\.csv", null), null), null));
    assertThat(e.getMessage(), equalTo("Cannot fetch " + tmp.resolve("data-latest.csv") + ": Cannot extract the"
        + " event time of 'data-latest.csv': SetPollingSource.fetch.eventTime.pattern 'data-(\\d+-\\d+-\\d+)\\.csv'"
        + " does not match it"));
  }

  @Test
  void cacheForeverStopsAfterTheFirstRun() throws IOException {
    file("a.csv");
    FetchStepFilesGlob step = new FetchStepFilesGlob("*.csv", null, new SourceCachingForever(), null);
    FetchPlan p = plan(step, null);
    assertThat(names(p), contains("a.csv"));
    file("b.csv");
    assertThat(plan(step, p.newSourceState()).upToDate(), is(true));
  }

  @Test
  void fileUrlRemembersTheModificationTime() throws IOException {
    // kamu test_fetch_url_file
    Path src = tmp.resolve("data.csv");
    FetchStepUrl step = new FetchStepUrl(src.toUri().toString(), null, null, null);

    // No file to fetch
    SourceNotFoundException e = assertThrows(SourceNotFoundException.class, () -> plan(step, null));
    assertThat(e.getMessage(), equalTo("Cannot fetch SetPollingSource.fetch.url '" + step.url() + "': " + src
        + " does not exist"));

    // Normal fetch: kamu rounds the modification time to milliseconds and writes it as RFC 3339 (AutoSi)
    file("data.csv");
    Files.setLastModifiedTime(src, FileTime.from(Instant.parse("2024-01-02T03:04:05.123600Z")));
    FetchPlan p1 = plan(step, null);
    Instant modified = Instant.parse("2024-01-02T03:04:05.124Z");
    assertThat(p1.files(), contains(new FetchedFile(src.toString(), modified)));
    assertThat(p1.newSourceState(), equalTo(new SourceState("default", FetchPlan.KIND_LAST_MODIFIED,
        "2024-01-02T03:04:05.124Z")));

    // No modifications
    assertThat(plan(step, p1.newSourceState()).upToDate(), is(true));

    // Fetches again if mtime changed
    Files.setLastModifiedTime(src, FileTime.fromMillis(0));
    FetchPlan p3 = plan(step, p1.newSourceState());
    assertThat(p3.newSourceState().value(), equalTo("1970-01-01T00:00:00Z"));

    // FromSystemTime; FromMetadata is the default
    assertThat(plan(new FetchStepUrl(step.url(), new EventTimeSourceFromSystemTime(), null, null), null).files()
        .get(0).sourceEventTime(), equalTo(NOW));
    assertThat(plan(new FetchStepUrl(step.url(), new EventTimeSourceFromMetadata(), null, null), null).files()
        .get(0).sourceEventTime(), equalTo(Instant.EPOCH));
  }

  @Test
  void pushedFilesHaveNoState() throws IOException {
    Path a = file("a.csv");
    IngestSource push = IngestSource.of(new org.odfbeam.core.model.AddPushSource("upload", CSV, null,
        new MergeStrategyAppend()));
    FetchPlan p = FetchPlan.ofPushedFiles(push, List.of(a), NOW);
    assertThat(p.files(), contains(new FetchedFile(a.toString(), NOW)));
    assertThat(p.newSourceState(), nullValue());
    assertThat(p.sourceName(), equalTo("upload"));
    assertThat(assertThrows(IllegalArgumentException.class, () -> FetchPlan.of(push, null, FetchContext.now()))
        .getMessage(), equalTo("Cannot plan a fetch for AddPushSource: AddPushSource 'upload' has no fetch step; use"
            + " FetchPlan.ofPushedFiles()"));
  }

  @Test
  void refusesUnsupportedFetchSteps() {
    assertThat(refusal(new FetchStepContainer("ghcr.io/kamu-data/fetch-x:1", null, null, null)),
        equalTo("Cannot ingest from SetPollingSource: fetch: Container fetch steps are not supported (supported:"
            + " FilesGlob, Url with a file:// URL)"));
    assertThat(refusal(new FetchStepMqtt("localhost", 1883, null, null, List.of())),
        equalTo("Cannot ingest from SetPollingSource: fetch: Mqtt fetch steps are not supported (supported:"
            + " FilesGlob, Url with a file:// URL)"));
    assertThat(refusal(new FetchStepEthereumLogs(1L, null, null, null)),
        equalTo("Cannot ingest from SetPollingSource: fetch: EthereumLogs fetch steps are not supported (supported:"
            + " FilesGlob, Url with a file:// URL)"));
    assertThat(refusal(new FetchStepUrl("https://example.org/data.csv", null, null, null)),
        equalTo("Cannot fetch SetPollingSource.fetch.url 'https://example.org/data.csv': scheme 'https' is not"
            + " supported; only file:// URLs are (download the data and use a file:// URL or FilesGlob)"));
    assertThat(refusal(new FetchStepUrl("file:///data/${{ env.DAY }}.csv", null, null, null)),
        equalTo("Cannot fetch SetPollingSource.fetch.url 'file:///data/${{ env.DAY }}.csv': URL templates"
            + " (${{ env.NAME }}) are not supported"));
    assertThat(refusal(new FetchStepUrl("file:///data.csv", new EventTimeSourceFromPath("(.*)", null), null, null)),
        equalTo("Cannot fetch SetPollingSource.fetch: File source does not supports fromPath event time source"));
    assertThat(refusal(glob("*.csv", new EventTimeSourceFromMetadata(), null)),
        equalTo("Cannot fetch SetPollingSource.fetch: Files glob source does not support extracting event time"
            + " fromMetadata, you should use fromPath instead"));
    assertThat(refusal(glob("*.csv", null, SourceOrdering.BY_EVENT_TIME)),
        equalTo("Cannot fetch SetPollingSource.fetch: order ByEventTime needs eventTime FromPath (the files' event"
            + " times come from their names); use order ByName"));
    assertThat(refusal(glob("*.csv", new EventTimeSourceFromPath("data-(\\d+", null), null)),
        equalTo("Cannot use SetPollingSource.fetch.eventTime.pattern 'data-(\\d+': invalid regular expression:"
            + " Unclosed group"));
    assertThat(refusal(glob("*.csv", new EventTimeSourceFromPath("data-\\d+", null), null)),
        equalTo("Cannot use SetPollingSource.fetch.eventTime.pattern 'data-\\d+': it has no group; the first group"
            + " must capture the timestamp"));
  }

  static String refusal(FetchStep step) {
    UnsupportedSourceException e = assertThrows(UnsupportedSourceException.class, () -> source(step));
    return e.getMessage();
  }

  @Test
  void emptyGlobAfterAnEarlierRunIsUpToDate() {
    FetchPlan p = plan(glob("nothing-*.csv", null, null), etag("x.csv"));
    assertThat(p.upToDate(), is(true));
    assertThat(p.files(), empty());
  }
}
