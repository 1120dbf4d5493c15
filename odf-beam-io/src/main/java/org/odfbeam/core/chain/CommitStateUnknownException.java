package org.odfbeam.core.chain;

import org.odfbeam.core.multiformats.Multihash;

/**
 * An append failed after its block file(s) were written, and it is unknown whether {@code refs/head}
 * was moved: the ref write may have reached the disk before the I/O error surfaced.
 *
 * <p>Contract (as Iceberg's {@code CommitStateUnknownException} for {@code TableOperations.commit}):
 * <ul>
 *   <li><b>Do not clean up.</b> Never delete the block, data or checkpoint files of this append: the
 *       head may already point at them, and deleting them would corrupt the dataset. Unreferenced
 *       files are harmless (readers only follow {@code refs/head}).
 *   <li><b>Resolve by reading the head.</b> Re-read the chain: if {@link #blockHash()} is the head
 *       (or an ancestor of it) the commit succeeded; otherwise it did not, and the caller may retry the
 *       append against the new head.
 * </ul>
 * The cause is always attached.
 */
public final class CommitStateUnknownException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Multihash blockHash;

  CommitStateUnknownException(String message, Multihash blockHash, Throwable cause) {
    super(message, cause);
    this.blockHash = blockHash;
  }

  /** Hash of the last block the failed append wrote (the intended new head). */
  public Multihash blockHash() {
    return blockHash;
  }
}
