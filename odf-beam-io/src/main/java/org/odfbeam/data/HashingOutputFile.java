package org.odfbeam.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.odfbeam.core.multiformats.Multicodec;
import org.odfbeam.core.multiformats.Multihash;

/**
 * A local Parquet {@link OutputFile} that computes the SHA3-256 of every byte written (the ODF physical hash) and
 * counts them, so no second pass over the file is needed. The file must not exist yet. Single use.
 *
 * <p>{@link #finish()}, after the writer closed the stream, makes the footer canonical ({@link CanonicalFooter}).
 * When that rewrote the footer, hashing resumes from a copy of the digest taken before the stream's last chunk, so
 * only that chunk (at most 256 KiB plus the footer) is read back; a footer that began in an earlier chunk makes it
 * hash the whole file again.
 */
final class HashingOutputFile implements OutputFile {
  private final Path path;
  private final MessageDigest sha3;
  private HashingStream stream;
  private Multihash physicalHash;
  private long finalSize = -1;
  // The digest before the latest chunk was hashed, and where that chunk starts (see finish()).
  private MessageDigest lastChunk;
  private long lastChunkStart;

  HashingOutputFile(Path path) {
    this.path = path;
    try {
      this.sha3 = MessageDigest.getInstance("SHA3-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK lacks SHA3-256", e);
    }
  }

  @Override
  public PositionOutputStream create(long blockSizeHint) throws IOException {
    if (stream != null) {
      throw new IllegalStateException("Cannot create " + path + " twice");
    }
    stream = new HashingStream(Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    return stream;
  }

  @Override
  public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
    return create(blockSizeHint);
  }

  @Override
  public boolean supportsBlockSize() {
    return false;
  }

  @Override
  public long defaultBlockSize() {
    return 0;
  }

  @Override
  public String getPath() {
    return path.toString();
  }

  /** Bytes written so far; after {@link #finish()}, the file's size. */
  long size() {
    return finalSize >= 0 ? finalSize : stream == null ? 0 : stream.pos;
  }

  /**
   * Completes the file after the writer closed the stream: makes its footer canonical and fixes its physical hash
   * and size.
   */
  void finish() throws IOException {
    if (physicalHash != null) {
      return;
    }
    long footerStart = CanonicalFooter.apply(path);
    byte[] digest;
    if (footerStart < 0) {
      digest = sha3.digest();
    } else {
      MessageDigest resumed;
      long from;
      if (lastChunk != null && lastChunkStart <= footerStart) {
        resumed = lastChunk;
        from = lastChunkStart;
      } else {
        resumed = sha3;
        resumed.reset();
        from = 0;
      }
      byte[] buf = new byte[1 << 18];
      try (var in = Files.newInputStream(path)) {
        in.skipNBytes(from);
        for (int n; (n = in.read(buf)) > 0; ) {
          resumed.update(buf, 0, n);
        }
      }
      digest = resumed.digest();
    }
    finalSize = Files.size(path);
    physicalHash = Multihash.ofDigest(Multicodec.SHA3_256, digest);
  }

  /** The physical hash; only after {@link #finish()}. */
  Multihash physicalHash() {
    if (physicalHash == null) {
      throw new IllegalStateException("The physical hash of " + path + " is known only after finish()");
    }
    return physicalHash;
  }

  /**
   * Collects writes in a 256 KiB buffer; each full buffer is hashed and written in one call (parquet-mr makes many
   * small writes: page headers, footer fields), so both the digest and the file see large chunks.
   */
  private final class HashingStream extends PositionOutputStream {
    private static final int BUFFER = 1 << 18;
    private final OutputStream out;
    private final byte[] buf = new byte[BUFFER];
    private int count;
    private long pos;

    HashingStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public long getPos() {
      return pos;
    }

    @Override
    public void write(int b) throws IOException {
      if (count == BUFFER) {
        drain();
      }
      buf[count++] = (byte) b;
      pos++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len >= BUFFER) {
        drain();
        remember(pos);
        sha3.update(b, off, len);
        out.write(b, off, len);
      } else {
        if (len > BUFFER - count) {
          drain();
        }
        System.arraycopy(b, off, buf, count, len);
        count += len;
      }
      pos += len;
    }

    private void drain() throws IOException {
      if (count > 0) {
        remember(pos - count);
        sha3.update(buf, 0, count);
        out.write(buf, 0, count);
        count = 0;
      }
    }

    private void remember(long chunkStart) {
      try {
        lastChunk = (MessageDigest) sha3.clone();
        lastChunkStart = chunkStart;
      } catch (CloneNotSupportedException e) {
        lastChunk = null; // finish() then hashes the whole file again if it rewrites the footer
      }
    }

    @Override
    public void flush() throws IOException {
      drain();
      out.flush();
    }

    @Override
    public void close() throws IOException {
      try {
        drain();
      } finally {
        out.close();
      }
    }
  }
}
