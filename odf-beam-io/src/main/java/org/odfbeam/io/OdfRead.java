package org.odfbeam.io;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.multiformats.Multihash;

/**
 * Reads the records of an ODF dataset as Beam {@link Row}s. Obtain it from {@link OdfIO#read()}.
 *
 * <h2>Reading</h2>
 * <pre>{@code
 * PCollection<Row> all = p.apply("Read cities", OdfIO.read().from("/data/cities"));
 * PCollection<Row> some = p.apply("Read two columns of cities as of a block", OdfIO.read()
 *     .from("file:///data/cities")
 *     .withColumns("offset", "city")                   // projection, in this order
 *     .asOfBlock("f1620ae5f3...bbb3c6"));                // time travel
 * PCollection<Row> news = p.apply("Read new cities", OdfIO.read()
 *     .from("/data/cities")
 *     .afterBlock(lastSeenBlockHash));                  // incremental: blocks after that one only
 * }</pre>
 * The rows have the dataset's Beam schema ({@code OdfSchemas.toBeam} of its latest {@code SetDataSchema} at or
 * before the block read as of), system columns first and named by the dataset's vocabulary ({@code offset},
 * {@code op}, {@code system_time}, {@code event_time} by default), or the projected columns. The output's
 * {@code RowCoder} is set.
 *
 * <h2>Options</h2>
 * <ul>
 *   <li>{@link #asOfBlock}: read the dataset as it was at that block: only data in it and the blocks before it.
 *       Default: the head when the pipeline is built.
 *   <li>{@link #afterBlock}: only data committed in blocks after that block (up to the head or the as-of block),
 *       that is the records {@code (prevOffset, newOffset]}; an incremental pipeline remembers the
 *       {@link ReadPlan#blockHash()} of its last run and passes it here.
 *   <li>{@link #withOffsetRange}: only records with {@code from <= offset <= to}. Excludes {@link #afterBlock}.
 *   <li>{@link #withColumns}: projection; system columns may be projected away too.
 * </ul>
 * {@link #plan()} tells what a read reads (dataset id, block, offsets, schema) without running it; a derivative
 * write records exactly this in its {@code ExecuteTransformInput}.
 *
 * <h2>Guarantees</h2>
 * Bounded. Planning happens when the transform is applied (on the launcher): the metadata chain is read once from
 * {@code refs/head}, and the data files are those the chain names (directories are never listed). Blocks committed
 * after that are not read, so a read is a consistent snapshot. Each data slice is cut along its row groups into
 * splits of at most {@value #MAX_ROWS_PER_SPLIT} rows, redistributed ({@code Reshuffle}) and read in parallel;
 * every record is emitted exactly once, in no particular order. Counters in namespace {@code odf}:
 * {@code records_read}, {@code bytes_read}, {@code slices_read}.
 *
 * <h2>Errors</h2>
 * Detected when the transform is applied, with the value named: a missing dataset, as-of block or read-after block,
 * an unknown column, conflicting options, a missing data file. An empty range is not an error: it gives an empty
 * {@code PCollection} with the schema.
 *
 * <h2>Limitations</h2>
 * Local file systems only (a path or a {@code file://} URL that every worker can reach). Data files written before a
 * nullable column was added read that column as null; a non-nullable column missing from a file fails with the
 * file and column named.
 * Retractions and corrections ({@code op} 1-3) are returned as stored, not applied.
 */
public final class OdfRead extends PTransform<PBegin, PCollection<Row>> {
  /** Most rows one split (one {@code processElement} call) reads: kamu's row-group size. */
  public static final long MAX_ROWS_PER_SPLIT = 1_048_576;

  private final @Nullable String location;
  private final @Nullable List<String> columns;
  private final @Nullable String asOfBlock;
  private final @Nullable String afterBlock;
  private final @Nullable Long fromOffset;
  private final @Nullable Long toOffset;
  private final long maxRowsPerSplit;

  private OdfRead(@Nullable String location, @Nullable List<String> columns, @Nullable String asOfBlock,
      @Nullable String afterBlock, @Nullable Long fromOffset, @Nullable Long toOffset, long maxRowsPerSplit) {
    this.location = location;
    this.columns = columns;
    this.asOfBlock = asOfBlock;
    this.afterBlock = afterBlock;
    this.fromOffset = fromOffset;
    this.toOffset = toOffset;
    this.maxRowsPerSplit = maxRowsPerSplit;
  }

  static OdfRead create() {
    return new OdfRead(null, null, null, null, null, null, MAX_ROWS_PER_SPLIT);
  }

  /** Reads the dataset at this directory path or {@code file://} URL. Required. */
  public OdfRead from(String datasetPathOrFileUrl) {
    if (datasetPathOrFileUrl == null) {
      throw new IllegalArgumentException("from() needs a dataset location, but was null");
    }
    if (datasetPathOrFileUrl.isBlank()) {
      throw new IllegalArgumentException("from() needs a dataset location, but was '" + datasetPathOrFileUrl + "'");
    }
    return new OdfRead(datasetPathOrFileUrl, columns, asOfBlock, afterBlock, fromOffset, toOffset, maxRowsPerSplit);
  }

  /** Produces only these columns, in this order (system columns included only if named). */
  public OdfRead withColumns(String... names) {
    if (names == null || names.length == 0) {
      throw new IllegalArgumentException("withColumns() needs at least one column name, but was none");
    }
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      if (n == null || n.isEmpty()) {
        throw new IllegalArgumentException("withColumns() needs column names, but was " + Arrays.toString(names));
      }
      if (!seen.add(n)) {
        throw new IllegalArgumentException("withColumns() names column '" + n + "' twice");
      }
    }
    return new OdfRead(location, List.of(names), asOfBlock, afterBlock, fromOffset, toOffset, maxRowsPerSplit);
  }

  /** Reads the dataset as of this block (its multibase hash, {@code f1620…}): its data and that of older blocks. */
  public OdfRead asOfBlock(String blockHashMultibase) {
    return new OdfRead(location, columns, checkHash("asOfBlock()", blockHashMultibase), afterBlock, fromOffset,
        toOffset, maxRowsPerSplit);
  }

  /** Reads only data committed in blocks after this block (up to the head or the {@link #asOfBlock}). */
  public OdfRead afterBlock(String blockHashMultibase) {
    return new OdfRead(location, columns, asOfBlock, checkHash("afterBlock()", blockHashMultibase), fromOffset,
        toOffset, maxRowsPerSplit);
  }

  /** Reads only records with {@code from <= offset <= to}. */
  public OdfRead withOffsetRange(long from, long to) {
    if (from < 0 || from > to) {
      throw new IllegalArgumentException("withOffsetRange() needs 0 <= from <= to, but was from=" + from
          + ", to=" + to);
    }
    return new OdfRead(location, columns, asOfBlock, afterBlock, from, to, maxRowsPerSplit);
  }

  /** Test hook: smaller splits. */
  OdfRead withMaxRowsPerSplit(long rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("withMaxRowsPerSplit() must be > 0, but was " + rows);
    }
    return new OdfRead(location, columns, asOfBlock, afterBlock, fromOffset, toOffset, rows);
  }

  /**
   * Resolves what this read reads right now, exactly as {@link #expand} does: the dataset id, the block read as of,
   * the read-after block with its last offset, the offsets read and the output schema. The head may move between
   * this call and {@link #expand}; to read exactly this plan, read {@code asOfBlock(plan.blockHash().toString())}.
   *
   * @throws IllegalArgumentException for a missing setting, conflicting options, a missing dataset, block, column
   *     or data file
   */
  public ReadPlan plan() {
    return planned().plan();
  }

  private ReadPlanner.Planned planned() {
    if (location == null) {
      throw new IllegalArgumentException("from() is required");
    }
    if (afterBlock != null && fromOffset != null) {
      throw new IllegalArgumentException("Cannot read dataset " + location
          + ": afterBlock() and withOffsetRange() exclude each other; use one of them");
    }
    return ReadPlanner.plan(new ReadPlanner.Request(location, asOfBlock, afterBlock, fromOffset, toOffset,
        columns, maxRowsPerSplit));
  }

  @Override
  public PCollection<Row> expand(PBegin input) {
    ReadPlanner.Planned planned = planned();
    return input
        .apply("List the data slices in range", Create.of(planned.splits()).withCoder(SliceSplit.Coder.of()))
        .apply("Spread the slices over workers", Reshuffle.viaRandomKey())
        .apply("Read the records of each slice",
            ParDo.of(new ReadSliceSplits(planned.datasetSchema(), planned.plan().schema(), planned.vocabulary())))
        .setRowSchema(planned.plan().schema());
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.addIfNotNull(DisplayData.item("from", location).withLabel("Dataset"))
        .addIfNotNull(DisplayData.item("asOfBlock", asOfBlock).withLabel("As of block"))
        .addIfNotNull(DisplayData.item("afterBlock", afterBlock).withLabel("After block"));
    if (columns != null) {
      builder.add(DisplayData.item("columns", String.join(", ", columns)).withLabel("Columns"));
    }
    if (fromOffset != null) {
      builder.add(DisplayData.item("offsetRange", "[" + fromOffset + ", " + toOffset + "]")
          .withLabel("Offset range"));
    }
  }

  private static String checkHash(String method, String hash) {
    if (hash == null) {
      throw new IllegalArgumentException(method + " needs a block hash, but was null");
    }
    try {
      Multihash.parse(hash);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(method + " needs a multibase block hash like f1620…, but was '" + hash
          + "' (" + e.getMessage() + ")", e);
    }
    return hash;
  }
}
