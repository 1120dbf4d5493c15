package org.odfbeam.core.chain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.odfbeam.core.chain.Rejections.assertRejected;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.core.identity.DatasetId;
import org.odfbeam.core.model.DatasetKind;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.model.Seed;
import org.odfbeam.core.model.SetInfo;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.testing.TestDataset;
import org.odfbeam.core.testing.TestDatasets;

/** Seed position, links, sequence numbers, system time (kamu messages: metadata_chain.rs). */
class BlockOrderRulesTest {
  @TempDir Path dir;

  private static final SetInfo INFO = new SetInfo("a dataset", null);

  @Test
  void seedCannotFollowOtherBlocks() {
    TestDataset ds = TestDatasets.root(dir).build();
    MetadataBlock seed = ds.next(new Seed(DatasetId.newRandom(), DatasetKind.ROOT));
    SeedNotFirstException e = assertRejected(SeedNotFirstException.class, ds, seed,
        "Attempt to append seed block to a non-empty chain", "(expected no previous block, found ");
    assertThat(e.getMessage(), containsString(" to " + ds.id() + ": "));
  }

  @Test
  void secondUnlinkedSeedIsRejected() {
    TestDataset ds = TestDatasets.root(dir).build();
    assertRejected(SeedNotFirstException.class, ds,
        new MetadataBlock(TestDatasets.T0, null, 0, new Seed(DatasetId.newRandom(), DatasetKind.ROOT)),
        "Attempt to append seed block to a non-empty chain", "(expected an empty chain, found head ");
  }

  @Test
  void firstBlockMustBeASeed() {
    TestDataset ds = TestDatasets.empty(dir);
    assertRejected(FirstBlockMustBeSeedException.class, ds,
        new MetadataBlock(TestDatasets.T0, null, 0, INFO),
        "First block has to be a seed, perhaps new block does not link to the previous",
        "(expected Seed, found SetInfo)");
  }

  @Test
  void previousBlockMustExist() {
    TestDataset ds = TestDatasets.root(dir).build();
    Multihash unknown = Multihash.sha3_256(new byte[] {42});
    MetadataBlock next = ds.next(INFO);
    assertRejected(PrevBlockNotFoundException.class, ds,
        new MetadataBlock(next.systemTime(), unknown, next.sequenceNumber(), INFO),
        "Invalid previous block " + unknown, "(expected " + ds.chain().headHash().orElseThrow());
  }

  @Test
  void sequenceNumberMustFollowThePreviousBlock() {
    TestDataset ds = TestDatasets.root(dir).build();
    MetadataBlock next = ds.next(INFO);
    assertRejected(SequenceIntegrityException.class, ds,
        new MetadataBlock(next.systemTime(), next.prevBlockHash(), 7, INFO),
        "with sequence number 3 cannot be followed by block with sequence number 7",
        "(expected 4, found 7)");
  }

  @Test
  void sequenceMustStartAtZero() {
    TestDataset ds = TestDatasets.empty(dir);
    assertRejected(SequenceIntegrityException.class, ds,
        new MetadataBlock(TestDatasets.T0, null, 1, new Seed(ds.id(), DatasetKind.ROOT)),
        "Block sequence has to start with zero, not 1", "(expected 0, found 1)");
  }

  @Test
  void systemTimeMustNotGoBackwards() {
    TestDataset ds = TestDatasets.root(dir).build();
    MetadataBlock next = ds.next(INFO);
    assertRejected(SystemTimeNotMonotonicException.class, ds,
        new MetadataBlock(TestDatasets.T0, next.prevBlockHash(), next.sequenceNumber(), INFO),
        "System time has to be monotonically non-decreasing",
        "(expected >= " + TestDatasets.systemTime(3) + ", found " + TestDatasets.T0 + ")");
  }

  @Test
  void sameSystemTimeIsAllowed() {
    TestDataset ds = TestDatasets.root(dir).build();
    MetadataBlock next = ds.next(INFO);
    ds.chain().append(new MetadataBlock(TestDatasets.systemTime(3), next.prevBlockHash(),
        next.sequenceNumber(), INFO));
  }
}
