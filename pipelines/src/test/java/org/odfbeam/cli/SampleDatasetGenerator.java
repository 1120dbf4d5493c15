package org.odfbeam.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.data.OdfSchemas;
import org.odfbeam.data.SliceFile;
import org.odfbeam.data.SliceWriter;
import org.odfbeam.data.Vocabulary;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.codec.MetadataBlockCodec;
import org.odfbeam.core.identity.DatasetAlias;
import org.odfbeam.core.identity.DatasetId;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.model.AddPushSource;
import org.odfbeam.core.model.DataField;
import org.odfbeam.core.model.DataSchema;
import org.odfbeam.core.model.DataTypeInt64;
import org.odfbeam.core.model.DataTypeString;
import org.odfbeam.core.model.DataTypeTimestamp;
import org.odfbeam.core.model.DatasetKind;
import org.odfbeam.core.model.MergeStrategyLedger;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.model.MetadataEvent;
import org.odfbeam.core.model.ReadStepCsv;
import org.odfbeam.core.model.Seed;
import org.odfbeam.core.model.SetInfo;
import org.odfbeam.core.model.SetLicense;
import org.odfbeam.core.model.SourceState;
import org.odfbeam.core.model.TimeUnit;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.storage.LocalFsDatasetStorage;

/**
 * Writes {@code examples/sample-dataset}, the dataset the README's main job inspects, through the
 * core API and {@link SliceWriter}: Seed, SetInfo, SetLicense, AddPushSource, SetDataSchema and two
 * AddData blocks with real Parquet slices (city populations of two census years).
 *
 * <pre>{@code
 * mvn -q -B -DskipTests install && mvn -q -B -pl pipelines test-compile
 * java -cp "$(cat pipelines/target/odf.classpath):odf-beam-io/target/classes:pipelines/target/classes:pipelines/target/test-classes" \
 *     org.odfbeam.cli.SampleDatasetGenerator examples/sample-dataset
 * }</pre>
 */
public final class SampleDatasetGenerator {
  /** Data columns of the sample. */
  static final Schema DATA = Schema.builder()
      .addStringField("city")
      .addStringField("country")
      .addInt64Field("population")
      .build();
  static final Schema ROWS = OdfSchemas.withSystemColumns(Vocabulary.DEFAULT, FieldType.DATETIME, DATA);

  private static final Object[][] CENSUS_2020 = {
      {"Vancouver", "CA", 662_248L}, {"Toronto", "CA", 2_794_356L}, {"Montreal", "CA", 1_762_949L},
      {"Calgary", "CA", 1_306_784L}, {"Seattle", "US", 737_015L}, {"Portland", "US", 652_503L},
      {"Denver", "US", 715_522L}, {"Austin", "US", 961_855L}};
  private static final Object[][] CENSUS_2025 = {
      {"Vancouver", "CA", 706_012L}, {"Toronto", "CA", 3_025_647L}, {"Montreal", "CA", 1_818_560L},
      {"Calgary", "CA", 1_491_900L}, {"Seattle", "US", 780_995L}, {"Portland", "US", 630_498L},
      {"Denver", "US", 729_019L}, {"Austin", "US", 993_588L}};

  private SampleDatasetGenerator() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length == 1 ? args[0] : "examples/sample-dataset");
    if (Files.exists(dir)) {
      throw new IllegalStateException(dir + " exists; remove it first");
    }
    write(dir);
  }

  /** Writes the sample dataset into the absent directory {@code dir}. */
  static void write(Path dir) throws Exception {
    Files.createDirectories(dir);
    LocalFsDatasetStorage storage = new LocalFsDatasetStorage(dir);
    storage.init();
    storage.writeAlias(DatasetAlias.parse("sample.city-populations"));
    MetadataChain chain = new MetadataChain(storage);

    Instant t0 = Instant.parse("2026-11-01T09:00:00Z");
    DataTypeTimestamp utcMillis = new DataTypeTimestamp(TimeUnit.MILLISECOND, "UTC");
    List<MetadataEvent> setup = List.of(
        new Seed(DatasetId.newRandom(), DatasetKind.ROOT),
        new SetInfo("Population of selected North American cities by census year (odf-beam sample dataset)",
            List.of("sample", "demography")),
        new SetLicense("CC0-1.0", "Creative Commons Zero v1.0 Universal", "CC0-1.0",
            "https://creativecommons.org/publicdomain/zero/1.0/"),
        new AddPushSource("default",
            new ReadStepCsv(null, null, null, null, null, true, null, null, null, null,
                new DataSchema(List.of(
                    new DataField("event_time", utcMillis, null),
                    new DataField("city", new DataTypeString(), null),
                    new DataField("country", new DataTypeString(), null),
                    new DataField("population", new DataTypeInt64(), null)), null)),
            null, new MergeStrategyLedger(List.of("event_time", "city"))),
        OdfSchemas.toSetDataSchema(ROWS));
    Multihash prev = null;
    long seq = 0;
    List<MetadataBlock> blocks = new ArrayList<>();
    for (MetadataEvent event : setup) {
      MetadataBlock block = new MetadataBlock(t0, prev, seq++, event);
      prev = MetadataBlockCodec.hash(MetadataBlockCodec.encode(block));
      blocks.add(block);
    }
    chain.append(blocks);

    long nextOffset = 0;
    Object[][][] censuses = {CENSUS_2020, CENSUS_2025};
    int[] years = {2020, 2025};
    for (int c = 0; c < censuses.length; c++) {
      Instant systemTime = t0.plusSeconds(86_400L * (c + 1));
      Instant eventTime = Instant.parse(years[c] + "-07-01T00:00:00Z");
      SliceFile file;
      try (SliceWriter.Session session = SliceWriter.of(ROWS)
          .open(dir.resolve(".sample-slice"), nextOffset, new org.joda.time.Instant(systemTime.toEpochMilli()))) {
        Schema appendSchema = session.appendSchema();
        for (Object[] city : censuses[c]) {
          session.append(Row.withSchema(appendSchema).attachValues(
              new org.joda.time.Instant(eventTime.toEpochMilli()), city[0], city[1], city[2]));
        }
        file = session.finish().orElseThrow();
      }
      storage.moveDataIn(file.slice().physicalHash(), file.file());
      chain.append(new MetadataBlock(systemTime, prev, seq++, new AddData(null,
          nextOffset == 0 ? null : nextOffset - 1, file.slice(), null, eventTime,
          new SourceState("default", "odf/etag", "W/\"census-" + years[c] + "\""), null)));
      prev = chain.headHash().orElseThrow();
      nextOffset = file.slice().offsetInterval().end() + 1;
    }
    Files.deleteIfExists(dir.resolve("refs").resolve(LocalFsDatasetStorage.HEAD_LOCK_FILE));
  }
}
