package org.odfbeam.core.chain;

import java.util.List;
import java.util.Objects;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.multiformats.Multihash;

/**
 * Result of {@link DatasetVerifier#verify()}: every problem found, plus counts for a summary line.
 *
 * @param problems in chain order (oldest block first); empty if the dataset is valid
 * @param blocks number of block files read
 * @param dataFiles number of distinct data files checked
 * @param checkpointFiles number of distinct checkpoint files checked
 * @param bytesChecked bytes of block, data and checkpoint files hashed
 */
public record VerificationReport(
    List<Problem> problems, long blocks, long dataFiles, long checkpointFiles, long bytesChecked) {
  public VerificationReport {
    problems = List.copyOf(Objects.requireNonNull(problems, "VerificationReport.problems"));
  }

  /** One problem, attributed to the block it belongs to when known. */
  public record Problem(@Nullable Long sequenceNumber, @Nullable Multihash blockHash, String message) {
    public Problem {
      Objects.requireNonNull(message, "Problem.message");
    }

    /** {@code block 3 f1620…: message}, or just the message if no block is known. */
    @Override
    public String toString() {
      if (blockHash == null) {
        return message;
      }
      return "block " + (sequenceNumber == null ? "?" : sequenceNumber) + " " + blockHash + ": "
          + message;
    }
  }

  /** True if no problem was found. */
  public boolean isValid() {
    return problems.isEmpty();
  }

  /** e.g. {@code "Verified 12 blocks, 5 data files, 1 checkpoints, 10240 bytes: OK"}. */
  public String summary() {
    return "Verified " + blocks + " blocks, " + dataFiles + " data files, " + checkpointFiles
        + " checkpoints, " + bytesChecked + " bytes: "
        + (problems.isEmpty() ? "OK" : problems.size() + " problem(s)");
  }
}
