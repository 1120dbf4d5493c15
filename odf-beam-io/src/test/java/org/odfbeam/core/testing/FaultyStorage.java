package org.odfbeam.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.odfbeam.core.identity.DatasetAlias;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.storage.DatasetStorage;
import org.odfbeam.core.storage.ObjectKind;

/**
 * A {@link DatasetStorage} decorator with fault knobs (in the spirit of Iceberg's
 * {@code TestTables.failCommits}): make the next CAS fail before or after the ref moved, make the next
 * block write fail, and count block writes.
 */
public final class FaultyStorage implements DatasetStorage {
  private final DatasetStorage delegate;
  private final AtomicInteger failCasBeforeMove = new AtomicInteger();
  private final AtomicInteger failCasAfterMove = new AtomicInteger();
  private final AtomicInteger failBlockWrites = new AtomicInteger();
  private final AtomicInteger blockWrites = new AtomicInteger();

  public FaultyStorage(DatasetStorage delegate) {
    this.delegate = delegate;
  }

  /** The next {@code n} head CAS throw an I/O error without moving the ref. */
  public FaultyStorage failNextCasBeforeMove(int n) {
    failCasBeforeMove.set(n);
    return this;
  }

  /** The next {@code n} head CAS move the ref, then throw an I/O error (a lost acknowledgement). */
  public FaultyStorage failNextCasAfterMove(int n) {
    failCasAfterMove.set(n);
    return this;
  }

  /** The next {@code n} block writes throw an I/O error and write nothing. */
  public FaultyStorage failNextBlockWrites(int n) {
    failBlockWrites.set(n);
    return this;
  }

  /** Number of successful block writes so far. */
  public int blockWrites() {
    return blockWrites.get();
  }

  @Override
  public void compareAndSetHead(Multihash expected, Multihash next) {
    if (failCasBeforeMove.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw injected("refs/head write");
    }
    delegate.compareAndSetHead(expected, next);
    if (failCasAfterMove.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw injected("refs/head fsync");
    }
  }

  @Override
  public void putObject(ObjectKind kind, Multihash hash, byte[] bytes) {
    if (kind == ObjectKind.BLOCK) {
      if (failBlockWrites.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw injected("block write");
      }
      blockWrites.incrementAndGet();
    }
    delegate.putObject(kind, hash, bytes);
  }

  private static UncheckedIOException injected(String what) {
    return new UncheckedIOException(new IOException("injected failure: " + what));
  }

  @Override
  public URI location() {
    return delegate.location();
  }

  @Override
  public void init() {
    delegate.init();
  }

  @Override
  public void moveObjectIn(ObjectKind kind, Multihash hash, Path source) {
    delegate.moveObjectIn(kind, hash, source);
  }

  @Override
  public boolean containsObject(ObjectKind kind, Multihash hash) {
    return delegate.containsObject(kind, hash);
  }

  @Override
  public byte[] readObject(ObjectKind kind, Multihash hash) {
    return delegate.readObject(kind, hash);
  }

  @Override
  public InputStream openObject(ObjectKind kind, Multihash hash) {
    return delegate.openObject(kind, hash);
  }

  @Override
  public long objectSize(ObjectKind kind, Multihash hash) {
    return delegate.objectSize(kind, hash);
  }

  @Override
  public URI objectUri(ObjectKind kind, Multihash hash) {
    return delegate.objectUri(kind, hash);
  }

  @Override
  public boolean deleteObject(ObjectKind kind, Multihash hash) {
    return delegate.deleteObject(kind, hash);
  }

  @Override
  public Optional<Multihash> readHead() {
    return delegate.readHead();
  }

  @Override
  public Optional<DatasetAlias> readAlias() {
    return delegate.readAlias();
  }

  @Override
  public void writeAlias(DatasetAlias alias) {
    delegate.writeAlias(alias);
  }
}
