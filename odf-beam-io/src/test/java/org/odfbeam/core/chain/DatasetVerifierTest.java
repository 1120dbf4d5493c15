package org.odfbeam.core.chain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.odfbeam.core.testing.OdfMatchers.hasProblemFor;
import static org.odfbeam.core.testing.OdfMatchers.isCleanReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.core.codec.MetadataBlockCodec;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.model.DataSlice;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.storage.ObjectKind;
import org.odfbeam.core.testing.TestDataset;
import org.odfbeam.core.testing.TestDatasets;

class DatasetVerifierTest {
  @TempDir Path dir;

  private VerificationReport verify(TestDataset ds) {
    return new DatasetVerifier(ds.storage()).verify();
  }

  @Test
  void acceptsAGoodDataset() {
    TestDataset ds = TestDatasets.root(dir).withAddData(3).build();
    ds.append(new AddData(null, 29L, ds.storeSlice(30, 31), ds.storeCheckpoint("cp"),
        ds.state().lastWatermark(), null, null));

    VerificationReport report = verify(ds);

    assertThat(report, isCleanReport());
    assertThat(report.blocks(), equalTo(6L));
    assertThat(report.dataFiles(), equalTo(4L));
    assertThat(report.checkpointFiles(), equalTo(1L));
    assertThat(report.summary(), containsString("Verified 6 blocks, 4 data files, 1 checkpoints"));
    assertThat(report.summary(), containsString(": OK"));
  }

  @Test
  void reportsASingleFlippedByteInAnyBlockFile() throws Exception {
    TestDataset ds = TestDatasets.root(dir).withAddData(2).build();
    for (BlockRef ref : ds.chain().blocks().toList()) {
      Path file = dir.resolve("blocks").resolve(ref.hash().toString());
      byte[] original = Files.readAllBytes(file);
      for (int pos = 0; pos < original.length; pos++) { // every byte of every block file
        flip(file, original, pos);
        VerificationReport report = verify(ds);
        assertThat("block " + ref + " byte " + pos, report,
            hasProblemFor(ref.hash(), ""));
        Files.write(file, original);
      }
    }
    assertThat(verify(ds), isCleanReport());
  }

  @Test
  void reportsASingleFlippedByteInAnyDataFile() throws Exception {
    TestDataset ds = TestDatasets.root(dir).withAddData(3).build();
    for (BlockRef ref : ds.chain().blocks().toList()) {
      if (!(ref.block().event() instanceof AddData add)) {
        continue;
      }
      Multihash data = add.newData().physicalHash();
      Path file = dir.resolve("data").resolve(data.toString());
      byte[] original = Files.readAllBytes(file);
      for (int pos = 0; pos < original.length; pos++) { // every byte of every data file
        flip(file, original, pos);
        VerificationReport report = verify(ds);
        assertThat(report.problems(), hasSize(1));
        assertThat(report, hasProblemFor(ref.hash(),
            "data file " + data + " content hashes to "));
        Files.write(file, original);
      }
    }
  }

  @Test
  void reportsMissingAndResizedFilesAndKeepsGoing() throws Exception {
    TestDataset ds = TestDatasets.root(dir).withAddData(3).build();
    List<BlockRef> data = ds.chain().blocks().filter(b -> b.block().event() instanceof AddData)
        .toList();
    DataSlice newest = ((AddData) data.get(0).block().event()).newData();
    DataSlice oldest = ((AddData) data.get(2).block().event()).newData();
    ds.storage().deleteObject(ObjectKind.DATA, newest.physicalHash());
    Files.write(dir.resolve("data").resolve(oldest.physicalHash().toString()), new byte[] {1, 2});

    VerificationReport report = verify(ds);

    assertThat(report.problems(), hasSize(3));
    assertThat(report, hasProblemFor(data.get(0).hash(), "is missing"));
    assertThat(report, hasProblemFor(data.get(2).hash(),
        "has size 2 (expected " + oldest.size() + ")"));
    assertThat(report, hasProblemFor(data.get(2).hash(), "content hashes to"));
    assertThat(report.summary(), containsString("3 problem(s)"));
  }

  @Test
  void reportsRuleViolationsOfStoredBlocksAndContinues() {
    TestDataset ds = TestDatasets.root(dir).withAddData(1).build();
    // Write two bad blocks behind the chain's back: wrong offsets, then a time going backwards.
    MetadataBlock bad = ds.next(new AddData(null, 9L, ds.storeSlice(15, 20), null,
        ds.state().lastWatermark(), null, null));
    Multihash badHash = ds.storage().writeBlock(MetadataBlockCodec.encode(bad));
    MetadataBlock worse = new MetadataBlock(TestDatasets.T0, badHash, bad.sequenceNumber() + 1,
        new org.odfbeam.core.model.SetInfo("x", null));
    Multihash worseHash = ds.storage().writeBlock(MetadataBlockCodec.encode(worse));
    ds.storage().compareAndSetHead(ds.chain().headHash().orElseThrow(), worseHash);

    VerificationReport report = verify(ds);

    assertThat(report.problems(), hasSize(2));
    assertThat(report, hasProblemFor(badHash, "Expected offset interval to start at 10 but got 15"));
    assertThat(report, hasProblemFor(worseHash,
        "System time has to be monotonically non-decreasing"));
    assertThat(report.problems().get(0).toString(), containsString("block 3 " + badHash + ": "));
  }

  @Test
  void stopsWalkingAtAMissingBlock() {
    TestDataset ds = TestDatasets.root(dir).withAddData(2).build();
    BlockRef schema = ds.chain().blocks().filter(b -> b.sequenceNumber() == 1).findFirst()
        .orElseThrow();
    ds.storage().deleteObject(ObjectKind.BLOCK, schema.hash());

    VerificationReport report = verify(ds);

    assertThat(report, hasProblemFor(schema.hash(), "cannot be read; cannot walk further"));
    assertThat(report.problems(), hasSize(1));
    assertThat(report.blocks(), equalTo(2L));
    assertThat(report.dataFiles(), equalTo(2L));
  }

  @Test
  void datasetWithoutHeadIsReported() {
    VerificationReport report = verify(TestDatasets.empty(dir));
    assertThat(report.problems().get(0).message(), containsString("no refs/head"));
  }

  private static void flip(Path file, byte[] original, int pos) throws Exception {
    byte[] copy = original.clone();
    copy[pos] ^= 0x01;
    Files.write(file, copy);
  }

  @Test
  void runsDataSliceChecksOnEveryDataFileAndAttributesTheirProblems() {
    TestDataset ds = TestDatasets.root(dir).withAddData(3).build();
    List<BlockRef> dataBlocks = ds.chain().blocks()
        .filter(b -> b.block().event() instanceof AddData).toList();
    DataSlice flagged = ((AddData) dataBlocks.get(1).block().event()).newData();
    List<DataSlice> seen = new java.util.ArrayList<>();

    VerificationReport report = new DatasetVerifier(ds.storage())
        .withDataSliceCheck((storage, slice) -> {
          seen.add(slice);
          return slice.equals(flagged) ? "logical hash mismatch in " + slice.physicalHash() : null;
        })
        .verify();

    assertThat(seen, hasSize(3));
    assertThat(report.problems(), hasSize(1));
    assertThat(report, hasProblemFor(dataBlocks.get(1).hash(), "logical hash mismatch in " + flagged.physicalHash()));
  }

  @Test
  void aFailingDataSliceCheckIsAProblemNotACrash() {
    TestDataset ds = TestDatasets.root(dir).withAddData(1).build();

    VerificationReport report = new DatasetVerifier(ds.storage())
        .withDataSliceCheck((storage, slice) -> {
          throw new IllegalStateException("not a Parquet file");
        })
        .verify();

    assertThat(report.problems(), hasSize(1));
    assertThat(report.problems().get(0).message(), containsString("cannot be checked: not a Parquet file"));
  }
}
