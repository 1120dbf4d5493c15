package org.odfbeam.cli.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.codec.MetadataBlockCodec;
import org.odfbeam.core.identity.DatasetId;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.model.DataField;
import org.odfbeam.core.model.DataSchema;
import org.odfbeam.core.model.DataSlice;
import org.odfbeam.core.model.DataTypeInt32;
import org.odfbeam.core.model.DataTypeInt64;
import org.odfbeam.core.model.DataTypeOption;
import org.odfbeam.core.model.DataTypeString;
import org.odfbeam.core.model.DataTypeTimestamp;
import org.odfbeam.core.model.DatasetKind;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.model.MetadataEvent;
import org.odfbeam.core.model.OffsetInterval;
import org.odfbeam.core.model.Seed;
import org.odfbeam.core.model.SetDataSchema;
import org.odfbeam.core.model.TimeUnit;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.storage.LocalFsDatasetStorage;

/**
 * Writes a synthetic dataset of N blocks through the core API, for {@code bench/odf-startup.sh}:
 * Seed, SetDataSchema, then AddData blocks of 100 offsets each whose data objects are small
 * placeholder files (the chain and its hashes are real; the data files are not Parquet).
 *
 * <pre>{@code ODF_MAIN=org.odfbeam.cli.bench.SyntheticChain bin/odf DIR N}</pre>
 */
public final class SyntheticChain {
  private static final int BATCH = 1000;
  private static final long ROWS_PER_BLOCK = 100;

  private SyntheticChain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: SyntheticChain DIR BLOCKS");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    int blocks = Integer.parseInt(args[1]);
    if (blocks < 2) {
      throw new IllegalArgumentException("BLOCKS must be >= 2, was " + blocks);
    }
    Files.createDirectories(dir);
    LocalFsDatasetStorage storage = new LocalFsDatasetStorage(dir);
    storage.init();
    MetadataChain chain = new MetadataChain(storage);

    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    DataTypeTimestamp ms = new DataTypeTimestamp(TimeUnit.MILLISECOND, "UTC");
    List<MetadataEvent> events = new ArrayList<>();
    events.add(new Seed(DatasetId.newRandom(), DatasetKind.ROOT));
    events.add(new SetDataSchema(null, new DataSchema(List.of(
        new DataField("offset", new DataTypeInt64(), null),
        new DataField("op", new DataTypeInt32(), null),
        new DataField("system_time", ms, null),
        new DataField("event_time", ms, null),
        new DataField("city", new DataTypeOption(new DataTypeString()), null),
        new DataField("population", new DataTypeOption(new DataTypeInt64()), null)), null)));

    List<MetadataBlock> batch = new ArrayList<>(BATCH);
    Multihash prev = null;
    long nextOffset = 0;
    for (int seq = 0; seq < blocks; seq++) {
      MetadataEvent event;
      Instant time = t0.plus(Duration.ofMinutes(seq));
      if (seq < events.size()) {
        event = events.get(seq);
      } else {
        byte[] data = ("synthetic slice " + seq).getBytes(StandardCharsets.UTF_8);
        Multihash physical = storage.putData(data);
        long end = nextOffset + ROWS_PER_BLOCK - 1;
        event = new AddData(null, nextOffset == 0 ? null : nextOffset - 1,
            new DataSlice(Multihash.sha3_256(("logical " + seq).getBytes(StandardCharsets.UTF_8)), physical,
                new OffsetInterval(nextOffset, end), data.length),
            null, time.minus(Duration.ofHours(1)), null, null);
        nextOffset = end + 1;
      }
      MetadataBlock block = new MetadataBlock(time, prev, seq, event);
      prev = MetadataBlockCodec.hash(MetadataBlockCodec.encode(block));
      batch.add(block);
      if (batch.size() == BATCH || seq == blocks - 1) {
        chain.append(batch);
        batch.clear();
      }
    }
    System.out.println("Wrote " + blocks + " blocks to " + dir + ", head " + storage.readHead().orElseThrow());
  }
}
