package org.odfbeam.core.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import org.odfbeam.core.chain.BlockRef;
import org.odfbeam.core.chain.ChainState;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.identity.DatasetId;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.model.Checkpoint;
import org.odfbeam.core.model.DataSlice;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.model.MetadataEvent;
import org.odfbeam.core.model.OffsetInterval;
import org.odfbeam.core.multiformats.Multicodec;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.storage.DatasetStorage;

/**
 * A real on-disk dataset built by {@link TestDatasets}, with helpers that build the next block the
 * way a correct writer would (linked to the head, next sequence number, later system time), so a
 * test changes exactly one thing to break exactly one rule.
 */
public final class TestDataset {
  private final Path root;
  private final DatasetStorage storage;
  private final MetadataChain chain;
  private final DatasetId id;

  TestDataset(Path root, DatasetStorage storage, DatasetId id) {
    this.root = root;
    this.storage = storage;
    this.chain = new MetadataChain(storage);
    this.id = id;
  }

  public Path root() {
    return root;
  }

  public DatasetStorage storage() {
    return storage;
  }

  public MetadataChain chain() {
    return chain;
  }

  public DatasetId id() {
    return id;
  }

  /** State at the current head. */
  public ChainState state() {
    return chain.state();
  }

  /** A block carrying {@code event} that correctly follows the current head. */
  public MetadataBlock next(MetadataEvent event) {
    ChainState s = state();
    long seq = s.headSequenceNumber() + 1;
    return new MetadataBlock(TestDatasets.systemTime(seq), s.headHash(), seq, event);
  }

  /** Appends {@link #next(MetadataEvent)}. */
  public BlockRef append(MetadataEvent event) {
    return chain.append(next(event));
  }

  /**
   * A valid next AddData of {@code records} records: stores a fresh data file (arbitrary bytes,
   * physical hash computed), continues offsets, carries the checkpoint and advances the watermark.
   */
  public AddData nextAddData(long records) {
    ChainState s = state();
    long start = s.lastOffset() == null ? 0 : s.lastOffset() + 1;
    DataSlice slice = storeSlice(start, start + records - 1);
    Checkpoint last = s.lastCheckpoint();
    return new AddData(last == null ? null : last.physicalHash(), s.lastOffset(), slice, last,
        TestDatasets.T0.plusSeconds(start + records), null, null);
  }

  /** Appends {@link #nextAddData(long)}. */
  public BlockRef appendData(long records) {
    return append(nextAddData(records));
  }

  /** Stores a data file for offsets [start, end] and describes it as a DataSlice. */
  public DataSlice storeSlice(long start, long end) {
    byte[] bytes = testBytes("data " + id + " " + start + ".." + end);
    Multihash physical = storage.putData(bytes);
    return new DataSlice(logicalHashOf(bytes), physical, new OffsetInterval(start, end),
        bytes.length);
  }

  /** Stores a checkpoint file with the given content. */
  public Checkpoint storeCheckpoint(String content) {
    byte[] bytes = testBytes("checkpoint " + id + " " + content);
    return new Checkpoint(storage.putCheckpoint(bytes), bytes.length);
  }

  /** A stand-in logical hash (Parquet and arrow-digest come later): arrow0-sha3-256 of the bytes. */
  static Multihash logicalHashOf(byte[] bytes) {
    return Multihash.ofDigest(Multicodec.ARROW0_SHA3_256, Multihash.sha3_256(bytes).digest());
  }

  /** Deterministic, arbitrary (non-Parquet) test bytes, a few hundred long. */
  static byte[] testBytes(String label) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; sb.length() < 300; i++) {
      sb.append(label).append(" #").append(i).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "TestDataset[" + id + " at " + root + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TestDataset d && d.root.equals(root) && Objects.equals(d.id, id);
  }

  @Override
  public int hashCode() {
    return root.hashCode();
  }
}
