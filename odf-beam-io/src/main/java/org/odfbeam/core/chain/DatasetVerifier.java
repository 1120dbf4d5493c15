package org.odfbeam.core.chain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.odfbeam.core.chain.VerificationReport.Problem;
import org.odfbeam.core.codec.MetadataBlockCodec;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.storage.DatasetStorage;

/**
 * Full verification of a stored dataset, what {@code odf verify} prints (kamu's {@code kamu verify}
 * plus, with {@link #withDataSliceCheck}, checks kamu only runs for derivative datasets such as logical hashes).
 *
 * <p>Walks the chain from {@code refs/head} to the Seed and:
 * <ol>
 *   <li>re-hashes every block file and compares it with its file name;
 *   <li>checks prev links and every append rule ({@link ChainValidator}) in one forward pass;
 *   <li>checks every data and checkpoint file the blocks declare: present, declared size, and
 *       physical hash (sha3-256 of the file bytes, streamed).
 * </ol>
 * It never stops at the first problem. Only a block that is missing, undecodable or part of a cycle
 * ends the walk (older blocks cannot be reached); chain rules are then not checked, since they need
 * the chain from the Seed, but the files of the reachable blocks still are.
 * <pre>{@code
 * VerificationReport report = new DatasetVerifier(LocalFsDatasetStorage.open("/data/ds")).verify();
 * report.problems().forEach(System.out::println);
 * System.out.println(report.summary());
 * }</pre>
 */
public final class DatasetVerifier {
  private final DatasetStorage storage;
  private final List<DataSliceCheck> sliceChecks;

  /** A verifier for one dataset. */
  public DatasetVerifier(DatasetStorage storage) {
    this(storage, List.of());
  }

  private DatasetVerifier(DatasetStorage storage, List<DataSliceCheck> sliceChecks) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.sliceChecks = List.copyOf(sliceChecks);
  }

  /**
   * A verifier that also runs {@code check} on every distinct data file that exists (e.g. a logical
   * hash recomputation); its problems are attributed to the block declaring the slice.
   */
  public DatasetVerifier withDataSliceCheck(DataSliceCheck check) {
    Objects.requireNonNull(check, "withDataSliceCheck() needs a check, but was null");
    List<DataSliceCheck> checks = new ArrayList<>(sliceChecks);
    checks.add(check);
    return new DatasetVerifier(storage, checks);
  }

  /** Runs all checks; throws only for unexpected I/O errors outside the checked files. */
  public VerificationReport verify() {
    List<Problem> problems = new ArrayList<>();
    Optional<Multihash> head;
    try {
      head = storage.readHead();
    } catch (RuntimeException e) {
      problems.add(new Problem(null, null, "Cannot read refs/head: " + e.getMessage()));
      return new VerificationReport(problems, 0, 0, 0, 0);
    }
    if (head.isEmpty()) {
      problems.add(new Problem(null, null, "Dataset has no refs/head (no blocks)"));
      return new VerificationReport(problems, 0, 0, 0, 0);
    }
    ChainWalk walk = ChainWalk.from(storage, head.get());
    ObjectVerifier objects = new ObjectVerifier(storage, sliceChecks);
    problems.addAll(walk.stopProblems());
    ChainState state = ChainState.empty();
    for (ChainWalk.Entry entry : walk.oldestFirst()) {
      problems.addAll(entry.problems());
      MetadataBlock block = entry.block();
      if (walk.complete()) {
        try {
          ChainValidator.validate(state, entry.hash(), block);
        } catch (InvalidBlockException e) {
          problems.add(problem(entry, e.reason()));
        }
        state.advance(entry.hash(), block); // carry on to report later problems too
      }
      for (String message : objects.check(block)) {
        problems.add(problem(entry, message));
      }
    }
    return new VerificationReport(problems, walk.oldestFirst().size(), objects.dataFiles(),
        objects.checkpointFiles(), walk.bytes() + objects.bytes());
  }

  private static Problem problem(ChainWalk.Entry entry, String message) {
    return new Problem(entry.block().sequenceNumber(), entry.hash(), message);
  }

  /** The blocks reachable from the head, with per-block read problems. */
  record ChainWalk(List<Entry> oldestFirst, List<Problem> stopProblems, boolean complete,
      long bytes) {

    record Entry(Multihash hash, MetadataBlock block, List<Problem> problems) {}

    static ChainWalk from(DatasetStorage storage, Multihash head) {
      List<Entry> newestFirst = new ArrayList<>();
      List<Problem> stop = new ArrayList<>();
      Set<Multihash> seen = new HashSet<>();
      long bytes = 0;
      Multihash hash = head;
      String referrer = "refs/head";
      while (hash != null) {
        if (!seen.add(hash)) {
          stop.add(new Problem(null, hash, "Block is referenced again by " + referrer
              + " (cycle in prevBlockHash links); cannot walk further"));
          break;
        }
        byte[] bytesRead;
        try {
          bytesRead = storage.readBlock(hash);
        } catch (RuntimeException e) {
          stop.add(new Problem(null, hash, "Block referenced by " + referrer
              + " cannot be read; cannot walk further: " + e.getMessage()));
          break;
        }
        bytes += bytesRead.length;
        List<Problem> problems = new ArrayList<>();
        Multihash actual = MetadataBlockCodec.hash(bytesRead);
        MetadataBlock block;
        try {
          block = MetadataBlockCodec.decode(bytesRead);
        } catch (RuntimeException e) {
          stop.add(new Problem(null, hash, "Block file is corrupt (hash " + actual
              + ") and cannot be decoded; cannot walk further: " + e.getMessage()));
          break;
        }
        if (!actual.equals(hash)) {
          problems.add(new Problem(block.sequenceNumber(), hash, "Block file content hashes to "
              + actual + " (expected " + hash + ", its file name)"));
        }
        newestFirst.add(new Entry(hash, block, problems));
        referrer = "block " + block.sequenceNumber() + " " + hash;
        hash = block.prevBlockHash();
      }
      List<Entry> oldestFirst = new ArrayList<>(newestFirst.size());
      for (int i = newestFirst.size() - 1; i >= 0; i--) {
        oldestFirst.add(newestFirst.get(i));
      }
      return new ChainWalk(oldestFirst, stop, stop.isEmpty(), bytes);
    }
  }
}
