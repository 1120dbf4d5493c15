package org.odfbeam.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.model.ExecuteTransform;
import org.odfbeam.core.model.MetadataEvent;
import org.odfbeam.core.model.OffsetInterval;
import org.odfbeam.core.model.Seed;
import org.odfbeam.core.model.SetDataSchema;
import org.odfbeam.core.model.SetInfo;
import org.odfbeam.core.model.SetTransform;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.examples.OdfIOExamples;

/**
 * The README's OdfIO examples ({@link OdfIOExamples}) on the runner named by {@code odf.it.runner}, in the order a
 * user would meet them: write a census, append another with the retrying writer, export what is new, derive big
 * cities incrementally. Each step checks what the README says the example does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunnerITExamples {
  private static final List<String> CENSUS_2020 = List.of(
      "2020-07-01T00:00:00Z,Tokyo,13960000",
      "2020-07-01T00:00:00Z,Lyon,516092",
      "2020-07-01T00:00:00Z,Madrid,3223000",
      "2020-07-01T00:00:00Z,Bergen,285900");
  private static final List<String> CENSUS_2025 = List.of(
      "2025-07-01T00:00:00Z,Tokyo,14190000",
      "2025-07-01T00:00:00Z,Lyon,522250",
      "2025-07-01T00:00:00Z,Porto,248769",
      "2025-07-01T00:00:00Z,Lagos,16500000");

  private final String runner = Runners.name();
  private Path work;

  @BeforeAll
  void setUp() throws IOException {
    Runners.ensureTempDir();
    work = Path.of("target", "runner-it-examples", runner).toAbsolutePath();
    Runners.deleteRecursively(work);
    Files.createDirectories(work);
  }

  @AfterAll
  void cleanUp() {
    Runners.cleanTempDir();
  }

  @Test
  void theReadmeExamplesDoWhatTheReadmeSays() throws Exception {
    String cities = work.resolve("cities").toString();
    String bigCities = work.resolve("big-cities").toString();
    Path csv2020 = Files.write(work.resolve("census-2020.csv"), CENSUS_2020);
    Path csv2025 = Files.write(work.resolve("census-2025.csv"), CENSUS_2025);

    // Writing: the dataset is created (Seed, SetInfo, SetDataSchema) and the file is one AddData.
    OdfIOExamples.writeCensus(Runners.options(), csv2020.toString(), cities);
    List<MetadataEvent> events = events(cities);
    assertThat(events, hasSize(4));
    assertThat(events.get(0), instanceOf(Seed.class));
    assertThat(((SetInfo) events.get(1)).keywords(), contains("census"));
    assertThat(events.get(2), instanceOf(SetDataSchema.class));
    assertThat(((AddData) events.get(3)).newData().offsetInterval(), equalTo(new OffsetInterval(0, 3)));
    assertThat(Files.readString(Path.of(cities, "info", "alias")).trim(), is("cities"));
    String firstCommit = head(cities);

    // Guarantees: the retrying writer appends the second census and logs the committed block.
    Path log = work.resolve("commit-log.txt");
    OdfIOExamples.appendWithRetry(Runners.options(), csv2025.toString(), cities, log.toString());
    assertThat(Files.readAllLines(log), contains("4 " + head(cities) + " " + new OffsetInterval(4, 7)));

    // Reading: only what was committed after the first commit, big cities only, offsets continued.
    String prefix = work.resolve("export/new-big-cities").toString();
    OdfIOExamples.exportNewBigCities(Runners.options(), cities, firstCommit, prefix);
    // Offsets follow event time, then the record's encoding; both 2025 big cities are in offsets 4..7.
    List<String> exported = lines(work.resolve("export"));
    assertThat(exported, hasSize(2));
    List<String> names = exported.stream().map(l -> l.substring(l.lastIndexOf(',') + 1)).toList();
    assertThat(names, containsInAnyOrder("Tokyo", "Lagos"));
    for (String line : exported) {
      long offset = Long.parseLong(line.substring(0, line.indexOf(',')));
      assertThat(line, offset >= 4 && offset <= 7, is(true));
    }

    // Derivative writes: the first run consumes both commits, a run without new input commits nothing.
    OdfIOExamples.deriveBigCities(Runners.options(), cities, bigCities);
    List<MetadataEvent> derived = events(bigCities);
    assertThat(derived.get(1), instanceOf(SetTransform.class));
    ExecuteTransform execute = (ExecuteTransform) derived.get(derived.size() - 1);
    assertThat(execute.newData().offsetInterval(), equalTo(new OffsetInterval(0, 3)));
    assertThat(execute.queryInputs().get(0).newBlockHash().toString(), is(head(cities)));
    String derivedHead = head(bigCities);
    OdfIOExamples.deriveBigCities(Runners.options(), cities, bigCities);
    assertThat(head(bigCities), is(derivedHead));

    for (String dataset : List.of(cities, bigCities)) {
      OdfTool.Result r = OdfTool.run("verify", dataset);
      assertThat(r.stdout() + r.stderr(), r.exitCode(), is(0));
    }
  }

  private static List<MetadataEvent> events(String dataset) {
    List<MetadataEvent> events = new ArrayList<>();
    new MetadataChain(LocalFsDatasetStorage.open(dataset)).blocks().forEach(b -> events.add(0, b.block().event()));
    return events;
  }

  private static String head(String dataset) {
    return LocalFsDatasetStorage.open(dataset).readHead().orElseThrow().toString();
  }

  private static List<String> lines(Path dir) throws IOException {
    List<String> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        all.addAll(Files.readAllLines(f));
      }
    }
    return all;
  }
}
