package org.odfbeam.runners;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Instant;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OdfSettingsTest {
  static OdfSettings settings(String... args) {
    return OdfSettings.of(PipelineOptionsFactory.fromArgs(args).as(OdfPipelineOptions.class));
  }

  @Test
  void defaults() {
    OdfSettings s = settings();
    assertThat(s.workspace(), nullValue());
    assertThat(s.systemTime(), nullValue());
    assertThat(s.maxRecordsPerSlice(), equalTo(1_000_000L));
  }

  @Test
  void valuesFromTheCommandLine() {
    OdfSettings s = settings("--workspace=/data/odf", "--systemTime=2026-01-01T00:00:00Z",
        "--maxRecordsPerSlice=500");
    assertThat(s, equalTo(new OdfSettings("/data/odf", Instant.parse("2026-01-01T00:00:00Z"), 500)));
  }

  @ParameterizedTest
  @CsvSource({
      "2026-01-01T00:00:00Z, 2026-01-01T00:00:00Z",
      "2026-01-01T02:00:00+02:00, 2026-01-01T00:00:00Z",
      "2026-01-01t00:00:00z, 2026-01-01T00:00:00Z",
      "2026-01-01T00:00:00.123456Z, 2026-01-01T00:00:00.123456Z",
  })
  void systemTimeIsRfc3339(String text, String instant) {
    assertThat(OdfSettings.parseSystemTime(text), equalTo(Instant.parse(instant)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-01-01", "2026-01-01T00:00:00", "2026-13-01T00:00:00Z", "yesterday", ""})
  void aBadSystemTimeNamesTheOptionAndTheValue(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> settings("--systemTime=" + text));
    assertThat(e.getMessage(), allOf(containsString("Cannot parse --systemTime='" + text + "'"),
        containsString("RFC 3339 time with an offset, such as 2026-01-01T00:00:00Z")));
  }

  @Test
  void slicesMustHoldRecords() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> settings("--maxRecordsPerSlice=0"));
    assertThat(e.getMessage(), equalTo("--maxRecordsPerSlice must be > 0, but was 0"));
  }

  @Test
  void aRelativeWorkspaceIsMadeAbsolute() {
    assertThat(settings("--workspace=target/../ws").workspace(),
        equalTo(Path.of("ws").toAbsolutePath().toString()));
  }

  @Test
  void datasetNamesLiveInTheWorkspace() {
    OdfSettings s = settings("--workspace=/data/odf");
    assertThat(s.dataset("cities"), equalTo("/data/odf/cities"));
    assertThat(s.dataset("com.example.cities"), equalTo("/data/odf/com.example.cities"));
  }

  @Test
  void aFileUrlWorkspaceGivesFileUrls() {
    assertThat(settings("--workspace=file:///data/odf").dataset("cities"), equalTo("file:///data/odf/cities"));
    assertThat(settings("--workspace=file:///data/odf/").dataset("cities"), equalTo("file:///data/odf/cities"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/abs/cities", "rel/cities", "./cities", "file:///data/cities", ".", ".."})
  void pathsAreUsedAsGiven(String path) {
    assertThat(settings("--workspace=/data/odf").dataset(path), equalTo(path));
    assertThat(settings().dataset(path), equalTo(path));
  }

  @Test
  void aNameWithoutWorkspaceSaysWhatToSet() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings().dataset("cities"));
    assertThat(e.getMessage(), equalTo("Cannot locate dataset 'cities': no --workspace is set (pass "
        + "--workspace=<directory holding datasets>, or give the dataset's path)"));
  }

  @Test
  void anInvalidNameIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> settings("--workspace=/data").dataset("my cities"));
    assertThat(e.getMessage(), allOf(containsString("Cannot locate dataset 'my cities': neither a path nor a "
        + "dataset name"), containsString("Cannot parse dataset name 'my cities'")));
  }
}
