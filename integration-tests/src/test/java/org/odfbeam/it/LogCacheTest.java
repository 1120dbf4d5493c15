package org.odfbeam.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.core.chain.ChainState;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.model.SetInfo;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.data.ParquetDatasets;

/** {@code odf log}'s line cache: same output cold and warm, new blocks picked up, bad caches ignored. */
class LogCacheTest {
  @TempDir
  Path tmp;

  private Path dataset;
  private LocalFsDatasetStorage storage;
  private Map<String, String> env;

  @BeforeEach
  void setUp() throws Exception {
    dataset = tmp.resolve("ds");
    storage = ParquetDatasets.cities(dataset, 3, 4);
    env = Map.of("ODF_CACHE_DIR", Files.createDirectories(tmp.resolve("cache")).toString());
  }

  private OdfTool.Result log() throws Exception {
    return OdfTool.runWith(env, null, "log", dataset.toString());
  }

  private Path cacheFile() throws Exception {
    try (Stream<Path> files = Files.list(tmp.resolve("cache").resolve("log"))) {
      return files.findFirst().orElseThrow();
    }
  }

  @Test
  void warmOutputEqualsColdOutput() throws Exception {
    OdfTool.Result cold = log();
    OdfTool.Result warm = log();
    assertThat(cold.toString(), cold.exitCode(), equalTo(0));
    assertThat(warm.stdout(), equalTo(cold.stdout()));
    assertThat(cold.stdout().lines().toList(), hasSize(5));
  }

  @Test
  void linesAreServedFromTheCacheWhenTheWholeChainIsCached() throws Exception {
    log();
    Path cache = cacheFile();
    String text = Files.readString(cache, StandardCharsets.UTF_8);
    Files.writeString(cache, text.replace(" Seed did:odf:", " Seed (from cache) did:odf:"));

    assertThat(log().stdout().lines().toList().get(4), startsWith("0 "));
    assertThat(log().stdout(), org.hamcrest.Matchers.containsString(" Seed (from cache) did:odf:"));
  }

  @Test
  void blocksAppendedAfterTheCacheWasWrittenAreRead() throws Exception {
    String before = log().stdout();
    MetadataChain chain = new MetadataChain(storage);
    ChainState s = chain.state();
    chain.append(new MetadataBlock(java.time.Instant.parse("2021-01-01T00:00:00Z"), s.headHash(),
        s.headSequenceNumber() + 1, new SetInfo("appended later", null)));

    OdfTool.Result after = log();
    List<String> lines = after.stdout().lines().toList();
    assertThat(lines, hasSize(6));
    assertThat(lines.get(0), startsWith("5 " + chain.headHash().orElseThrow() + " 2021-01-01T00:00:00Z SetInfo appended later"));
    assertThat(after.stdout(), equalTo(lines.get(0) + "\n" + before));
  }

  @Test
  void aCorruptCacheIsIgnored() throws Exception {
    String expected = log().stdout();
    Files.writeString(cacheFile(), "garbage\nmore garbage\n");
    OdfTool.Result r = log();
    assertThat(r.exitCode(), equalTo(0));
    assertThat(r.stdout(), equalTo(expected));
  }
}
