package org.odfbeam.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.odfbeam.core.chain.BlockRef;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.identity.DatasetId;
import org.odfbeam.core.model.DataEvent;
import org.odfbeam.core.model.DataSlice;
import org.odfbeam.core.model.MetadataEvent;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.model.OffsetInterval;
import org.odfbeam.core.model.Seed;
import org.odfbeam.core.model.SetDataSchema;
import org.odfbeam.core.model.SetVocab;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.core.storage.ObjectKind;
import org.odfbeam.data.OdfSchemas;
import org.odfbeam.data.Vocabulary;

/**
 * Plans a read on the launcher: walks the metadata chain once (newest first) from the head, resolves the as-of and
 * read-after blocks, the schema and vocabulary in force at the as-of block, and cuts the data slices in range into
 * {@link SliceSplit}s. Never lists directories: the chain names every file. Footers are read only for slices with
 * more rows than one split may hold.
 */
final class ReadPlanner {
  /** A planned read: the public plan plus what the workers need. */
  record Planned(ReadPlan plan, Schema datasetSchema, Vocabulary vocabulary, List<SliceSplit> splits) {}

  /** The settings of an {@link OdfRead}, already checked one by one. */
  record Request(String location, @Nullable String asOfBlock, @Nullable String afterBlock,
      @Nullable Long fromOffset, @Nullable Long toOffset, @Nullable List<String> columns, long maxRowsPerSplit) {}

  private record SliceInBlock(DataSlice slice, long sequenceNumber, Multihash block) {}

  private ReadPlanner() {}

  static Planned plan(Request request) {
    String location = request.location();
    LocalFsDatasetStorage storage = LocalFsDatasetStorage.open(location);
    if (!Files.isDirectory(storage.root())) {
      throw new IllegalArgumentException("Cannot read dataset " + location + ": no such directory "
          + storage.root());
    }
    MetadataChain chain = new MetadataChain(storage);
    Multihash head = chain.headHash().orElseThrow(() -> new IllegalArgumentException("Cannot read dataset "
        + location + ": it has no refs/head (not an ODF dataset, or it has no blocks yet)"));
    Multihash asOf = request.asOfBlock() == null ? head : Multihash.parse(request.asOfBlock());
    Multihash after = request.afterBlock() == null ? null : Multihash.parse(request.afterBlock());

    boolean reachedAsOf = false;
    boolean reachedAfter = false;
    Long newOffset = null;
    boolean newOffsetKnown = false;
    Long prevOffset = null;
    boolean prevOffsetKnown = false;
    SetDataSchema schemaEvent = null;
    SetVocab vocabEvent = null;
    DatasetId datasetId = null;
    List<SliceInBlock> slices = new ArrayList<>();
    Iterator<BlockRef> blocks = chain.iterator();
    while (blocks.hasNext()) {
      BlockRef ref = blocks.next();
      if (!reachedAsOf) {
        if (!ref.hash().equals(asOf)) {
          continue;
        }
        reachedAsOf = true;
      }
      if (after != null && ref.hash().equals(after)) {
        reachedAfter = true;
      }
      MetadataEvent event = ref.block().event();
      if (event instanceof DataEvent data) {
        Long lastOffset = data.newData() != null ? Long.valueOf(data.newData().offsetInterval().end())
            : data.prevOffset();
        if (!newOffsetKnown) {
          newOffset = lastOffset;
          newOffsetKnown = true;
        }
        if (reachedAfter && !prevOffsetKnown) {
          prevOffset = lastOffset;
          prevOffsetKnown = true;
        }
        if (!reachedAfter && data.newData() != null) {
          slices.add(new SliceInBlock(data.newData(), ref.sequenceNumber(), ref.hash()));
        }
      } else if (event instanceof SetDataSchema s && schemaEvent == null) {
        schemaEvent = s;
      } else if (event instanceof SetVocab v && vocabEvent == null) {
        vocabEvent = v;
      } else if (event instanceof Seed seed) {
        datasetId = seed.datasetId();
      }
    }
    if (!reachedAsOf) {
      throw new IllegalArgumentException("Cannot read dataset " + location + " as of block " + asOf
          + ": no such block in its chain (head is " + head + ")");
    }
    if (after != null && !reachedAfter) {
      throw new IllegalArgumentException("Cannot read dataset " + location + " after block " + after
          + ": no such block in its chain at or before block " + asOf);
    }
    if (datasetId == null) {
      throw new IllegalArgumentException("Cannot read dataset " + location + ": its chain has no Seed");
    }
    if (schemaEvent == null) {
      throw new IllegalArgumentException("Cannot read dataset " + location
          + ": it has no SetDataSchema at or before block " + asOf);
    }
    Schema datasetSchema = OdfSchemas.toBeam(schemaEvent);
    Vocabulary vocabulary = Vocabulary.of(vocabEvent);
    Schema outputSchema = project(location, datasetSchema, request.columns());

    long lo = request.fromOffset() == null ? 0 : request.fromOffset();
    long hi = request.toOffset() == null ? Long.MAX_VALUE : request.toOffset();
    Collections.reverse(slices);
    List<SliceSplit> splits = new ArrayList<>();
    long readFrom = Long.MAX_VALUE;
    long readTo = Long.MIN_VALUE;
    for (SliceInBlock s : slices) {
      OffsetInterval interval = s.slice().offsetInterval();
      long from = Math.max(lo, interval.start());
      long to = Math.min(hi, interval.end());
      if (from > to) {
        continue;
      }
      readFrom = Math.min(readFrom, from);
      readTo = Math.max(readTo, to);
      Path file = storage.objectPath(ObjectKind.DATA, s.slice().physicalHash());
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("Cannot read dataset " + location + ": data file "
            + s.slice().physicalHash() + " of block " + s.sequenceNumber() + " " + s.block() + " is missing");
      }
      split(file, s.slice().size(), from, to, request.maxRowsPerSplit(), vocabulary.offsetColumn(), splits);
    }
    OffsetInterval read = readFrom <= readTo ? new OffsetInterval(readFrom, readTo) : null;
    ReadPlan plan = new ReadPlan(datasetId, storage.location(), asOf, after, prevOffset, newOffset, read,
        outputSchema);
    return new Planned(plan, datasetSchema, vocabulary, List.copyOf(splits));
  }

  private static Schema project(String location, Schema datasetSchema, @Nullable List<String> columns) {
    if (columns == null) {
      return datasetSchema;
    }
    Schema.Builder b = Schema.builder();
    for (String c : columns) {
      if (!datasetSchema.hasField(c)) {
        throw new IllegalArgumentException("Cannot read dataset " + location + ": withColumns() names column '" + c
            + "', which it does not have; its columns are " + datasetSchema.getFieldNames());
      }
      b.addField(datasetSchema.getField(c));
    }
    return b.build();
  }

  /**
   * Cuts {@code [from, to]} of one file into splits of whole row groups holding at most {@code maxRows} rows each
   * (at least one row group), using the offset column's statistics in the footer. A file whose statistics are
   * missing or do not cover the range contiguously becomes one split (the reader filters rows by offset anyway).
   */
  private static void split(Path file, long fileBytes, long from, long to, long maxRows, String offsetColumn,
      List<SliceSplit> out) {
    SliceSplit whole = new SliceSplit(file.toString(), from, to, 0, fileBytes);
    if (to - from + 1 <= maxRows) {
      out.add(whole);
      return;
    }
    List<long[]> groups = rowGroupOffsets(file, offsetColumn);
    if (groups == null) {
      out.add(whole);
      return;
    }
    List<SliceSplit> parts = new ArrayList<>();
    long covered = 0;
    long splitFrom = -1;
    long splitTo = -1;
    long splitRows = 0;
    for (long[] g : groups) {
      long gFrom = Math.max(from, g[0]);
      long gTo = Math.min(to, g[1]);
      if (gFrom > gTo) {
        continue;
      }
      long rows = gTo - gFrom + 1;
      covered += rows;
      if (splitRows > 0 && (splitRows + rows > maxRows || gFrom != splitTo + 1)) {
        parts.add(new SliceSplit(file.toString(), splitFrom, splitTo, parts.size(), fileBytes));
        splitRows = 0;
      }
      if (splitRows == 0) {
        splitFrom = gFrom;
      }
      splitTo = gTo;
      splitRows += rows;
    }
    if (splitRows > 0) {
      parts.add(new SliceSplit(file.toString(), splitFrom, splitTo, parts.size(), fileBytes));
    }
    boolean contiguous = true;
    for (int i = 1; i < parts.size(); i++) {
      contiguous &= parts.get(i).fromOffset() == parts.get(i - 1).toOffset() + 1;
    }
    if (parts.isEmpty() || !contiguous || covered != to - from + 1 || parts.get(0).fromOffset() != from) {
      out.add(whole);
    } else {
      out.addAll(parts);
    }
  }

  /** [min, max] of the offset column per row group, in file order; null if any row group lacks statistics. */
  private static @Nullable List<long[]> rowGroupOffsets(Path file, String offsetColumn) {
    ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
      List<long[]> groups = new ArrayList<>();
      for (BlockMetaData block : reader.getRowGroups()) {
        long[] range = null;
        for (ColumnChunkMetaData c : block.getColumns()) {
          if (c.getPath().size() == 1 && c.getPath().toArray()[0].equals(offsetColumn)) {
            Statistics<?> s = c.getStatistics();
            if (s == null || s.isEmpty() || !s.hasNonNullValue() || !(s.genericGetMin() instanceof Long min)) {
              return null;
            }
            range = new long[] {min, (Long) s.genericGetMax()};
          }
        }
        if (range == null) {
          return null;
        }
        groups.add(range);
      }
      return groups;
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("Cannot plan the read of data file " + file + ": " + e.getMessage(), e);
    }
  }
}
