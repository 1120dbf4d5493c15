package org.odfbeam.pipelines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.codec.MetadataBlockCodec;
import org.odfbeam.core.identity.DatasetIdentity;
import org.odfbeam.core.model.DatasetKind;
import org.odfbeam.core.model.DatasetSnapshot;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.model.MetadataEvent;
import org.odfbeam.core.model.Seed;
import org.odfbeam.core.model.SetTransform;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.core.yaml.DatasetSnapshotValidator;
import org.odfbeam.core.yaml.ManifestYaml;

/** Reading {@code DatasetSnapshot} manifests and creating datasets from them, as {@code kamu add} does. */
public final class Manifests {
  private Manifests() {}

  /**
   * Reads and validates the manifest at {@code file} (kamu's {@code add} rules).
   *
   * @throws IllegalArgumentException naming the file, and the field and line of the problem
   */
  public static DatasetSnapshot read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read manifest " + file + ": " + e.getMessage(), e);
    }
    try {
      return DatasetSnapshotValidator.normalize(ManifestYaml.readSnapshot(text));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Invalid manifest " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Creates the root dataset of {@code snapshot} in {@code directory} if it has no blocks yet: {@code Seed} with a
   * new {@code did:odf}, then the manifest's events in manifest order (as kamu-cli does), all at
   * {@code systemTime}, and {@code info/alias}. Returns whether it created the dataset.
   */
  public static boolean createRootIfAbsent(String directory, DatasetSnapshot snapshot, Instant systemTime) {
    if (snapshot.kind() != DatasetKind.ROOT) {
      throw new IllegalArgumentException("Cannot create " + snapshot.name() + " as a root dataset: its manifest is"
          + " of kind " + snapshot.kind());
    }
    LocalFsDatasetStorage storage = LocalFsDatasetStorage.open(directory);
    if (storage.readHead().isPresent()) {
      return false;
    }
    storage.init();
    List<MetadataEvent> events = new ArrayList<>();
    events.add(new Seed(DatasetIdentity.generate().id(), DatasetKind.ROOT));
    events.addAll(snapshot.metadata());
    Instant t = systemTime.truncatedTo(ChronoUnit.MILLIS);
    List<MetadataBlock> blocks = new ArrayList<>();
    Multihash prev = null;
    long seq = 0;
    for (MetadataEvent e : events) {
      MetadataBlock block = new MetadataBlock(t, prev, seq++, e);
      prev = MetadataBlockCodec.hash(MetadataBlockCodec.encode(block));
      blocks.add(block);
    }
    new MetadataChain(storage).append(blocks);
    storage.writeAlias(snapshot.name());
    return true;
  }

  /** The {@code SetTransform} of a derivative manifest. */
  public static SetTransform transformOf(DatasetSnapshot snapshot, Path file) {
    if (snapshot.kind() != DatasetKind.DERIVATIVE) {
      throw new IllegalArgumentException("Manifest " + file + " is of kind " + snapshot.kind()
          + "; a transform needs a Derivative dataset");
    }
    return snapshot.metadata().stream().filter(SetTransform.class::isInstance).map(SetTransform.class::cast)
        .findFirst().orElseThrow(() -> new IllegalArgumentException("Manifest " + file
            + " has no SetTransform event (content.metadata)"));
  }

  /** Creates {@code dir} and its parents, with a message naming it on failure. */
  static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create directory " + dir + ": " + e.getMessage(), e);
    }
  }
}
