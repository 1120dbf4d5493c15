package org.odfbeam.core.testing;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.odfbeam.core.identity.DatasetId;
import org.odfbeam.core.model.DataField;
import org.odfbeam.core.model.DataSchema;
import org.odfbeam.core.model.DataTypeInt32;
import org.odfbeam.core.model.DataTypeInt64;
import org.odfbeam.core.model.DataTypeOption;
import org.odfbeam.core.model.DataTypeString;
import org.odfbeam.core.model.DataTypeTimestamp;
import org.odfbeam.core.model.DatasetKind;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.model.Seed;
import org.odfbeam.core.model.SetDataSchema;
import org.odfbeam.core.model.TimeUnit;
import org.odfbeam.core.storage.DatasetStorage;
import org.odfbeam.core.storage.LocalFsDatasetStorage;

/**
 * Builds real on-disk datasets through the core API (storage, chain with full validation).
 * <pre>{@code
 * TestDataset ds = TestDatasets.root(tempDir).withAddData(3).recordsPerBlock(10).build();
 * assertThat(ds.chain(), hasHeadAt(4));     // Seed, SetDataSchema, 3 x AddData
 * }</pre>
 */
public final class TestDatasets {
  /** System time of the Seed; block n is written at T0 + n minutes. */
  public static final Instant T0 = Instant.parse("2020-01-01T12:00:00Z");

  private TestDatasets() {}

  /** Block n's system time. */
  public static Instant systemTime(long sequenceNumber) {
    return T0.plusSeconds(60 * sequenceNumber);
  }

  /** A root dataset builder writing under {@code dir}. */
  public static Builder root(Path dir) {
    return new Builder(dir, DatasetKind.ROOT);
  }

  /** A derivative dataset builder (Seed only, plus schema unless disabled). */
  public static Builder derivative(Path dir) {
    return new Builder(dir, DatasetKind.DERIVATIVE).withAddData(0);
  }

  /** An initialized dataset directory with no blocks. */
  public static TestDataset empty(Path dir) {
    return new TestDataset(dir, open(dir, LocalFsDatasetStorage::new), DatasetId.newRandom());
  }

  /** offset, op, system_time, event_time, and an optional string payload. */
  public static DataSchema defaultSchema() {
    DataTypeTimestamp ts = new DataTypeTimestamp(TimeUnit.MILLISECOND, "UTC");
    return new DataSchema(List.of(
        new DataField("offset", new DataTypeInt64(), null),
        new DataField("op", new DataTypeInt32(), null),
        new DataField("system_time", ts, null),
        new DataField("event_time", new DataTypeOption(ts), null),
        new DataField("value", new DataTypeOption(new DataTypeString()), null)), null);
  }

  private static DatasetStorage open(Path dir, Function<Path, DatasetStorage> factory) {
    DatasetStorage storage = factory.apply(dir);
    storage.init();
    return storage;
  }

  /** Configures and builds a dataset. */
  public static final class Builder {
    private final Path dir;
    private final DatasetKind kind;
    private boolean schema = true;
    private int dataBlocks = 2;
    private long recordsPerBlock = 10;
    private Function<Path, DatasetStorage> storageFactory = LocalFsDatasetStorage::new;

    private Builder(Path dir, DatasetKind kind) {
      this.dir = dir;
      this.kind = kind;
    }

    /** Number of AddData blocks after the schema (default 2). */
    public Builder withAddData(int blocks) {
      this.dataBlocks = blocks;
      return this;
    }

    /** Records per AddData block (default 10). */
    public Builder recordsPerBlock(long records) {
      this.recordsPerBlock = records;
      return this;
    }

    /** No SetDataSchema (and so no AddData). */
    public Builder withoutSchema() {
      this.schema = false;
      this.dataBlocks = 0;
      return this;
    }

    /** Wraps the on-disk storage, e.g. in a {@link FaultyStorage}. */
    public Builder storage(Function<Path, DatasetStorage> factory) {
      this.storageFactory = factory;
      return this;
    }

    public TestDataset build() {
      DatasetId id = DatasetId.newRandom();
      TestDataset ds = new TestDataset(dir, open(dir, storageFactory), id);
      ds.chain().append(new MetadataBlock(systemTime(0), null, 0, new Seed(id, kind)));
      if (schema) {
        ds.append(new SetDataSchema(null, defaultSchema()));
      }
      for (int i = 0; i < dataBlocks; i++) {
        ds.appendData(recordsPerBlock);
      }
      return ds;
    }
  }
}
