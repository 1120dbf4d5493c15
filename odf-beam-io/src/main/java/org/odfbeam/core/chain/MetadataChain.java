package org.odfbeam.core.chain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.odfbeam.core.codec.MetadataBlockCodec;
import org.odfbeam.core.model.Bytes;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.storage.DatasetStorage;
import org.odfbeam.core.storage.NoSuchObjectException;
import org.odfbeam.core.storage.RefCasException;

/**
 * The metadata chain of one ODF dataset over a {@link DatasetStorage}.
 *
 * <h2>Reading</h2>
 * {@link #blocks()} walks from {@code refs/head} to the Seed, newest first, reading each block file
 * only when the stream asks for it; {@link #get}/{@link #find} look a block up by hash. Blocks are
 * decoded but not re-hashed on read ({@link DatasetVerifier} does that).
 * <pre>{@code
 * MetadataChain chain = new MetadataChain(LocalFsDatasetStorage.open("/data/ds"));
 * chain.blocks().filter(b -> b.block().event() instanceof AddData).limit(10).forEach(...);
 * }</pre>
 *
 * <h2>Writing</h2>
 * {@link #append(MetadataBlock)} / {@link #append(List)}: the caller first stores the data and
 * checkpoint files the blocks declare; then the chain (1) reads the head, (2) validates every block
 * against the chain with all kamu-cli rules ({@link ChainValidator}) and checks that the declared
 * data/checkpoint objects exist, (3) writes the block files named by the hash of their bytes, and
 * (4) moves {@code refs/head} by compare-and-swap from the head it validated against. Crash-safety
 * order is thus data, checkpoint, blocks, ref; readers only follow the ref, so a crash leaves at
 * most unreferenced (harmless, invisible) files.
 *
 * <h2>Failures</h2>
 * <ul>
 *   <li>{@link InvalidBlockException} (a subclass per rule): nothing was written.
 *   <li>{@link RefCasException}: another writer moved the head first; the ref is unchanged, block
 *       files written by this attempt are orphaned and harmless. Re-read and rebuild the blocks.
 *   <li>{@link CommitStateUnknownException}: failure while moving the ref; the ref may or may not
 *       have moved. Do not delete anything; re-read the head to find out.
 *   <li>{@link java.io.UncheckedIOException} while writing block files: the ref is unchanged.
 * </ul>
 *
 * <h2>Guarantees</h2>
 * Thread-safe. Validating uses a {@link ChainState} cached per head, so appending to a chain this
 * instance has seen costs O(blocks appended); a head moved by others is caught up incrementally.
 * The CAS is only as strong as the storage's (see {@code LocalFsDatasetStorage}: never commit while
 * kamu writes the same directory).
 */
public final class MetadataChain implements Iterable<BlockRef> {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MetadataChain.class);

  private final DatasetStorage storage;
  private @Nullable Multihash cachedHead;
  private ChainState cachedState = ChainState.empty();

  /** A chain over the given dataset storage (which must exist; see {@link DatasetStorage#init()}). */
  public MetadataChain(DatasetStorage storage) {
    this.storage = Objects.requireNonNull(storage, "storage");
  }

  /** The underlying storage. */
  public DatasetStorage storage() {
    return storage;
  }

  /** The current head hash ({@code refs/head}); empty for a dataset without blocks. */
  public Optional<Multihash> headHash() {
    return storage.readHead();
  }

  /** The current head block; empty for a dataset without blocks. */
  public Optional<BlockRef> head() {
    return headHash().map(this::get);
  }

  /**
   * Reads and decodes a block.
   *
   * @throws NoSuchObjectException if there is no such block file
   * @throws org.odfbeam.core.OdfFormatException if the file is not a valid block
   */
  public BlockRef get(Multihash hash) {
    byte[] stored = storage.readBlock(hash);
    return new BlockRef(hash, MetadataBlockCodec.decode(stored), Bytes.of(stored));
  }

  /** Like {@link #get} but empty if the block file does not exist. */
  public Optional<BlockRef> find(Multihash hash) {
    return storage.containsBlock(hash) ? Optional.of(get(hash)) : Optional.empty();
  }

  /** All blocks from the current head to the Seed, newest first, read lazily. */
  public Stream<BlockRef> blocks() {
    return blocksFrom(headHash().orElse(null));
  }

  /** Blocks from {@code start} (inclusive) back to the Seed, newest first; empty stream for null. */
  public Stream<BlockRef> blocksFrom(@Nullable Multihash start) {
    Spliterator<BlockRef> split = Spliterators.spliteratorUnknownSize(
        new ChainIterator(start, this::get), Spliterator.ORDERED | Spliterator.NONNULL);
    return StreamSupport.stream(split, false);
  }

  /** Same as {@code blocks().iterator()}. */
  @Override
  public Iterator<BlockRef> iterator() {
    return new ChainIterator(headHash().orElse(null), this::get);
  }

  /** The accumulated state at the current head (what a writer needs for the next AddData). */
  public ChainState state() {
    return stateAt(headHash().orElse(null));
  }

  /**
   * Validates and appends one block; see the class documentation for the protocol and failures.
   *
   * @return the appended block as stored
   */
  public BlockRef append(MetadataBlock block) {
    return append(List.of(block)).get(0);
  }

  /**
   * Validates and appends blocks in order (each linking to the previous one) with a single move of
   * {@code refs/head}: either all become visible or none.
   *
   * @return the appended blocks as stored, in the given order
   */
  public List<BlockRef> append(List<MetadataBlock> blocks) {
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("Cannot append to " + storage.location() + ": no blocks");
    }
    Multihash expectedHead = storage.readHead().orElse(null);
    ChainState state = stateAt(expectedHead);
    List<BlockRef> refs = new ArrayList<>(blocks.size());
    for (MetadataBlock block : blocks) {
      byte[] bytes = MetadataBlockCodec.encode(block);
      Multihash hash = MetadataBlockCodec.hash(bytes);
      if (refs.isEmpty()) {
        checkNotStale(block, expectedHead);
      }
      ChainValidator.validate(state, hash, block);
      ObjectRules.checkObjectsPresent(ChainValidator.context(state, hash, block), storage, block);
      state.advance(hash, block);
      refs.add(new BlockRef(hash, block, Bytes.of(bytes)));
    }
    for (BlockRef ref : refs) {
      storage.writeBlock(ref.hash(), ref.stored().toByteArray());
    }
    BlockRef last = refs.get(refs.size() - 1);
    moveHead(expectedHead, last, state.datasetLabel());
    synchronized (this) {
      cachedHead = last.hash();
      cachedState = state.copy();
    }
    LOG.info("Committed block {} {} to {} ({} block(s) appended)", last.sequenceNumber(),
        last.hash(), state.datasetLabel(), refs.size());
    return List.copyOf(refs);
  }

  /** A block built on an older head that still exists: a lost race, not an invalid block. */
  private void checkNotStale(MetadataBlock block, @Nullable Multihash head) {
    Multihash prev = block.prevBlockHash();
    if (prev != null && !prev.equals(head) && storage.containsBlock(prev)) {
      throw new RefCasException(storage.location().toString(), prev, head);
    }
  }

  private void moveHead(@Nullable Multihash expected, BlockRef next, String dataset) {
    try {
      storage.compareAndSetHead(expected, next.hash());
    } catch (RefCasException | NoSuchObjectException e) {
      throw e; // the ref was not moved
    } catch (RuntimeException e) {
      throw new CommitStateUnknownException("Cannot append block " + next.sequenceNumber() + " "
          + next.hash() + " to " + dataset + " at " + storage.location()
          + ": unknown whether refs/head moved from " + (expected == null ? "<none>" : expected)
          + " (" + e.getMessage() + ")", next.hash(), e);
    }
  }

  /** State at {@code head}: from the cache, caught up from the cached head, or folded from the Seed. */
  private ChainState stateAt(@Nullable Multihash head) {
    Multihash knownHead;
    ChainState known;
    synchronized (this) {
      knownHead = cachedHead;
      known = cachedState.copy();
    }
    if (Objects.equals(head, knownHead)) {
      return known;
    }
    Deque<BlockRef> newer = new ArrayDeque<>();
    Iterator<BlockRef> it = new ChainIterator(head, this::get);
    boolean reachedKnown = false;
    while (it.hasNext()) {
      BlockRef ref = it.next();
      if (ref.hash().equals(knownHead)) {
        reachedKnown = true;
        break;
      }
      newer.push(ref);
    }
    ChainState state = reachedKnown ? known : ChainState.empty();
    for (BlockRef ref : newer) {
      state.advance(ref.hash(), ref.block());
    }
    synchronized (this) {
      cachedHead = head;
      cachedState = state.copy();
    }
    return state;
  }
}
