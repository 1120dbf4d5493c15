package org.odfbeam.core.model;

import java.util.Objects;

import org.odfbeam.core.multiformats.Multihash;

/**
 * Describes a checkpoint produced by an engine
 *
 * @param physicalHash Hash sum of the checkpoint file.
 * @param size Size of checkpoint file in bytes.
 */
public record Checkpoint(
    Multihash physicalHash,
    long size) {
  /** Checks required fields and copies lists. */
  public Checkpoint {
    Objects.requireNonNull(physicalHash, "Checkpoint.physicalHash is required");
  }
}
