package org.odfbeam.core.chain;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.multiformats.Multihash;

/** Walks {@code prevBlockHash} links newest first, reading each block only when it is requested. */
final class ChainIterator implements Iterator<BlockRef> {
  private final Function<Multihash, BlockRef> reader;
  private @Nullable Multihash next;

  ChainIterator(@Nullable Multihash start, Function<Multihash, BlockRef> reader) {
    this.next = start;
    this.reader = reader;
  }

  @Override
  public boolean hasNext() {
    return next != null;
  }

  @Override
  public BlockRef next() {
    if (next == null) {
      throw new NoSuchElementException("Cannot iterate past the Seed block");
    }
    BlockRef ref = reader.apply(next);
    next = ref.block().prevBlockHash();
    return ref;
  }
}
