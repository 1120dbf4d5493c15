package org.odfbeam.data;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;

/**
 * Makes a finished Parquet file's footer independent of the JVM run that wrote it, so that the same rows always
 * give the same bytes and therefore the same ODF physical hash.
 *
 * <p>parquet-mr collects the encodings of a column chunk in a {@code HashSet} of an enum, whose iteration order
 * follows identity hash codes and so changes from one JVM run to the next; the footer lists them in that order. This
 * class sorts every column chunk's {@code encodings} list by the encoding's Thrift value and rewrites the footer in
 * place when that changed anything. Everything else in the file stays as parquet-mr wrote it; the list holds the
 * same values, so readers (parquet-mr, arrow-rs) see the same file.
 */
final class CanonicalFooter {
  private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

  private CanonicalFooter() {}

  /**
   * Sorts the encoding lists of {@code file}'s footer; returns where the rewritten footer starts, or -1 if the file
   * was already canonical (and is unchanged). Bytes before that position are never touched.
   *
   * @throws IOException if the file cannot be read or written, or does not end like a Parquet file
   */
  static long apply(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = ch.size();
      if (size < 12) {
        throw new IOException("Not a Parquet file (" + size + " bytes): " + file);
      }
      ByteBuffer tail = read(ch, size - 8, 8).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < 4; i++) {
        if (tail.get(4 + i) != MAGIC[i]) {
          throw new IOException("Not a Parquet file (no PAR1 at its end): " + file);
        }
      }
      int length = tail.getInt(0);
      long start = size - 8 - length;
      if (length <= 0 || start < 4) {
        throw new IOException("Parquet footer length " + length + " does not fit the file size " + size + ": "
            + file);
      }
      FileMetaData footer = Util.readFileMetaData(new ByteArrayInputStream(read(ch, start, length).array()));
      if (!sortEncodings(footer)) {
        return -1;
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(length + 8);
      Util.writeFileMetaData(footer, bytes);
      int newLength = bytes.size();
      bytes.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(newLength).array());
      bytes.write(MAGIC);
      ch.truncate(start);
      ByteBuffer out = ByteBuffer.wrap(bytes.toByteArray());
      long pos = start;
      while (out.hasRemaining()) {
        pos += ch.write(out, pos);
      }
      return start;
    }
  }

  /** Sorts each column chunk's encodings by Thrift value; returns whether any list changed. */
  static boolean sortEncodings(FileMetaData footer) {
    boolean changed = false;
    if (footer.getRow_groups() == null) {
      return false;
    }
    for (RowGroup group : footer.getRow_groups()) {
      for (ColumnChunk chunk : group.getColumns()) {
        ColumnMetaData meta = chunk.getMeta_data();
        if (meta == null || meta.getEncodings() == null) {
          continue;
        }
        List<Encoding> sorted = new ArrayList<>(meta.getEncodings());
        sorted.sort(Comparator.comparingInt(Encoding::getValue));
        if (!sorted.equals(meta.getEncodings())) {
          meta.setEncodings(sorted);
          changed = true;
        }
      }
    }
    return changed;
  }

  private static ByteBuffer read(FileChannel ch, long position, int length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length);
    while (buf.hasRemaining()) {
      if (ch.read(buf, position + buf.position()) < 0) {
        throw new IOException("Unexpected end of file at " + (position + buf.position()));
      }
    }
    buf.flip();
    return buf;
  }
}
