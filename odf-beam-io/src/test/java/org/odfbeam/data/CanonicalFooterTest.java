package org.odfbeam.data;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.values.Row;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.core.multiformats.Multihash;

/**
 * The bytes of a data file do not depend on the JVM run that wrote it: parquet-mr lists a column chunk's encodings
 * in {@code HashSet} order, which follows identity hash codes, so {@link CanonicalFooter} sorts those lists. Here a
 * file's footer is rewritten with every list reversed (what another JVM run may produce) and must come back to the
 * same bytes.
 */
class CanonicalFooterTest {
  @TempDir Path dir;

  private SliceFile write(String name, List<Row> rows) {
    try (SliceWriter.Session s = SliceWriter.of(TestRows.ALL_TYPES).withRowGroupRows(40).open(dir.resolve(name), 0)) {
      rows.forEach(s::write);
      return s.finish().orElseThrow();
    }
  }

  @Test
  void aFooterWithEncodingsInAnotherOrderIsRewrittenToTheSameBytes() throws IOException {
    SliceFile f = write("a.parquet", TestRows.allTypesRows(0, 100));
    byte[] canonical = Files.readAllBytes(f.file());
    FileMetaData footer = footer(canonical);
    int multi = 0;
    for (RowGroup group : footer.getRow_groups()) {
      for (ColumnChunk chunk : group.getColumns()) {
        List<Encoding> encodings = chunk.getMeta_data().getEncodings();
        List<Encoding> sorted = new ArrayList<>(encodings);
        sorted.sort((a, b) -> Integer.compare(a.getValue(), b.getValue()));
        assertThat(chunk.getMeta_data().getPath_in_schema() + " as written", encodings, equalTo(sorted));
        if (encodings.size() > 1) {
          multi++;
          Collections.reverse(encodings);
        }
      }
    }
    assertThat("column chunks with several encodings (else this test shows nothing)", multi, greaterThan(0));
    Path scrambled = dir.resolve("scrambled.parquet");
    Files.write(scrambled, withFooter(canonical, footer));
    assertThat(Arrays.equals(Files.readAllBytes(scrambled), canonical), is(false));

    assertThat(CanonicalFooter.apply(scrambled), greaterThan(4L));
    assertThat(Arrays.equals(Files.readAllBytes(scrambled), canonical), is(true));
  }

  /**
   * A footer rewritten after the bytes were streamed: the physical hash resumes from the digest before the last
   * chunk, or (footer begun in an earlier chunk) hashes the file again; either way it is the canonical file's.
   */
  @Test
  void thePhysicalHashIsThatOfTheRewrittenFileHoweverTheBytesWereStreamed() throws IOException {
    byte[] canonical = Files.readAllBytes(write("c.parquet", TestRows.allTypesRows(0, 30_000)).file());
    assertThat("several 256 KiB chunks", canonical.length, greaterThan(3 << 18));
    FileMetaData footer = footer(canonical);
    for (RowGroup group : footer.getRow_groups()) {
      for (ColumnChunk chunk : group.getColumns()) {
        Collections.reverse(chunk.getMeta_data().getEncodings());
      }
    }
    byte[] scrambled = withFooter(canonical, footer);
    int footerLength = ByteBuffer.wrap(scrambled, scrambled.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    int footerStart = scrambled.length - 8 - footerLength;
    Multihash expected = Multihash.sha3_256(canonical);
    int[][] patterns = {
        {1000},                       // small writes: chunks of 256 KiB, resumed before the last one
        {scrambled.length},           // one large write
        {footerStart + 10, 7},        // the footer begins before the last chunk: hashed again from the start
    };
    for (int[] pattern : patterns) {
      Path file = dir.resolve("stream-" + pattern[0] + ".parquet");
      HashingOutputFile out = new HashingOutputFile(file);
      try (var stream = out.create(0)) {
        int pos = 0;
        for (int i = 0; pos < scrambled.length; i++) {
          int n = Math.min(pattern[Math.min(i, pattern.length - 1)], scrambled.length - pos);
          stream.write(scrambled, pos, n);
          pos += n;
        }
      }
      out.finish();
      assertThat(Arrays.toString(pattern), Arrays.equals(Files.readAllBytes(file), canonical), is(true));
      assertThat(Arrays.toString(pattern), out.physicalHash(), equalTo(expected));
      assertThat(Arrays.toString(pattern), out.size(), is((long) canonical.length));
    }
  }

  @Test
  void theSliceDescribesTheFinishedFile() throws IOException {
    SliceFile f = write("b.parquet", TestRows.allTypesRows(0, 100));
    byte[] bytes = Files.readAllBytes(f.file());
    assertThat(f.slice().physicalHash(), equalTo(Multihash.sha3_256(bytes)));
    assertThat(f.slice().size(), is((long) bytes.length));
    assertThat("already canonical", CanonicalFooter.apply(f.file()), is(-1L));
    assertThat(Arrays.equals(Files.readAllBytes(f.file()), bytes), is(true));
  }

  @Test
  void aFileThatDoesNotEndLikeParquetIsAnErrorNamingIt() throws IOException {
    Path junk = Files.write(dir.resolve("junk.parquet"), new byte[64]);
    IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
        () -> CanonicalFooter.apply(junk));
    assertThat(e.getMessage().contains(junk.toString()), is(true));
  }

  private static FileMetaData footer(byte[] file) throws IOException {
    int length = ByteBuffer.wrap(file, file.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    return Util.readFileMetaData(new ByteArrayInputStream(file, file.length - 8 - length, length));
  }

  private static byte[] withFooter(byte[] file, FileMetaData footer) throws IOException {
    int length = ByteBuffer.wrap(file, file.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(file, 0, file.length - 8 - length);
    ByteArrayOutputStream meta = new ByteArrayOutputStream();
    Util.writeFileMetaData(footer, meta);
    out.write(meta.toByteArray());
    out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(meta.size()).array());
    out.write(file, file.length - 4, 4);
    return out.toByteArray();
  }
}
