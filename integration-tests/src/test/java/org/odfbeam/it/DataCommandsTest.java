package org.odfbeam.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.model.DataSlice;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.core.storage.ObjectKind;
import org.odfbeam.data.ParquetDatasets;
import org.odfbeam.data.SliceFile;
import org.odfbeam.data.SliceReader;
import org.odfbeam.data.SliceWriter;

/** The data commands ({@code hash logical}, {@code tail}, {@code schema}, {@code verify}'s logical hashes). */
class DataCommandsTest {
  @TempDir
  Path tmp;

  private Path dataset;
  private LocalFsDatasetStorage storage;
  private List<DataSlice> slices;

  @BeforeEach
  void buildDataset() {
    dataset = tmp.resolve("cities");
    storage = ParquetDatasets.cities(dataset, 3, 5);
    slices = new ArrayList<>();
    new MetadataChain(storage).blocks().forEach(b -> {
      if (b.block().event() instanceof AddData e && e.newData() != null) {
        slices.add(0, e.newData());
      }
    });
  }

  private Path file(DataSlice slice) {
    return Path.of(storage.objectUri(ObjectKind.DATA, slice.physicalHash()));
  }

  @Test
  void hashLogicalPrintsTheSlicesLogicalHash() throws Exception {
    for (DataSlice slice : slices) {
      OdfTool.Result r = OdfTool.run("hash", "logical", file(slice).toString());
      assertThat(r.toString(), r.exitCode(), equalTo(0));
      assertThat(r.stdout(), equalTo(slice.logicalHash() + "\n"));
      assertThat(r.stdout(), startsWith("f9680c00120"));
    }
  }

  @Test
  void hashLogicalOfANonParquetFileIsAClearError() throws Exception {
    Path bogus = Files.writeString(tmp.resolve("bogus.parquet"), "not parquet");
    OdfTool.Result r = OdfTool.run("hash", "logical", bogus.toString());
    assertThat(r.exitCode(), equalTo(2));
    assertThat(r.stderr(), allOf(startsWith("odf: "), containsString("bogus.parquet")));
  }

  @Test
  void tailPrintsTheLastRecordsAsATable() throws Exception {
    OdfTool.Result r = OdfTool.run("tail", dataset.toString(), "-n", "7");
    assertThat(r.toString(), r.exitCode(), equalTo(0));
    List<String> lines = r.stdout().lines().toList();
    assertThat(lines, hasSize(7 + 4));
    assertThat(lines.get(1), matchesPattern("\\| offset \\| op \\| system_time +\\| event_time +\\| city +\\| population \\|"));
    assertThat(lines.get(3), startsWith("| 8      | 0  | 2020-01-01T14:00:00Z | 2020-01-01T12:08:00Z | city-8 "));
    assertThat(lines.get(9), startsWith("| 14     | 0  |"));
  }

  @Test
  void tailNdjsonIsOneJsonObjectPerRecordInOffsetOrder() throws Exception {
    OdfTool.Result r = OdfTool.run("tail", dataset.toString(), "-n", "5", "--ndjson");
    assertThat(r.toString(), r.exitCode(), equalTo(0));
    List<String> lines = r.stdout().lines().toList();
    assertThat(lines, hasSize(5));
    assertThat(lines.get(0), equalTo("{\"offset\":10,\"op\":0,\"system_time\":\"2020-01-01T15:00:00Z\","
        + "\"event_time\":\"2020-01-01T12:10:00Z\",\"city\":null,\"population\":10017}"));
    assertThat(lines.get(2), equalTo("{\"offset\":12,\"op\":0,\"system_time\":\"2020-01-01T15:00:00Z\","
        + "\"event_time\":\"2020-01-01T12:12:00Z\",\"city\":\"city-12\",\"population\":12017}"));
    assertThat(lines.get(4), containsString("\"offset\":14,"));
  }

  @Test
  void schemaPrintsTheCurrentSchemaInEachFormat() throws Exception {
    OdfTool.Result yaml = OdfTool.run("schema", dataset.toString());
    assertThat(yaml.toString(), yaml.exitCode(), equalTo(0));
    assertThat(yaml.stdout(), startsWith("fields:\n- name: offset\n  type:\n    kind: Int64\n"));
    assertThat(yaml.stdout(), containsString("- name: system_time\n  type:\n    kind: Timestamp\n"
        + "    unit: Millisecond\n    timezone: UTC\n"));

    OdfTool.Result parquet = OdfTool.run("schema", dataset.toString(), "--format", "parquet");
    assertThat(parquet.stdout(), containsString("required int64 offset;"));

    OdfTool.Result arrow = OdfTool.run("schema", dataset.toString(), "--format", "arrow");
    assertThat(arrow.stdout(), containsString("system_time: Timestamp(Millisecond, \"UTC\") not null\n"));
    assertThat(arrow.stdout(), containsString("city: Utf8\n"));
  }

  @Test
  void verifyRecomputesLogicalHashesAndReportsAChangedValue() throws Exception {
    assertThat(OdfTool.run("verify", dataset.toString()).exitCode(), equalTo(0));

    // Rewrite the middle slice as valid Parquet with one population changed, under its old name.
    DataSlice victim = slices.get(1);
    List<Row> rows = new ArrayList<>();
    SliceReader.of(ParquetDatasets.ROWS).read(file(victim), rows::add);
    Row changed = Row.fromRow(rows.get(2)).withFieldValue("population", 1L).build();
    rows.set(2, changed);
    SliceFile rewritten;
    try (SliceWriter.Session s = SliceWriter.of(ParquetDatasets.ROWS)
        .open(tmp.resolve("rewritten"), victim.offsetInterval().start())) {
      rows.forEach(s::write);
      rewritten = s.finish().orElseThrow();
    }
    Files.copy(rewritten.file(), file(victim), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    OdfTool.Result r = OdfTool.run("verify", dataset.toString());
    assertThat(r.toString(), r.exitCode(), equalTo(1));
    assertThat(r.stdout(), containsString("data file " + victim.physicalHash() + " has logical hash "
        + rewritten.slice().logicalHash() + " (expected " + victim.logicalHash() + ")"));

    OdfTool.Result skipped = OdfTool.run("verify", dataset.toString(), "--skip-logical-hashes");
    assertThat(skipped.exitCode(), equalTo(1));
    assertThat(skipped.stdout(), allOf(containsString("content hashes to"),
        org.hamcrest.Matchers.not(containsString("logical hash"))));
  }
}
