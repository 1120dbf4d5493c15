package org.odfbeam.core.chain;

import static org.odfbeam.core.chain.Rejections.assertRejected;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.model.Checkpoint;
import org.odfbeam.core.model.DataSlice;
import org.odfbeam.core.model.OffsetInterval;
import org.odfbeam.core.model.SourceState;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.testing.TestDataset;
import org.odfbeam.core.testing.TestDatasets;

/**
 * AddData rules: emptiness, offsets, watermark, schema, checkpoint, progress
 * (kamu-data/kamu-cli:src/odf/dataset-impl/src/entities/metadata_chain_validators.rs).
 * The dataset holds offsets 0..19 with watermark T0+20s.
 */
class DataEventRulesTest {
  @TempDir Path dir;
  private TestDataset ds;
  private Instant watermark;

  @BeforeEach
  void setUp() {
    ds = TestDatasets.root(dir).withAddData(2).build();
    watermark = ds.state().lastWatermark();
  }

  private DataSlice slice(long start, long end) {
    return ds.storeSlice(start, end);
  }

  @Test
  void emptyAddDataIsRejected() {
    assertRejected(EmptyEventException.class, ds,
        ds.next(new AddData(null, 19L, null, null, null, null, null)),
        "Event is empty (expected newData, newCheckpoint, newWatermark or newSourceState, found none)");
  }

  @Test
  void newDataMustStartAfterTheCarriedOffset() {
    assertRejected(OffsetsNotSequentialException.class, ds,
        ds.next(new AddData(null, 19L, slice(21, 25), null, watermark, null, null)),
        "Expected offset interval to start at 20 but got 21 (expected 20, found 21)");
  }

  @Test
  void offsetIntervalEndMustNotPrecedeStart() {
    assertRejected(InvalidOffsetIntervalException.class, ds,
        ds.next(new AddData(null, 19L, slice(20, 18), null, watermark, null, null)),
        "Invalid offset interval [20, 18] (expected end >= 20, found 18)");
  }

  @Test
  void carriedPrevOffsetMustBeTheLastOffset() {
    assertRejected(PrevOffsetMismatchException.class, ds,
        ds.next(new AddData(null, 14L, slice(15, 25), null, watermark, null, null)),
        "Carried prev offset does not correspond to the last offset in the chain",
        "(expected 19, found 14)");
  }

  @Test
  void watermarkMustNotGoBackwards() {
    Instant earlier = watermark.minusSeconds(1);
    assertRejected(WatermarkNotMonotonicException.class, ds,
        ds.next(new AddData(null, 19L, slice(20, 25), null, earlier, null, null)),
        "Watermark has to be monotonically increasing",
        "(expected >= " + watermark + ", found " + earlier + ")");
  }

  @Test
  void watermarkCannotBeDroppedOnceSet() {
    assertRejected(WatermarkNotMonotonicException.class, ds,
        ds.next(new AddData(null, 19L, slice(20, 25), null, null, null, null)),
        "Watermark has to be monotonically increasing", "(expected >= " + watermark
            + ", found none)");
  }

  @Test
  void schemaMustPrecedeData() {
    TestDataset noSchema = TestDatasets.root(dir.resolve("no-schema")).withoutSchema().build();
    assertRejected(SchemaNotDefinedException.class, noSchema,
        noSchema.next(new AddData(null, null, noSchema.storeSlice(0, 9), null, null, null, null)),
        "SetDataSchema event must be present before adding data");
  }

  @Test
  void prevCheckpointMustBeTheLastCheckpoint() {
    Multihash bogus = Multihash.sha3_256(new byte[] {7});
    assertRejected(CheckpointMismatchException.class, ds,
        ds.next(new AddData(bogus, 19L, slice(20, 25), null, watermark, null, null)),
        "Input checkpoint does not correspond to the last checkpoint in the chain",
        "(expected none, found " + bogus + ")");
  }

  @Test
  void carriedCheckpointIsAccepted() {
    Checkpoint cp = ds.storeCheckpoint("state 1");
    ds.append(new AddData(null, 19L, slice(20, 25), cp, watermark, null, null));
    ds.append(new AddData(cp.physicalHash(), 25L, slice(26, 30), cp, watermark, null, null));
  }

  @Test
  void addDataMustAdvanceSomething() {
    assertRejected(AddDataNoOpException.class, ds,
        ds.next(new AddData(null, 19L, null, null, watermark, null, null)),
        "Event neither has data nor it advances checkpoint, watermark, or source state");
  }

  @Test
  void sourceStateAloneIsProgress() {
    ds.append(new AddData(null, 19L, null, null, watermark,
        new SourceState("default", "odf/etag", "abc"), null));
  }
}
