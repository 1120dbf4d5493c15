package org.odfbeam.core.chain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.odfbeam.core.model.Checkpoint;
import org.odfbeam.core.model.DataEvent;
import org.odfbeam.core.model.DataSlice;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.multiformats.Multicodec;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.storage.DatasetStorage;
import org.odfbeam.core.storage.ObjectKind;

/** Checks data and checkpoint files: present, declared size, physical hash; each file once. */
final class ObjectVerifier {
  private final DatasetStorage storage;
  private final List<DataSliceCheck> sliceChecks;
  private final Set<Multihash> checkedData = new HashSet<>();
  private final Set<Multihash> checkedCheckpoints = new HashSet<>();
  private long bytes;

  ObjectVerifier(DatasetStorage storage, List<DataSliceCheck> sliceChecks) {
    this.storage = storage;
    this.sliceChecks = sliceChecks;
  }

  /** Problems with the files {@code block} declares (files already checked are skipped). */
  List<String> check(MetadataBlock block) {
    List<String> problems = new ArrayList<>();
    if (!(block.event() instanceof DataEvent event)) {
      return problems;
    }
    DataSlice data = event.newData();
    Checkpoint checkpoint = event.newCheckpoint();
    if (data != null && checkedData.add(data.physicalHash())
        && checkFile(ObjectKind.DATA, data.physicalHash(), data.size(), problems)) {
      for (DataSliceCheck check : sliceChecks) {
        String problem;
        try {
          problem = check.check(storage, data);
        } catch (RuntimeException e) {
          problem = "data file " + data.physicalHash() + " cannot be checked: " + e.getMessage();
        }
        if (problem != null) {
          problems.add(problem);
        }
      }
    }
    if (checkpoint != null && checkedCheckpoints.add(checkpoint.physicalHash())) {
      checkFile(ObjectKind.CHECKPOINT, checkpoint.physicalHash(), checkpoint.size(), problems);
    }
    return problems;
  }

  long dataFiles() {
    return checkedData.size();
  }

  long checkpointFiles() {
    return checkedCheckpoints.size();
  }

  long bytes() {
    return bytes;
  }

  /** Checks presence, size and physical hash; returns whether the file exists and is readable. */
  private boolean checkFile(ObjectKind kind, Multihash hash, long declaredSize, List<String> problems) {
    String what = kind.description() + " " + hash;
    if (!storage.containsObject(kind, hash)) {
      problems.add(what + " is missing (expected " + storage.objectUri(kind, hash) + ")");
      return false;
    }
    long size = storage.objectSize(kind, hash);
    if (size != declaredSize) {
      problems.add(what + " has size " + size + " (expected " + declaredSize + ")");
    }
    Multihash actual;
    try {
      actual = physicalHash(kind, hash);
    } catch (UncheckedIOException e) {
      problems.add(what + " cannot be read: " + e.getMessage());
      return false;
    }
    if (!actual.equals(hash)) {
      problems.add(what + " content hashes to " + actual + " (expected " + hash + ")");
    }
    return true;
  }

  private Multihash physicalHash(ObjectKind kind, Multihash hash) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA3-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA3-256 is required by Java 17", e);
    }
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = storage.openObject(kind, hash)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
        bytes += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + kind.description() + " " + hash, e);
    }
    return Multihash.ofDigest(Multicodec.SHA3_256, md.digest());
  }
}
