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
 */
final class HashingOutputFile implements OutputFile {
  private final Path path;
  private final MessageDigest sha3;
  private HashingStream stream;

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

  /** Bytes written so far. */
  long size() {
    return stream == null ? 0 : stream.pos;
  }

  /** The physical hash; only after the stream is closed. */
  Multihash physicalHash() {
    return Multihash.ofDigest(Multicodec.SHA3_256, sha3.digest());
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
        sha3.update(buf, 0, count);
        out.write(buf, 0, count);
        count = 0;
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
