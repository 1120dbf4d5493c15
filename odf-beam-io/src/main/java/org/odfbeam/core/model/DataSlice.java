package org.odfbeam.core.model;

import java.util.Objects;

import org.odfbeam.core.multiformats.Multihash;

/**
 * Describes a slice of data added to a dataset or produced via transformation
 *
 * @param logicalHash Logical hash sum of the data in this slice.
 * @param physicalHash Hash sum of the data part file.
 * @param offsetInterval Data slice produced by the transaction.
 * @param size Size of data file in bytes.
 */
public record DataSlice(
    Multihash logicalHash,
    Multihash physicalHash,
    OffsetInterval offsetInterval,
    long size) {
  /** Checks required fields and copies lists. */
  public DataSlice {
    Objects.requireNonNull(logicalHash, "DataSlice.logicalHash is required");
    Objects.requireNonNull(physicalHash, "DataSlice.physicalHash is required");
    Objects.requireNonNull(offsetInterval, "DataSlice.offsetInterval is required");
  }
}
