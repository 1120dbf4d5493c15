package org.odfbeam.data;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.core.chain.ChainState;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.identity.DatasetId;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.model.DatasetKind;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.model.Seed;
import org.odfbeam.core.model.SetDataSchema;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.core.testing.TestDatasets;

/** A dataset built through the core API with real data files from SliceWriter. */
class EndToEndDatasetTest {
  @TempDir Path dir;

  @Test
  void datasetWithSlicesFromSliceWriter() {
    LocalFsDatasetStorage storage = new LocalFsDatasetStorage(dir.resolve("ds"));
    storage.init();
    MetadataChain chain = new MetadataChain(storage);
    DatasetId id = DatasetId.newRandom();
    chain.append(new MetadataBlock(TestDatasets.systemTime(0), null, 0, new Seed(id, DatasetKind.ROOT)));
    SetDataSchema schemaEvent = OdfSchemas.toSetDataSchema(TestRows.ALL_TYPES);
    append(chain, schemaEvent);

    Schema beam = OdfSchemas.toBeam(chain.state().currentSchema());
    assertThat(beam, equalTo(TestRows.ALL_TYPES));

    List<Row> all = new ArrayList<>();
    for (int block = 0; block < 2; block++) {
      ChainState s = chain.state();
      long start = s.lastOffset() == null ? 0 : s.lastOffset() + 1;
      List<Row> rows = TestRows.allTypesRows(start, 15);
      all.addAll(rows);
      SliceFile f;
      try (SliceWriter.Session session = SliceWriter.of(beam).open(dir.resolve("slice" + block), start)) {
        rows.forEach(session::write);
        f = session.finish().orElseThrow();
      }
      storage.moveDataIn(f.slice().physicalHash(), f.file());
      append(chain, new AddData(null, s.lastOffset(), f.slice(), null,
          TestDatasets.T0.plusSeconds(start + rows.size()), null, null));
    }

    assertThat(chain.state().lastOffset(), is(29L));
    List<AddData> dataBlocks = new ArrayList<>();
    chain.blocks().forEach(b -> {
      if (b.block().event() instanceof AddData ad) {
        dataBlocks.add(ad);
      }
    });
    dataBlocks.sort(java.util.Comparator.comparingLong(ad -> ad.newData().offsetInterval().start()));
    assertThat(dataBlocks.size(), is(2));
    List<Row> back = new ArrayList<>();
    dataBlocks.forEach(ad -> {
      {
        Path file = Path.of(storage.objectUri(org.odfbeam.core.storage.ObjectKind.DATA,
            ad.newData().physicalHash()));
        assertThat(ParquetLogicalHash.of(file), equalTo(ad.newData().logicalHash()));
        List<Row> rows = new ArrayList<>();
        SliceReader.of(beam).read(file, rows::add);
        back.addAll(rows);
      }
    });
    assertThat(back, equalTo(all));
  }

  private static void append(MetadataChain chain, org.odfbeam.core.model.MetadataEvent event) {
    ChainState s = chain.state();
    long seq = s.headSequenceNumber() + 1;
    chain.append(new MetadataBlock(TestDatasets.systemTime(seq), s.headHash(), seq, event));
  }
}
