package org.odfbeam.core.chain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.odfbeam.core.testing.OdfMatchers.blockWithEvent;
import static org.odfbeam.core.testing.OdfMatchers.hasBlocks;
import static org.odfbeam.core.testing.OdfMatchers.hasHead;
import static org.odfbeam.core.testing.OdfMatchers.hasHeadAt;
import static org.odfbeam.core.testing.OdfMatchers.hasOffsets;
import static org.odfbeam.core.testing.OdfMatchers.hasSequenceNumber;
import static org.odfbeam.core.testing.OdfMatchers.isValidChain;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.model.Seed;
import org.odfbeam.core.model.SetDataSchema;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.core.testing.TestDataset;
import org.odfbeam.core.testing.TestDatasets;

class MetadataChainTest {
  @TempDir Path dir;

  @Test
  void validMultiBlockChainAppendsAndIteratesNewestFirst() {
    TestDataset ds = TestDatasets.root(dir).withAddData(3).recordsPerBlock(10).build();

    assertThat(ds.chain(), allOf(hasHeadAt(4), hasBlocks(5), isValidChain()));
    List<BlockRef> blocks = ds.chain().blocks().collect(Collectors.toList());
    assertThat(blocks.get(0), allOf(hasSequenceNumber(4), hasOffsets(20, 29)));
    assertThat(blocks.get(3), blockWithEvent(SetDataSchema.class));
    assertThat(blocks.get(4), blockWithEvent(Seed.class));
    for (BlockRef ref : blocks) {
      assertThat(ref.hash(), equalTo(Multihash.sha3_256(ref.stored().toByteArray())));
    }
  }

  @Test
  void stateCarriesWhatTheNextAddDataNeeds() {
    TestDataset ds = TestDatasets.root(dir).withAddData(2).build();
    ChainState state = ds.chain().state();

    assertThat(state.lastOffset(), equalTo(19L));
    assertThat(state.headSequenceNumber(), equalTo(3L));
    assertThat(state.datasetId(), equalTo(ds.id()));
    // a fresh MetadataChain instance folds the same state from disk
    ChainState fresh = new MetadataChain(new LocalFsDatasetStorage(dir)).state();
    assertThat(fresh.headHash(), equalTo(state.headHash()));
    assertThat(fresh.lastWatermark(), equalTo(state.lastWatermark()));
  }

  @Test
  void iterationIsLazy() {
    TestDataset ds = TestDatasets.root(dir).withAddData(2).build();
    Multihash seed = ds.chain().blocks().reduce((a, b) -> b).orElseThrow().hash();
    ds.storage().deleteObject(org.odfbeam.core.storage.ObjectKind.BLOCK, seed);

    assertThat(ds.chain().blocks().limit(3).count(), equalTo(3L));
  }

  @Test
  void appendsSeveralBlocksWithOneRefMove() {
    TestDataset ds = TestDatasets.root(dir).withAddData(0).build();
    AddData first = ds.nextAddData(5);
    MetadataBlock b1 = ds.next(first);
    Multihash h1 = Multihash.sha3_256(org.odfbeam.core.codec.MetadataBlockCodec.encode(b1));
    AddData second = new AddData(null, 4L, ds.storeSlice(5, 9), null,
        first.newWatermark().plusSeconds(1), null, null);
    MetadataBlock b2 = new MetadataBlock(b1.systemTime(), h1, b1.sequenceNumber() + 1, second);

    List<BlockRef> appended = ds.chain().append(List.of(b1, b2));

    assertThat(appended, hasSize(2));
    assertThat(ds.chain(), allOf(hasHead(appended.get(1).hash()), hasHeadAt(3), isValidChain()));
    assertThat(ds.chain().get(h1), hasOffsets(0, 4));
  }

  @Test
  void lookupByHashFindsStoredBlocksOnly() {
    TestDataset ds = TestDatasets.root(dir).build();
    Multihash head = ds.chain().headHash().orElseThrow();

    assertThat(ds.chain().find(head).orElseThrow(), hasSequenceNumber(3));
    assertThat(ds.chain().find(Multihash.sha3_256(new byte[] {1})).isPresent(), equalTo(false));
  }

  @Test
  void emptyDatasetHasNoHeadAndAcceptsASeed() {
    TestDataset ds = TestDatasets.empty(dir);
    assertThat(ds.chain(), hasBlocks(0));

    ds.chain().append(new MetadataBlock(TestDatasets.T0, null, 0,
        new Seed(ds.id(), org.odfbeam.core.model.DatasetKind.ROOT)));

    assertThat(ds.chain(), allOf(hasHeadAt(0), isValidChain()));
  }

  @Test
  void appendingNothingIsRejected() {
    TestDataset ds = TestDatasets.empty(dir);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ds.chain().append(List.of()));
    assertThat(e.getMessage(), containsString("no blocks"));
  }

  @Test
  void invalidBlockExceptionsAreUnchecked() {
    assertThat(new SequenceIntegrityException(
        new InvalidBlockException.BlockContext(1, Multihash.sha3_256(new byte[0]), "ds"), "r"),
        instanceOf(RuntimeException.class));
  }
}
