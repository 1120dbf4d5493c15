package org.odfbeam.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.greaterThan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The metadata commands must feel instant: they load no Beam, Flink, Spark, Hadoop or Parquet
 * classes (checked with the JVM's class-loading log).
 */
class LightweightCommandsTest {
  private static final String BLOCK = "integration-tests/src/test/resources/kamu-serializer-vectors/09-execute-transform.yaml";
  private static final String SNAPSHOT = "integration-tests/src/test/resources/kamu-yaml/dataset-snapshot-root.yaml";

  @ParameterizedTest
  @ValueSource(strings = {"log examples/sample-dataset", "log --yaml examples/sample-dataset",
      "block hash " + BLOCK, "block encode " + BLOCK, "yaml normalize " + BLOCK, "manifest check " + SNAPSHOT,
      "hash physical " + BLOCK, "did new", "--help"})
  void loadsNoEngineClasses(String command, @TempDir Path tmp) throws Exception {
    Path log = tmp.resolve("classes.txt");
    OdfTool.Result r = OdfTool.runWith(Map.of("ODF_JAVA_OPTS", "-Xlog:class+load:file=" + log), null,
        command.split(" "));
    assertThat(r.toString(), r.exitCode(), equalTo(0));
    List<String> loaded = Files.readAllLines(log);
    assertThat(loaded, hasSize(greaterThan(100)));
    List<String> engines = loaded.stream()
        .filter(l -> l.matches(".*\\borg\\.apache\\.(beam|flink|spark|hadoop|parquet)\\..*")).toList();
    assertThat(engines, empty());
  }
}
