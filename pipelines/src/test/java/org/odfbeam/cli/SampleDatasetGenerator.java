package org.odfbeam.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.codec.MetadataBlockCodec;
import org.odfbeam.core.identity.DatasetAlias;
import org.odfbeam.core.identity.DatasetId;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.model.AddPushSource;
import org.odfbeam.core.model.DataField;
import org.odfbeam.core.model.DataSchema;
import org.odfbeam.core.model.DataTypeInt32;
import org.odfbeam.core.model.DataTypeInt64;
import org.odfbeam.core.model.DataTypeOption;
import org.odfbeam.core.model.DataTypeString;
import org.odfbeam.core.model.DataTypeTimestamp;
import org.odfbeam.core.model.DatasetKind;
import org.odfbeam.core.model.MergeStrategyLedger;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.model.MetadataEvent;
import org.odfbeam.core.model.ReadStepCsv;
import org.odfbeam.core.model.Seed;
import org.odfbeam.core.model.SetDataSchema;
import org.odfbeam.core.model.SetInfo;
import org.odfbeam.core.model.SetLicense;
import org.odfbeam.core.model.SourceState;
import org.odfbeam.core.model.TimeUnit;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.storage.LocalFsDatasetStorage;

/**
 * Writes {@code examples/sample-dataset}, the dataset the README's main job inspects, through the
 * core API. Metadata only: Seed, SetInfo, SetLicense, AddPushSource, SetDataSchema and two
 * watermark/source-state AddData blocks (data slices arrive with the Parquet writer).
 *
 * <pre>{@code
 * mvn -q -pl pipelines -am test-compile
 * java -cp "$(cat pipelines/target/odf.classpath):odf-beam-io/target/classes:pipelines/target/classes:pipelines/target/test-classes" \
 *     org.odfbeam.cli.SampleDatasetGenerator examples/sample-dataset
 * }</pre>
 */
public final class SampleDatasetGenerator {
  private SampleDatasetGenerator() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length == 1 ? args[0] : "examples/sample-dataset");
    if (Files.exists(dir)) {
      throw new IllegalStateException(dir + " exists; remove it first");
    }
    write(dir);
  }

  /** Writes the sample dataset into the empty or absent directory {@code dir}. */
  static void write(Path dir) throws Exception {
    Files.createDirectories(dir);
    LocalFsDatasetStorage storage = new LocalFsDatasetStorage(dir);
    storage.init();
    storage.writeAlias(DatasetAlias.parse("sample.city-populations"));

    Instant t0 = Instant.parse("2026-11-01T09:00:00Z");
    DataTypeTimestamp utcMillis = new DataTypeTimestamp(TimeUnit.MILLISECOND, "UTC");
    List<MetadataEvent> events = List.of(
        new Seed(DatasetId.newRandom(), DatasetKind.ROOT),
        new SetInfo("Population of selected cities, by census year (odf-beam sample dataset)",
            List.of("sample", "demography")),
        new SetLicense("CC0-1.0", "Creative Commons Zero v1.0 Universal", "CC0-1.0",
            "https://creativecommons.org/publicdomain/zero/1.0/"),
        new AddPushSource("default",
            new ReadStepCsv(null, null, null, null, null, true, null, null, null, null,
                new DataSchema(List.of(
                    new DataField("event_time", utcMillis, null),
                    new DataField("city", new DataTypeString(), null),
                    new DataField("population", new DataTypeInt64(), null)), null)),
            null, new MergeStrategyLedger(List.of("event_time", "city"))),
        new SetDataSchema(null, new DataSchema(List.of(
            new DataField("offset", new DataTypeInt64(), null),
            new DataField("op", new DataTypeInt32(), null),
            new DataField("system_time", utcMillis, null),
            new DataField("event_time", utcMillis, null),
            new DataField("city", new DataTypeOption(new DataTypeString()), null),
            new DataField("population", new DataTypeOption(new DataTypeInt64()), null)), null)),
        new AddData(null, null, null, null, Instant.parse("2020-01-01T00:00:00Z"),
            new SourceState("default", "odf/etag", "W/\"census-2020\""), null),
        new AddData(null, null, null, null, Instant.parse("2025-01-01T00:00:00Z"),
            new SourceState("default", "odf/etag", "W/\"census-2025\""), null));

    List<MetadataBlock> blocks = new ArrayList<>();
    Multihash prev = null;
    for (int seq = 0; seq < events.size(); seq++) {
      Instant time = seq < 5 ? t0 : t0.plusSeconds(86_400L * (seq - 4));
      MetadataBlock block = new MetadataBlock(time, prev, seq, events.get(seq));
      prev = MetadataBlockCodec.hash(MetadataBlockCodec.encode(block));
      blocks.add(block);
    }
    new MetadataChain(storage).append(blocks);
    Files.deleteIfExists(dir.resolve("refs").resolve(LocalFsDatasetStorage.HEAD_LOCK_FILE));
  }
}
