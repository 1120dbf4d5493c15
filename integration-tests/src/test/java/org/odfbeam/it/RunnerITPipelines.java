package org.odfbeam.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.model.DataEvent;
import org.odfbeam.core.model.MetadataEvent;
import org.odfbeam.core.model.SetTransform;
import org.odfbeam.core.model.TransformSql;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.pipelines.Demo;
import org.odfbeam.runners.OdfRunners;

/**
 * The Demo (the README's main job: two manifests ingested month by month with Snapshot and Ledger merges and a SQL
 * preprocess, then a derivative with a temporal join and Beam SQL) on the runner named by {@code odf.it.runner}.
 * Every dataset must verify, and the (offsets, logical hash) list of every dataset's data blocks must be the same on
 * every runner: each execution writes its lists to {@code target/runner-it/<runner>-demo-<dataset>.txt} and compares
 * them with the executions that ran before it (direct, then flink, then spark).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunnerITPipelines {
  private final String runner = Runners.name();
  private Path work;

  @BeforeAll
  void setUp() throws IOException {
    Runners.ensureTempDir();
    work = Path.of("target", "runner-it", "pipelines-" + runner).toAbsolutePath();
    Runners.deleteRecursively(work);
    Files.createDirectories(work);
  }

  @AfterAll
  void cleanUp() {
    Runners.cleanTempDir();
  }

  @Test
  void theDemoGivesTheSameDatasetsOnEveryRunner() throws Exception {
    Demo.Options options = OdfRunners.fromArgs(Demo.Options.class, "--runner=" + runner,
        "--workspace=" + work.resolve("demo"), "--systemTime=2026-03-01T00:00:00Z",
        "--demoData=" + OdfTool.REPO.resolve("examples/demo"));
    String head = Demo.run(options);
    assertThat(head, is(LocalFsDatasetStorage.open(work.resolve("demo/weather.city-daily").toString()).readHead()
        .orElseThrow().toString()));
    for (String name : List.of("weather.stations", "weather.readings", "weather.city-daily")) {
      Path dataset = work.resolve("demo").resolve(name);
      OdfTool.Result r = OdfTool.run("verify", dataset.toString());
      assertThat(r.toString(), r.exitCode(), is(0));
      List<String> slices = slices(dataset);
      assertThat(name, slices.size(), greaterThan(0));
      compareAcrossRunners("demo-" + name, slices);
    }
    // Two monthly runs: stations and readings get one data block each; the derivative one ExecuteTransform each.
    assertThat(slices(work.resolve("demo/weather.city-daily")), hasSize(2));
    SetTransform transform = new MetadataChain(LocalFsDatasetStorage.open(
        work.resolve("demo/weather.city-daily").toString())).blocks().map(b -> b.block().event())
        .filter(SetTransform.class::isInstance).map(SetTransform.class::cast).findFirst().orElseThrow();
    assertThat(((TransformSql) transform.transform()).engine(), is("beam"));
  }

  /** "start..end logicalHash" of every data block, oldest first. */
  static List<String> slices(Path dataset) {
    List<String> out = new ArrayList<>();
    new MetadataChain(LocalFsDatasetStorage.open(dataset.toString())).blocks().forEach(b -> {
      MetadataEvent e = b.block().event();
      if (e instanceof DataEvent d && d.newData() != null) {
        out.add(0, d.newData().offsetInterval().start() + ".." + d.newData().offsetInterval().end() + " "
            + d.newData().logicalHash());
      }
    });
    return out;
  }

  private void compareAcrossRunners(String scenario, List<String> actual) throws IOException {
    Path dir = work.getParent();
    Files.write(dir.resolve(runner + "-" + scenario + ".txt"), actual, StandardCharsets.UTF_8);
    for (String other : List.of("direct", "flink", "spark")) {
      Path theirs = dir.resolve(other + "-" + scenario + ".txt");
      if (!other.equals(runner) && Files.isRegularFile(theirs)) {
        assertThat(scenario + ": " + runner + " vs " + other, actual,
            equalTo(Files.readAllLines(theirs, StandardCharsets.UTF_8)));
      }
    }
  }
}
