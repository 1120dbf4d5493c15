package org.odfbeam.core.storage;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.odfbeam.core.identity.DatasetAlias;
import org.odfbeam.core.multiformats.Multihash;

/**
 * Storage of one ODF dataset directory (format notes 1.1, kamu-data/kamu-cli:src/odf/dataset/src/entities/dataset_layout.rs):
 *
 * <pre>
 * blocks/&lt;hash&gt;        metadata blocks           data/&lt;hash&gt;   Parquet data files
 * checkpoints/&lt;hash&gt;   checkpoint files          refs/head      multibase head block hash, no newline
 * info/alias           {@code name} or {@code account/name}
 * </pre>
 *
 * <h2>Guarantees</h2>
 * Objects are immutable and content-addressed: a put never exposes a partially written object under its final name,
 * and putting an existing object is a no-op. {@link #compareAndSetHead} is atomic with respect to every other caller
 * of this interface (see the implementation for the scope). Readers should only follow {@code refs/head}; commit in
 * kamu's order: data, checkpoint, block, then head.
 *
 * <h2>Errors</h2>
 * Unchecked: {@link NoSuchObjectException} for missing objects, {@link RefCasException} when the head moved,
 * {@link java.io.UncheckedIOException} for I/O failures, {@link IllegalArgumentException} for a hash that does not
 * match the bytes given.
 */
public interface DatasetStorage {
  /** Where the dataset lives, e.g. {@code file:///data/ds/}; used in messages. */
  URI location();

  /** Creates {@code blocks/}, {@code data/}, {@code checkpoints/}, {@code refs/} and {@code info/} if missing. */
  void init();

  /**
   * Stores {@code bytes} as the object {@code hash} of the given kind; no-op if it already exists.
   *
   * @throws IllegalArgumentException if {@code hash} is not the SHA3-256 multihash of {@code bytes}
   */
  void putObject(ObjectKind kind, Multihash hash, byte[] bytes);

  /**
   * Moves an existing local file in as object {@code hash} (the caller vouches for the hash; it is not recomputed).
   * The source is gone afterwards, also when the object already existed.
   */
  void moveObjectIn(ObjectKind kind, Multihash hash, Path source);

  /** True if the object exists. */
  boolean containsObject(ObjectKind kind, Multihash hash);

  /** Reads a whole object. @throws NoSuchObjectException naming the path if missing */
  byte[] readObject(ObjectKind kind, Multihash hash);

  /** Opens an object for streaming; the caller closes it. @throws NoSuchObjectException if missing */
  InputStream openObject(ObjectKind kind, Multihash hash);

  /** Size of an object in bytes. @throws NoSuchObjectException if missing */
  long objectSize(ObjectKind kind, Multihash hash);

  /** The URI of an object (it may not exist), e.g. for handing a data file to a Parquet reader. */
  URI objectUri(ObjectKind kind, Multihash hash);

  /** Deletes an object if present (cleanup of an abandoned commit); returns whether it existed. */
  boolean deleteObject(ObjectKind kind, Multihash hash);

  /** The current head block hash; empty for a dataset without blocks. */
  Optional<Multihash> readHead();

  /**
   * Moves {@code refs/head} from {@code expected} to {@code next} atomically.
   *
   * @param expected the head the caller built on, or {@code null} if it expects no head (first block)
   * @param next the new head
   * @throws RefCasException if the head is not {@code expected}; the ref is unchanged
   */
  void compareAndSetHead(Multihash expected, Multihash next);

  /** The alias in {@code info/alias} (whitespace-trimmed), if present. */
  Optional<DatasetAlias> readAlias();

  /** Replaces {@code info/alias} atomically. */
  void writeAlias(DatasetAlias alias);

  // ---- Convenience, by object kind ------------------------------------------------------------------------------

  /** Stores a block, computing its hash; returns the hash. */
  default Multihash writeBlock(byte[] bytes) {
    Multihash hash = Multihash.sha3_256(bytes);
    putObject(ObjectKind.BLOCK, hash, bytes);
    return hash;
  }

  /** Stores a block under a hash the caller computed. @throws IllegalArgumentException if it does not match */
  default void writeBlock(Multihash hash, byte[] bytes) {
    putObject(ObjectKind.BLOCK, hash, bytes);
  }

  /** Reads a block's bytes. @throws NoSuchObjectException if missing */
  default byte[] readBlock(Multihash hash) {
    return readObject(ObjectKind.BLOCK, hash);
  }

  /** True if the block exists. */
  default boolean containsBlock(Multihash hash) {
    return containsObject(ObjectKind.BLOCK, hash);
  }

  /** Stores a data file's bytes, computing the physical hash; returns it. */
  default Multihash putData(byte[] bytes) {
    Multihash hash = Multihash.sha3_256(bytes);
    putObject(ObjectKind.DATA, hash, bytes);
    return hash;
  }

  /** Moves a local data file in under its physical hash. */
  default void moveDataIn(Multihash physicalHash, Path source) {
    moveObjectIn(ObjectKind.DATA, physicalHash, source);
  }

  /** Opens a data file. @throws NoSuchObjectException if missing */
  default InputStream openData(Multihash physicalHash) {
    return openObject(ObjectKind.DATA, physicalHash);
  }

  /** Size of a data file. @throws NoSuchObjectException if missing */
  default long dataSize(Multihash physicalHash) {
    return objectSize(ObjectKind.DATA, physicalHash);
  }

  /** Stores a checkpoint's bytes, computing the physical hash; returns it. */
  default Multihash putCheckpoint(byte[] bytes) {
    Multihash hash = Multihash.sha3_256(bytes);
    putObject(ObjectKind.CHECKPOINT, hash, bytes);
    return hash;
  }

  /** Moves a local checkpoint file in under its physical hash. */
  default void moveCheckpointIn(Multihash physicalHash, Path source) {
    moveObjectIn(ObjectKind.CHECKPOINT, physicalHash, source);
  }

  /** Opens a checkpoint. @throws NoSuchObjectException if missing */
  default InputStream openCheckpoint(Multihash physicalHash) {
    return openObject(ObjectKind.CHECKPOINT, physicalHash);
  }

  /** Size of a checkpoint. @throws NoSuchObjectException if missing */
  default long checkpointSize(Multihash physicalHash) {
    return objectSize(ObjectKind.CHECKPOINT, physicalHash);
  }
}
