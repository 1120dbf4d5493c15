package org.odfbeam.io;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.core.chain.BlockRef;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.identity.DatasetId;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.model.DataEvent;
import org.odfbeam.core.model.DatasetKind;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.model.Seed;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.core.storage.ObjectKind;
import org.odfbeam.data.OdfSchemas;
import org.odfbeam.data.ParquetDatasets;
import org.odfbeam.data.SliceFile;
import org.odfbeam.data.SliceReader;
import org.odfbeam.data.SliceWriter;
import org.odfbeam.data.Vocabulary;

/** Datasets for read tests and the rows {@link SliceReader} reads from them directly (the expected values). */
final class ReadTestDatasets {
  private static final Instant T0 = Instant.parse("2020-01-01T12:00:00Z");

  private ReadTestDatasets() {}

  /** A root dataset with a single AddData slice of {@code rows} rows in row groups of {@code rowGroupRows}. */
  static LocalFsDatasetStorage oneBigSlice(Path dir, int rows, int rowGroupRows) {
    LocalFsDatasetStorage storage = new LocalFsDatasetStorage(dir);
    storage.init();
    MetadataChain chain = new MetadataChain(storage);
    BlockRef seed = chain.append(new MetadataBlock(T0, null, 0, new Seed(DatasetId.newRandom(), DatasetKind.ROOT)));
    BlockRef schema = chain.append(new MetadataBlock(T0.plusSeconds(1), seed.hash(), 1,
        OdfSchemas.toSetDataSchema(ParquetDatasets.ROWS)));
    SliceFile file;
    try (SliceWriter.Session session = SliceWriter.of(ParquetDatasets.ROWS).withRowGroupRows(rowGroupRows)
        .open(dir.resolve(".slice"), 0, new org.joda.time.Instant(T0.plusSeconds(2).toEpochMilli()))) {
      for (Row row : ParquetDatasets.rows(0, rows)) {
        session.append(row);
      }
      file = session.finish().orElseThrow();
    }
    storage.moveDataIn(file.slice().physicalHash(), file.file());
    chain.append(new MetadataBlock(T0.plusSeconds(2), schema.hash(), 2,
        new AddData(null, null, file.slice(), null, T0, null, null)));
    return storage;
  }

  /** The dataset's Beam schema as the chain declares it. */
  static Schema datasetSchema(LocalFsDatasetStorage storage) {
    return OdfSchemas.toBeam(new MetadataChain(storage).state().currentSchema());
  }

  /** Hashes of the AddData blocks, oldest first. */
  static List<BlockRef> dataBlocks(LocalFsDatasetStorage storage) {
    List<BlockRef> blocks = new ArrayList<>(new MetadataChain(storage).blocks()
        .filter(b -> b.block().event() instanceof DataEvent).toList());
    java.util.Collections.reverse(blocks);
    return blocks;
  }

  /** Every row of the dataset with {@code from <= offset <= to}, read file by file with {@code reader}. */
  static List<Row> expectedRows(LocalFsDatasetStorage storage, SliceReader reader, long from, long to) {
    List<Row> rows = new ArrayList<>();
    for (BlockRef b : dataBlocks(storage)) {
      DataEvent e = (DataEvent) b.block().event();
      Path file = storage.objectPath(ObjectKind.DATA, e.newData().physicalHash());
      reader.withVocabulary(Vocabulary.DEFAULT).withOffsetRange(from, to).read(file, rows::add);
    }
    return rows;
  }
}
