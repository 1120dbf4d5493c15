package org.odfbeam.core.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.odfbeam.core.identity.DatasetAlias;
import org.odfbeam.core.multiformats.Multicodec;
import org.odfbeam.core.multiformats.Multihash;

/**
 * A {@link DatasetStorage} on a local (or locally mounted, POSIX-rename-atomic) file system.
 *
 * <h2>Opening</h2>
 * <pre>{@code
 * DatasetStorage ds = LocalFsDatasetStorage.open("file:///data/my-dataset");   // or a plain path
 * ds.init();
 * Multihash block = ds.writeBlock(blockBytes);
 * ds.compareAndSetHead(null, block);                                           // first block
 * }</pre>
 *
 * <h2>Writes</h2>
 * Objects and {@code info/alias} are written to {@code .pending-<16 random alphanumerics>} in the same directory,
 * forced to disk and atomically renamed to their final name (format notes 1.2), so a reader never sees a partial file
 * under its final name. Putting an object whose file already exists does nothing.
 *
 * <h2>Head compare-and-swap</h2>
 * {@code refs/head} holds the multibase hash with no trailing newline. {@link #compareAndSetHead} takes an exclusive
 * lock on {@code refs/.head.lock} (a JVM-wide lock per file plus {@link FileChannel#lock()} for other processes on
 * this machine), reads and compares the head, stages the new value and renames it over {@code refs/head}. Two
 * concurrent CAS from the same expected value can therefore not both succeed, among threads and processes using this
 * class. Limits: kamu itself does <em>not</em> take this lock (its CAS is read-then-write, a TODO in
 * kamu-data/kamu-cli:src/odf/dataset-impl/src/entities/metadata_chain_ref_repo.rs), so never commit while kamu
 * writes the same directory; and {@code flock} is not reliable on some network file systems. The lock file is left
 * in place (deleting it would race); kamu ignores dot-files.
 */
public final class LocalFsDatasetStorage implements DatasetStorage {
  /** Name of the head ref lock file inside {@code refs/}. */
  public static final String HEAD_LOCK_FILE = ".head.lock";

  private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  private final Path root;

  /** A storage rooted at {@code root} (need not exist until {@link #init()}). */
  public LocalFsDatasetStorage(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /**
   * Opens a plain path or a {@code file:} URL.
   *
   * @throws IllegalArgumentException for another URI scheme
   */
  public static LocalFsDatasetStorage open(String pathOrFileUrl) {
    if (pathOrFileUrl.regionMatches(true, 0, "file:", 0, 5)) {
      return open(URI.create(pathOrFileUrl));
    }
    if (pathOrFileUrl.matches("^[a-zA-Z][a-zA-Z0-9+.-]+://.*")) {
      throw new IllegalArgumentException("Cannot open dataset '" + pathOrFileUrl
          + "': only local paths and file:// URLs are supported");
    }
    return new LocalFsDatasetStorage(Paths.get(pathOrFileUrl));
  }

  /** Opens a {@code file:} URI. @throws IllegalArgumentException for another scheme */
  public static LocalFsDatasetStorage open(URI uri) {
    if (!"file".equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException("Cannot open dataset '" + uri + "': only file:// URLs are supported");
    }
    return new LocalFsDatasetStorage(Paths.get(uri));
  }

  /** The dataset directory. */
  public Path root() {
    return root;
  }

  /** The local path of an object (it may not exist). */
  public Path objectPath(ObjectKind kind, Multihash hash) {
    return root.resolve(kind.directory()).resolve(hash.toString());
  }

  @Override
  public URI location() {
    String uri = root.toUri().toString();
    return URI.create(uri.endsWith("/") ? uri : uri + "/");
  }

  @Override
  public void init() {
    try {
      for (String dir : new String[] {"blocks", "data", "checkpoints", "refs", "info"}) {
        Files.createDirectories(root.resolve(dir));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot initialize dataset directory " + root + ": " + e, e);
    }
  }

  @Override
  public void putObject(ObjectKind kind, Multihash hash, byte[] bytes) {
    if (hash.codec() == Multicodec.SHA3_256 && !Multihash.sha3_256(bytes).equals(hash)) {
      throw new IllegalArgumentException("Cannot put " + kind.description() + " " + hash + ": content hashes to "
          + Multihash.sha3_256(bytes));
    }
    Path target = objectPath(kind, hash);
    if (Files.exists(target)) {
      return;
    }
    try {
      AtomicFiles.write(target, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + kind.description() + " " + target + ": " + e, e);
    }
  }

  @Override
  public void moveObjectIn(ObjectKind kind, Multihash hash, Path source) {
    Path target = objectPath(kind, hash);
    try {
      if (Files.exists(target)) {
        Files.delete(source);
        return;
      }
      AtomicFiles.moveIn(source, target);
    } catch (NoSuchFileException e) {
      throw new NoSuchObjectException("Cannot move " + source + " in as " + kind.description() + " " + hash
          + ": no such file " + e.getFile(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot move " + source + " to " + target + ": " + e, e);
    }
  }

  @Override
  public boolean containsObject(ObjectKind kind, Multihash hash) {
    return Files.isRegularFile(objectPath(kind, hash));
  }

  @Override
  public byte[] readObject(ObjectKind kind, Multihash hash) {
    Path p = objectPath(kind, hash);
    try {
      return Files.readAllBytes(p);
    } catch (NoSuchFileException e) {
      throw missing(kind, hash, p, e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + kind.description() + " " + p + ": " + e, e);
    }
  }

  @Override
  public InputStream openObject(ObjectKind kind, Multihash hash) {
    Path p = objectPath(kind, hash);
    try {
      return Files.newInputStream(p);
    } catch (NoSuchFileException e) {
      throw missing(kind, hash, p, e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open " + kind.description() + " " + p + ": " + e, e);
    }
  }

  @Override
  public long objectSize(ObjectKind kind, Multihash hash) {
    Path p = objectPath(kind, hash);
    try {
      return Files.size(p);
    } catch (NoSuchFileException e) {
      throw missing(kind, hash, p, e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot stat " + kind.description() + " " + p + ": " + e, e);
    }
  }

  @Override
  public URI objectUri(ObjectKind kind, Multihash hash) {
    return objectPath(kind, hash).toUri();
  }

  @Override
  public boolean deleteObject(ObjectKind kind, Multihash hash) {
    Path p = objectPath(kind, hash);
    try {
      return Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + kind.description() + " " + p + ": " + e, e);
    }
  }

  @Override
  public Optional<Multihash> readHead() {
    Path head = root.resolve("refs").resolve("head");
    String text;
    try {
      text = Files.readString(head, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + head + ": " + e, e);
    }
    try {
      return Optional.of(Multihash.parse(text)); // verbatim, like kamu's reference_repository_impl.rs
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("Cannot read refs/head of " + location() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void compareAndSetHead(Multihash expected, Multihash next) {
    Path refs = root.resolve("refs");
    Path lockFile = refs.resolve(HEAD_LOCK_FILE);
    ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(lockFile, k -> new ReentrantLock());
    jvmLock.lock();
    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = ch.lock()) {
      Multihash actual = readHead().orElse(null);
      if (!Objects.equals(actual, expected)) {
        throw new RefCasException(location().toString(), expected, actual);
      }
      AtomicFiles.write(refs.resolve("head"), next.toString().getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchFileException e) {
      throw new NoSuchObjectException("Cannot move refs/head of " + location() + ": no directory " + refs
          + " (call init() first)", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot move refs/head of " + location() + ": " + e, e);
    } finally {
      jvmLock.unlock();
    }
  }

  @Override
  public Optional<DatasetAlias> readAlias() {
    Path p = root.resolve("info").resolve("alias");
    try {
      return Optional.of(DatasetAlias.parse(Files.readString(p, StandardCharsets.UTF_8).strip()));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("Cannot read alias of " + location() + " from " + p + ": " + e.getMessage(), e);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + p + ": " + e, e);
    }
  }

  @Override
  public void writeAlias(DatasetAlias alias) {
    Path p = root.resolve("info").resolve("alias");
    try {
      AtomicFiles.write(p, alias.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + p + ": " + e, e);
    }
  }

  @Override
  public String toString() {
    return "LocalFsDatasetStorage(" + location() + ")";
  }

  private static NoSuchObjectException missing(ObjectKind kind, Multihash hash, Path p, Exception cause) {
    return new NoSuchObjectException(
        "Cannot read " + kind.description() + " " + hash + ": no such object at " + p, cause);
  }
}
