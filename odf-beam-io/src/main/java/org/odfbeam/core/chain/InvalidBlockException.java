package org.odfbeam.core.chain;

import org.odfbeam.core.multiformats.Multihash;

/**
 * A block breaks one of the metadata chain rules that kamu-cli enforces on append
 * (kamu-data/kamu-cli:src/odf/dataset-impl/src/entities/metadata_chain_validators.rs).
 *
 * <p>Thrown by {@link MetadataChain#append} <em>before anything is written</em>: the chain and
 * {@code refs/head} are untouched and retrying the same block fails the same way. Each rule has its
 * own subclass so callers can react to a specific violation; the message always reads
 * {@code "Cannot append block <seq> <hash> to <dataset>: <reason>"} and names the offending values.
 * {@link DatasetVerifier} reports the same exceptions' {@link #reason()} for stored blocks.
 */
public class InvalidBlockException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long sequenceNumber;
  private final transient Multihash blockHash;
  private final String dataset;
  private final String reason;

  InvalidBlockException(BlockContext block, String reason) {
    super("Cannot append block " + block.sequenceNumber() + " " + block.hash() + " to "
        + block.dataset() + ": " + reason);
    this.sequenceNumber = block.sequenceNumber();
    this.blockHash = block.hash();
    this.dataset = block.dataset();
    this.reason = reason;
  }

  /** Sequence number the rejected block declares. */
  public long sequenceNumber() {
    return sequenceNumber;
  }

  /** Hash of the rejected block's encoded bytes. */
  public Multihash blockHash() {
    return blockHash;
  }

  /** The dataset (its {@code did:odf:} id when known) the block was appended to. */
  public String dataset() {
    return dataset;
  }

  /** The kamu-like reason without the "Cannot append block …" prefix. */
  public String reason() {
    return reason;
  }

  /** Identifies the block under validation in messages. */
  record BlockContext(long sequenceNumber, Multihash hash, String dataset) {}
}
