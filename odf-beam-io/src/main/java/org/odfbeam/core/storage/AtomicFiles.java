package org.odfbeam.core.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Staged writes as kamu does them (kamu-data/kamu-cli:src/odf/storage-lfs/src/repos/*.rs): write
 * {@code .pending-<16 random alphanumerics>} in the target's directory, flush it to disk, then rename it to the final
 * name. Dot-prefixed files are ignored by kamu, so a crash leaves only invisible garbage.
 */
final class AtomicFiles {
  static final String PENDING_PREFIX = ".pending-";
  private static final String ALPHANUMERICS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private AtomicFiles() {}

  /** A fresh staging path next to {@code target}. */
  static Path pendingPath(Path target) {
    StringBuilder sb = new StringBuilder(PENDING_PREFIX);
    for (int i = 0; i < 16; i++) {
      sb.append(ALPHANUMERICS.charAt(RANDOM.nextInt(ALPHANUMERICS.length())));
    }
    return target.resolveSibling(sb.toString());
  }

  /** Writes {@code bytes} to a new staging file next to {@code target} and forces it to disk. */
  static Path stage(Path target, byte[] bytes) throws IOException {
    while (true) {
      Path pending = pendingPath(target);
      try (FileChannel ch = FileChannel.open(pending, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
        return pending;
      } catch (FileAlreadyExistsException collision) {
        // 62^16 names: practically never; pick another one.
      } catch (IOException e) {
        Files.deleteIfExists(pending);
        throw e;
      }
    }
  }

  /** Atomically renames {@code pending} to {@code target}, replacing it; deletes the staging file on failure. */
  static void commit(Path pending, Path target) throws IOException {
    try {
      Files.move(pending, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(pending);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /** Stages and commits: {@code target} holds either its old content or all of {@code bytes}. */
  static void write(Path target, byte[] bytes) throws IOException {
    commit(stage(target, bytes), target);
  }

  /**
   * Moves a complete local file to {@code target}: a direct atomic rename when on the same file system, otherwise a
   * copy to a staging file, rename, and deletion of the source.
   */
  static void moveIn(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return;
    } catch (AtomicMoveNotSupportedException crossDevice) {
      // fall through to copy
    }
    Path pending = pendingPath(target);
    try {
      Files.copy(source, pending);
      try (FileChannel ch = FileChannel.open(pending, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(pending);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    commit(pending, target);
    Files.deleteIfExists(source);
  }
}
