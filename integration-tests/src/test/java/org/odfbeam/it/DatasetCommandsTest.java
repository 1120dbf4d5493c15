package org.odfbeam.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.data.ParquetDatasets;

/** {@code odf log} and {@code odf verify} on datasets built through the core API. */
class DatasetCommandsTest {
  @TempDir
  Path tmp;

  private Path dataset;

  @BeforeEach
  void buildDataset() {
    dataset = tmp.resolve("ds");
    ParquetDatasets.cities(dataset, 3, 5);
  }

  @Test
  void logPrintsOneLinePerBlockNewestFirst() throws Exception {
    OdfTool.Result r = OdfTool.run("log", dataset.toString());
    assertThat(r.toString(), r.exitCode(), equalTo(0));
    List<String> lines = r.stdout().lines().toList();
    assertThat(lines, hasSize(5));
    assertThat(lines.get(0), matchesPattern(
        "4 f1620[0-9a-f]{64} 20\\d\\d-\\d\\d-\\d\\dT[0-9:.]+Z AddData offsets \\[10, 14\\] \\(5 records, \\d+ bytes\\).*"));
    assertThat(lines.get(3), matchesPattern("1 f1620[0-9a-f]{64} \\S+ SetDataSchema \\d+ fields: .*"));
    assertThat(lines.get(4), matchesPattern("0 f1620[0-9a-f]{64} \\S+ Seed did:odf:fed01[0-9a-f]{64} Root"));
    String head = Files.readString(dataset.resolve("refs/head"));
    assertThat(lines.get(0), startsWith("4 " + head + " "));
  }

  @Test
  void logYamlPrintsEveryBlockAsAManifest() throws Exception {
    OdfTool.Result r = OdfTool.run("log", "--yaml", dataset.toUri().toString());
    assertThat(r.toString(), r.exitCode(), equalTo(0));
    String[] docs = r.stdout().split("(?m)^---\n");
    assertThat(docs.length, equalTo(5));
    assertThat(docs[4], startsWith("kind: MetadataBlock\nversion: 3\ncontent:\n"));
    assertThat(docs[4], containsString("    kind: Seed\n"));
  }

  @Test
  void verifyAcceptsAValidDataset() throws Exception {
    OdfTool.Result r = OdfTool.run("verify", dataset.toString());
    assertThat(r.toString(), r.exitCode(), equalTo(0));
    assertThat(r.stdout(), matchesPattern("Verified 5 blocks, 3 data files, 0 checkpoints, \\d+ bytes: OK\n"));
  }

  @Test
  void verifyRejectsAFlippedByteInEveryBlockAndDataFile() throws Exception {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Stream.concat(Files.list(dataset.resolve("blocks")), Files.list(dataset.resolve("data")))) {
      s.filter(p -> !p.getFileName().toString().startsWith(".")).forEach(files::add);
    }
    assertThat(files, hasSize(8));
    for (Path file : files) {
      byte[] original = Files.readAllBytes(file);
      for (int pos : new int[] {0, original.length / 2, original.length - 1}) {
        byte[] flipped = original.clone();
        flipped[pos] ^= 0x01;
        Files.write(file, flipped);
        try {
          OdfTool.Result r = OdfTool.run("verify", dataset.toString());
          assertThat(file + " byte " + pos + "\n" + r, r.exitCode(), equalTo(1));
          assertThat(r.stdout(), containsString("problem"));
          assertThat(r.stdout(), matchesPattern("(?s)(block (\\d+|\\?) f1620[0-9a-f]{64}: .*\n)+Verified .*\n"));
        } finally {
          Files.write(file, original);
        }
      }
    }
    assertThat(OdfTool.run("verify", dataset.toString()).exitCode(), equalTo(0));
  }

  @Test
  void notADatasetIsAClearError() throws Exception {
    OdfTool.Result r = OdfTool.run("log", tmp.toString());
    assertThat(r.exitCode(), equalTo(2));
    assertThat(r.stderr(), containsString("not an ODF dataset"));
  }
}
