package org.odfbeam.data;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.core.chain.ChainState;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.identity.DatasetId;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.model.DatasetKind;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.model.MetadataEvent;
import org.odfbeam.core.model.Seed;
import org.odfbeam.core.storage.LocalFsDatasetStorage;

/**
 * Test datasets with real Parquet data slices, built through the core API and {@link SliceWriter}:
 * Seed, SetDataSchema (from the Beam schema, as kamu writes it), then AddData blocks of city
 * populations. Deterministic except for the dataset id.
 */
public final class ParquetDatasets {
  /** Data columns: city (nullable string) and population (int64). */
  public static final Schema DATA = Schema.builder()
      .addNullableField("city", FieldType.STRING)
      .addInt64Field("population")
      .build();
  /** Full row schema with the default system columns. */
  public static final Schema ROWS = OdfSchemas.withSystemColumns(Vocabulary.DEFAULT, FieldType.DATETIME, DATA);

  private static final Instant T0 = Instant.parse("2020-01-01T12:00:00Z");

  private ParquetDatasets() {}

  /** A root dataset at {@code dir} with {@code blocks} AddData blocks of {@code rowsPerBlock} rows each. */
  public static LocalFsDatasetStorage cities(Path dir, int blocks, int rowsPerBlock) {
    LocalFsDatasetStorage storage = new LocalFsDatasetStorage(dir);
    storage.init();
    MetadataChain chain = new MetadataChain(storage);
    chain.append(new MetadataBlock(T0, null, 0, new Seed(DatasetId.newRandom(), DatasetKind.ROOT)));
    append(chain, OdfSchemas.toSetDataSchema(ROWS));
    for (int b = 0; b < blocks; b++) {
      ChainState s = chain.state();
      long start = s.lastOffset() == null ? 0 : s.lastOffset() + 1;
      org.joda.time.Instant systemTime = new org.joda.time.Instant(T0.plusSeconds(3600L * (b + 1)).toEpochMilli());
      SliceFile file;
      try (SliceWriter.Session session = SliceWriter.of(ROWS).open(dir.resolve(".slice-" + b), start, systemTime)) {
        for (Row row : rows(start, rowsPerBlock)) {
          session.append(row);
        }
        file = session.finish().orElseThrow();
      }
      storage.moveDataIn(file.slice().physicalHash(), file.file());
      append(chain, new AddData(null, s.lastOffset(), file.slice(), null,
          T0.plusSeconds(60L * (start + rowsPerBlock)), null, null));
    }
    return storage;
  }

  /** Event time and data rows for offsets {@code start ..< start + n}. */
  public static List<Row> rows(long start, int n) {
    Schema appendSchema = Schema.builder().addDateTimeField("event_time").addFields(DATA.getFields()).build();
    List<Row> rows = new ArrayList<>(n);
    for (long o = start; o < start + n; o++) {
      rows.add(Row.withSchema(appendSchema).attachValues(
          new org.joda.time.Instant(T0.plusSeconds(60 * o).toEpochMilli()),
          o % 7 == 3 ? null : "city-" + (o % 13),
          1000L * o + 17));
    }
    return rows;
  }

  private static void append(MetadataChain chain, MetadataEvent event) {
    ChainState s = chain.state();
    long seq = s.headSequenceNumber() + 1;
    chain.append(new MetadataBlock(T0.plusSeconds(3600L * seq), s.headHash(), seq, event));
  }
}
