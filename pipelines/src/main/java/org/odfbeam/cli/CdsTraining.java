package org.odfbeam.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.codec.MetadataBlockCodec;
import org.odfbeam.core.identity.DatasetId;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.model.DataField;
import org.odfbeam.core.model.DataSchema;
import org.odfbeam.core.model.DataSlice;
import org.odfbeam.core.model.DataTypeInt64;
import org.odfbeam.core.model.DatasetKind;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.model.MetadataEvent;
import org.odfbeam.core.model.OffsetInterval;
import org.odfbeam.core.model.Seed;
import org.odfbeam.core.model.SetDataSchema;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.storage.LocalFsDatasetStorage;

/**
 * The training run {@code bin/odf} records a class-data-sharing archive from after each build: it
 * runs every inspection command once, in-process, on a tiny dataset and manifests made in a
 * temporary directory, with output discarded. The archive then holds the classes any of those
 * commands loads, so start-up does not depend on which command happened to run first.
 */
final class CdsTraining {
  private static final String BLOCK = String.join("\n",
      "kind: MetadataBlock",
      "version: 3",
      "content:",
      "  systemTime: 2020-01-01T12:00:00Z",
      "  prevBlockHash: f16209eb949bd8ff0bb1d827f11809aebc6bd0d5955c7f368469a913c70d196620272",
      "  sequenceNumber: 1",
      "  event:",
      "    kind: AddData",
      "    prevOffset: 9",
      "    newWatermark: 2020-01-01T12:00:00Z",
      "");
  private static final String SNAPSHOT = String.join("\n",
      "kind: DatasetSnapshot",
      "version: 1",
      "content:",
      "  name: training",
      "  kind: Root",
      "  metadata:",
      "  - kind: AddPushSource",
      "    sourceName: default",
      "    read:",
      "      kind: Csv",
      "      header: true",
      "      schema:",
      "        fields:",
      "        - name: city",
      "          type: String",
      "    merge:",
      "      kind: Append",
      "");

  private CdsTraining() {}

  public static void main(String[] args) throws Exception {
    Path tmp = Files.createTempDirectory("odf-cds-training");
    System.setProperty(LogCache.DIR_PROPERTY, tmp.resolve("cache").toString());
    try {
      Path block = Files.writeString(tmp.resolve("block.yaml"), BLOCK);
      Path snapshot = Files.writeString(tmp.resolve("snapshot.yaml"), SNAPSHOT);
      Path bin = tmp.resolve("block.bin");
      Path dataset = tmp.resolve("dataset");
      writeDataset(dataset);
      PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
      List<List<String>> runs = List.of(
          List.of("--help"),
          List.of("block", "hash", block.toString()),
          List.of("block", "encode", block.toString(), "--out", bin.toString()),
          List.of("block", "decode", bin.toString()),
          List.of("yaml", "normalize", block.toString()),
          List.of("manifest", "check", snapshot.toString()),
          List.of("hash", "physical", bin.toString()),
          List.of("did", "new"),
          List.of("did", "parse", DatasetId.newRandom().toString()),
          List.of("log", dataset.toString()),
          List.of("log", dataset.toString()),
          List.of("log", "--yaml", dataset.toString()),
          List.of("verify", dataset.toString()),
          List.of("no-such-command"));
      for (List<String> run : runs) {
        Odf.run(run, sink, sink);
      }
    } finally {
      try (Stream<Path> files = Files.walk(tmp)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static void writeDataset(Path dir) throws Exception {
    Files.createDirectories(dir);
    LocalFsDatasetStorage storage = new LocalFsDatasetStorage(dir);
    storage.init();
    Instant t = Instant.parse("2020-01-01T00:00:00Z");
    byte[] data = "training".getBytes(StandardCharsets.UTF_8);
    Multihash physical = storage.putData(data);
    List<MetadataEvent> events = List.of(
        new Seed(DatasetId.newRandom(), DatasetKind.ROOT),
        new SetDataSchema(null, new DataSchema(List.of(new DataField("offset", new DataTypeInt64(), null)), null)),
        new AddData(null, null, new DataSlice(Multihash.sha3_256(data), physical, new OffsetInterval(0, 0),
            data.length), null, t, null, null));
    List<MetadataBlock> blocks = new ArrayList<>();
    Multihash prev = null;
    for (int seq = 0; seq < events.size(); seq++) {
      MetadataBlock b = new MetadataBlock(t, prev, seq, events.get(seq));
      prev = MetadataBlockCodec.hash(MetadataBlockCodec.encode(b));
      blocks.add(b);
    }
    new MetadataChain(storage).append(blocks);
  }
}
