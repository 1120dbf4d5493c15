package org.odfbeam.core.storage;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyArray;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.core.identity.DatasetAlias;
import org.odfbeam.core.multiformats.Multihash;

class LocalFsDatasetStorageTest {
  @TempDir Path dir;
  LocalFsDatasetStorage ds;

  @BeforeEach
  void setUp() {
    ds = new LocalFsDatasetStorage(dir.resolve("ds"));
    ds.init();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private String[] dotFiles(String sub) throws Exception {
    try (Stream<Path> s = Files.list(ds.root().resolve(sub))) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".pending-")).toArray(String[]::new);
    }
  }

  @Test
  void initCreatesAllFiveDirectories() {
    for (String d : new String[] {"blocks", "data", "checkpoints", "refs", "info"}) {
      assertThat(d, Files.isDirectory(ds.root().resolve(d)), equalTo(true));
    }
    ds.init(); // idempotent
  }

  @Test
  void blocksAreStoredUnderTheirMultibaseHash() throws Exception {
    Multihash h = ds.writeBlock(ascii("multihash"));
    // kamu-data/kamu-cli:src/utils/multiformats/tests/tests/test_multihash.rs test_as_multibase
    assertThat(h.toString(), equalTo("f162008c3792b2a4deed1bd7ea2328fb5de5531eccf0fbfa04a7d800cdc267137c635"));
    assertArrayEquals(ascii("multihash"), Files.readAllBytes(ds.root().resolve("blocks").resolve(h.toString())));
    assertArrayEquals(ascii("multihash"), ds.readBlock(h));
    assertThat(ds.containsBlock(h), equalTo(true));
    ds.writeBlock(h, ascii("multihash")); // existing: no-op
    assertThat(dotFiles("blocks"), emptyArray());
  }

  @Test
  void rejectsBytesThatDoNotMatchTheHash() {
    Multihash h = Multihash.sha3_256(ascii("a"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ds.writeBlock(h, ascii("b")));
    assertThat(e.getMessage(), containsString("Cannot put block " + h + ": content hashes to "));
    assertThat(ds.containsBlock(h), equalTo(false));
  }

  @Test
  void missingObjectsGiveNoSuchObjectNamingThePath() {
    Multihash h = Multihash.sha3_256(ascii("nothing"));
    Path expected = ds.root().resolve("blocks").resolve(h.toString());
    NoSuchObjectException e = assertThrows(NoSuchObjectException.class, () -> ds.readBlock(h));
    assertThat(e.getMessage(), equalTo("Cannot read block " + h + ": no such object at " + expected));
    assertThat(assertThrows(NoSuchObjectException.class, () -> ds.openData(h)).getMessage(),
        containsString("Cannot read data file " + h + ": no such object at " + ds.root().resolve("data")));
    assertThat(assertThrows(NoSuchObjectException.class, () -> ds.checkpointSize(h)).getMessage(),
        containsString("checkpoints"));
  }

  @Test
  void dataFilesAreMovedInAndReadable() throws Exception {
    Path parquet = dir.resolve("part-0.parquet");
    Files.write(parquet, ascii("PAR1...PAR1"));
    Multihash physical = Multihash.sha3_256(parquet);
    ds.moveDataIn(physical, parquet);
    assertThat(Files.exists(parquet), equalTo(false));
    assertThat(ds.dataSize(physical), equalTo(11L));
    try (InputStream in = ds.openData(physical)) {
      assertArrayEquals(ascii("PAR1...PAR1"), in.readAllBytes());
    }
    assertThat(ds.objectUri(ObjectKind.DATA, physical), equalTo(ds.objectPath(ObjectKind.DATA, physical).toUri()));

    Path again = dir.resolve("again");
    Files.write(again, ascii("PAR1...PAR1"));
    ds.moveDataIn(physical, again); // already present: source removed, object unchanged
    assertThat(Files.exists(again), equalTo(false));
    assertThat(ds.dataSize(physical), equalTo(11L));
  }

  @Test
  void checkpointsFromBytes() {
    Multihash h = ds.putCheckpoint(ascii("state"));
    assertThat(ds.checkpointSize(h), equalTo(5L));
    assertThat(ds.deleteObject(ObjectKind.CHECKPOINT, h), equalTo(true));
    assertThat(ds.containsObject(ObjectKind.CHECKPOINT, h), equalTo(false));
  }

  @Test
  void headStartsEmptyAndIsWrittenWithoutNewline() throws Exception {
    assertThat(ds.readHead(), equalTo(Optional.empty()));
    Multihash a = ds.writeBlock(ascii("a"));
    ds.compareAndSetHead(null, a);
    assertThat(Files.readString(ds.root().resolve("refs/head")), equalTo(a.toString()));
    assertThat(ds.readHead(), equalTo(Optional.of(a)));
    Multihash b = ds.writeBlock(ascii("b"));
    ds.compareAndSetHead(a, b);
    assertThat(ds.readHead(), equalTo(Optional.of(b)));
    assertThat(dotFiles("refs"), emptyArray());
  }

  @Test
  void casFailsWhenHeadDiffers() {
    Multihash a = Multihash.sha3_256(ascii("a"));
    Multihash b = Multihash.sha3_256(ascii("b"));
    Multihash c = Multihash.sha3_256(ascii("c"));
    ds.compareAndSetHead(null, a);
    RefCasException e = assertThrows(RefCasException.class, () -> ds.compareAndSetHead(b, c));
    assertThat(e.getMessage(),
        equalTo("Cannot move refs/head of " + ds.location() + ": head is " + a + ", expected " + b));
    assertThat(e.actual(), equalTo(Optional.of(a)));
    RefCasException none = assertThrows(RefCasException.class, () -> ds.compareAndSetHead(null, c));
    assertThat(none.getMessage(), containsString("head is " + a + ", expected <none>"));
    assertThat(ds.readHead(), equalTo(Optional.of(a)));
  }

  @Test
  void casOnEmptyDatasetExpectingAHeadFails() {
    Multihash a = Multihash.sha3_256(ascii("a"));
    RefCasException e = assertThrows(RefCasException.class, () -> ds.compareAndSetHead(a, a));
    assertThat(e.getMessage(), containsString("head is <none>, expected " + a));
  }

  @Test
  void malformedHeadIsReportedWithLocation() throws Exception {
    Multihash a = Multihash.sha3_256(ascii("a"));
    Files.writeString(ds.root().resolve("refs/head"), a + "\n"); // kamu parses verbatim; a newline is invalid
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> ds.readHead());
    assertThat(e.getMessage(), containsString("Cannot read refs/head of " + ds.location()));
  }

  @Test
  void aliasRoundTripsAndIsTrimmedOnRead() throws Exception {
    assertThat(ds.readAlias(), equalTo(Optional.empty()));
    ds.writeAlias(DatasetAlias.parse("alice/com.example.population"));
    assertThat(Files.readString(ds.root().resolve("info/alias")), equalTo("alice/com.example.population"));
    Files.writeString(ds.root().resolve("info/alias"), "  com.example\n");
    assertThat(ds.readAlias().orElseThrow().toString(), equalTo("com.example"));
  }

  @Test
  void opensPathsAndFileUrls() {
    Path root = ds.root();
    assertThat(LocalFsDatasetStorage.open(root.toString()).root(), equalTo(root));
    assertThat(LocalFsDatasetStorage.open(root.toUri().toString()).root(), equalTo(root));
    assertThat(ds.location().toString(), equalTo(root.toUri().toString()));
    assertThat(ds.location().toString(), matchesPattern("file:/.*/ds/"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LocalFsDatasetStorage.open("s3://bucket/ds"));
    assertThat(e.getMessage(), containsString("Cannot open dataset 's3://bucket/ds'"));
  }

  @Test
  void pendingNamesFollowKamu() {
    Path p = AtomicFiles.pendingPath(ds.root().resolve("blocks").resolve("x"));
    assertThat(p.getFileName().toString(), matchesPattern("\\.pending-[A-Za-z0-9]{16}"));
    assertThat(p.getParent(), equalTo(ds.root().resolve("blocks")));
  }
}
