package org.odfbeam.transforms.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.core.chain.BlockRef;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.io.OdfIO;
import org.odfbeam.transforms.merge.Merge;
import org.odfbeam.transforms.merge.MergeWrite;

/**
 * Issue 5 item 7: a Snapshot merge of a {@code --keys}-row snapshot with 1% changes against a dataset of as many
 * keys, with and without the state checkpoint, after 1, 5 and 10 prior commits ({@code --priorCommits}).
 *
 * <h2>Data</h2>
 * Rows {@code id} INT64 (the primary key), {@code value} INT64, {@code label} STRING; no event time. The history is
 * written directly with {@code OdfIO.write()} (no merge, no checkpoint): commit 1 appends every key ({@code +A});
 * each later commit corrects half of the keys ({@code -C}/{@code +C}, {@code --keys} records), so after n commits
 * the dataset holds n x {@code --keys} records and the current state is still {@code --keys} rows.
 *
 * <h2>Measured, for each n</h2>
 * <ol>
 *   <li><b>first</b>: {@code MergeWrite} of snapshot S1 (1% of the keys changed) on a copy of the history: no
 *       checkpoint yet, so the state comes from the whole changelog; it commits the diff and the first checkpoint.
 *   <li>That dataset is copied; then snapshot S2 (another 1% changed) is merged into both copies:
 *       <b>with</b> {@code MergeWrite} (the state is the checkpoint) and <b>without</b>: {@code Merge.snapshot}
 *       given {@code OdfIO.read()} as {@code Merge.CHANGELOG}, written with {@code OdfIO.write()} (the plain path,
 *       which never reads or writes a checkpoint). Both must commit the same records (offsets and logical hash,
 *       checked).
 * </ol>
 * Times are wall clock from building the pipeline to the end of {@code waitUntilFinish()}, one run each.
 *
 * <pre>
 *   bench/merge-checkpoint.sh flink 1000000 1,5,10
 * </pre>
 * {@code --runner=flink} is an embedded cluster ({@code --flinkMaster=[local]}, {@code --parallelism=2}); other Beam
 * options pass through. The output ends with one {@code RESULT} line per n.
 */
public final class MergeCheckpointBench {
  /** The benchmark's options; Beam's own options are accepted too. */
  public interface Options extends PipelineOptions {
    @Description("Keys of the dataset and rows of each snapshot")
    @Default.Long(1_000_000)
    long getKeys();

    void setKeys(long keys);

    @Description("Comma-separated numbers of prior commits to measure after, ascending")
    @Default.String("1,5,10")
    String getPriorCommits();

    void setPriorCommits(String priorCommits);

    @Description("Working directory (emptied first)")
    @Default.String("odf-transforms/target/merge-checkpoint-bench")
    String getDir();

    void setDir(String dir);
  }

  static final Schema ROWS = Schema.builder().addInt64Field("id").addInt64Field("value").addStringField("label")
      .build();
  static final Schema CHANGES = Schema.builder().addInt32Field("op").addFields(ROWS.getFields()).build();
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  private final Options options;
  private final PrintStream out;

  private MergeCheckpointBench(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public static void main(String[] args) throws IOException {
    List<String> full = new ArrayList<>(Arrays.asList(args));
    runnerDefaults(full);
    PipelineOptionsFactory.register(Options.class);
    Options options = PipelineOptionsFactory.fromArgs(full.toArray(String[]::new)).withValidation()
        .as(Options.class);
    new MergeCheckpointBench(options, System.out).run();
  }

  /** Expands {@code --runner=direct|flink} to the runner and its local settings. */
  private static void runnerDefaults(List<String> args) {
    boolean flink = false;
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).startsWith("--runner=")) {
        String r = args.get(i).substring("--runner=".length()).toLowerCase(Locale.ROOT).replaceFirst("runner$", "");
        flink = r.equals("flink");
        args.set(i, "--runner=" + (flink ? "FlinkRunner" : r.equals("direct") ? "DirectRunner"
            : args.get(i).substring("--runner=".length())));
      }
    }
    if (flink) {
      if (args.stream().noneMatch(a -> a.startsWith("--flinkMaster="))) {
        args.add("--flinkMaster=[local]");
      }
      if (args.stream().noneMatch(a -> a.startsWith("--parallelism="))) {
        args.add("--parallelism=2");
      }
    }
  }

  private void run() throws IOException {
    long keys = options.getKeys();
    List<Integer> counts = Arrays.stream(options.getPriorCommits().split(",")).map(String::trim)
        .map(Integer::parseInt).toList();
    Path dir = Path.of(options.getDir()).toAbsolutePath();
    delete(dir);
    Files.createDirectories(dir);
    String history = dir.resolve("history").toString();
    out.printf("runner %s, %,d keys, 1%% changes per snapshot, prior commits %s, dir %s%n",
        options.getRunner().getSimpleName(), keys, counts, dir);
    List<String> results = new ArrayList<>();
    int written = 0;
    for (int n : counts) {
      while (written < n) {
        int commit = ++written;
        double s = time(() -> writeHistoryCommit(history, commit));
        out.printf("history commit %d: %.1f s%n", commit, s);
      }
      results.add(measure(dir, history, n));
    }
    results.forEach(out::println);
  }

  private String measure(Path dir, String history, int n) throws IOException {
    long keys = options.getKeys();
    Path withCheckpoint = dir.resolve("n" + n + "-with");
    Path plain = dir.resolve("n" + n + "-without");
    copy(Path.of(history), withCheckpoint);
    Instant t = T0.plusSeconds(3600L * (n + 1));
    double first = time(() -> mergeWrite(withCheckpoint.toString(), 1, n, t));
    if (addData(withCheckpoint.toString()).get(addData(withCheckpoint.toString()).size() - 1).newCheckpoint()
        == null) {
      throw new IllegalStateException("The first MergeWrite committed no checkpoint");
    }
    copy(withCheckpoint, plain);
    long historyRecords = lastOffset(plain.toString()) + 1;
    double with = time(() -> mergeWrite(withCheckpoint.toString(), 2, n, t.plusSeconds(60)));
    double without = time(() -> plainMerge(plain.toString(), 2, n, t.plusSeconds(60)));
    String a = lastSlice(withCheckpoint.toString());
    String b = lastSlice(plain.toString());
    if (!a.equals(b)) {
      throw new IllegalStateException("The two paths committed different records: " + a + " vs " + b);
    }
    out.printf("n=%d: first merge (no checkpoint yet) %.1f s; with checkpoint %.1f s; without %.1f s; committed %s"
        + "%n", n, first, with, without, a);
    delete(withCheckpoint);
    delete(plain);
    return String.format(Locale.ROOT, "RESULT priorCommits=%d keys=%d historyRecords=%d firstMergeS=%.1f"
        + " withCheckpointS=%.1f withoutCheckpointS=%.1f ratio=%.2f", n, keys, historyRecords, first, with, without,
        without / with);
  }

  // ---- the data -------------------------------------------------------------------------------------------------

  /** How many times the history's commits 2..n corrected key {@code id}: commit j corrects keys with id % 2 == j % 2. */
  static int version(long id, int commits) {
    int v = 0;
    for (int j = 2; j <= commits; j++) {
      if (j % 2 == id % 2) {
        v++;
      }
    }
    return v;
  }

  static long value(long id, int version) {
    return id * 1_000L + version;
  }

  /** Snapshot s (1 or 2) after {@code commits} history commits: S1 changes ids = 1 mod 100, S2 also ids = 2 mod 100. */
  static long snapshotValue(long id, int s, int commits) {
    long v = value(id, version(id, commits));
    boolean changed = id % 100 == 1 || (s == 2 && id % 100 == 2);
    return changed ? v + 500 : v;
  }

  static String label(long id) {
    return "item-" + id;
  }

  private void writeHistoryCommit(String dataset, int commit) {
    Pipeline p = Pipeline.create(options);
    PCollection<Long> ids = p.apply("Keys", GenerateSequence.from(0).to(options.getKeys()));
    if (commit == 1) {
      ids.apply("Rows", ParDo.of(new InitialRows())).setRowSchema(ROWS)
          .apply("Write", OdfIO.write().to(dataset).withSystemTime(T0));
    } else {
      ids.apply("Corrections", ParDo.of(new Corrections(commit))).setRowSchema(CHANGES)
          .apply("Write", OdfIO.write().to(dataset).withSystemTime(T0.plusSeconds(3600L * commit))
              .withOrderBy("id", "op"));
    }
    p.run().waitUntilFinish();
  }

  private PCollection<Row> snapshot(Pipeline p, int s, int commits) {
    return p.apply("Keys", GenerateSequence.from(0).to(options.getKeys()))
        .apply("Snapshot", ParDo.of(new SnapshotRows(s, commits))).setRowSchema(ROWS);
  }

  private void mergeWrite(String dataset, int s, int commits, Instant systemTime) {
    Pipeline p = Pipeline.create(options);
    snapshot(p, s, commits).apply("Merge and write", MergeWrite.to(dataset).withStrategy(Merge.snapshot("id"))
        .withWrite(OdfIO.write().withSystemTime(systemTime)));
    p.run().waitUntilFinish();
  }

  private void plainMerge(String dataset, int s, int commits, Instant systemTime) {
    Pipeline p = Pipeline.create(options);
    PCollectionTuple.of(Merge.NEW, snapshot(p, s, commits))
        .and(Merge.CHANGELOG, p.apply("Read", OdfIO.read().from(dataset)))
        .apply("Merge", Merge.snapshot("id").withOrderColumn("__order"))
        .rows()
        .apply("Write", OdfIO.write().to(dataset).withSystemTime(systemTime).withOrderColumn("__order"));
    p.run().waitUntilFinish();
  }

  private static final class InitialRows extends DoFn<Long, Row> {
    @ProcessElement
    public void process(@Element Long id, OutputReceiver<Row> out) {
      out.output(Row.withSchema(ROWS).addValues(id, value(id, 0), label(id)).build());
    }
  }

  private static final class Corrections extends DoFn<Long, Row> {
    private final int commit;

    Corrections(int commit) {
      this.commit = commit;
    }

    @ProcessElement
    public void process(@Element Long id, OutputReceiver<Row> out) {
      if (id % 2 != commit % 2) {
        return;
      }
      int v = version(id, commit);
      out.output(Row.withSchema(CHANGES).addValues(2, id, value(id, v - 1), label(id)).build());
      out.output(Row.withSchema(CHANGES).addValues(3, id, value(id, v), label(id)).build());
    }
  }

  private static final class SnapshotRows extends DoFn<Long, Row> {
    private final int s;
    private final int commits;

    SnapshotRows(int s, int commits) {
      this.s = s;
      this.commits = commits;
    }

    @ProcessElement
    public void process(@Element Long id, OutputReceiver<Row> out) {
      out.output(Row.withSchema(ROWS).addValues(id, snapshotValue(id, s, commits), label(id)).build());
    }
  }

  // ---- helpers --------------------------------------------------------------------------------------------------

  private static List<AddData> addData(String dataset) {
    List<AddData> adds = new ArrayList<>();
    for (BlockRef b : new MetadataChain(LocalFsDatasetStorage.open(dataset)).blocks().toList()) {
      if (b.block().event() instanceof AddData a) {
        adds.add(0, a);
      }
    }
    return adds;
  }

  private static long lastOffset(String dataset) {
    return new MetadataChain(LocalFsDatasetStorage.open(dataset)).state().lastOffset();
  }

  /** The offsets and logical hashes of the last commit's slices. */
  private static String lastSlice(String dataset) {
    List<AddData> adds = addData(dataset);
    AddData last = adds.get(adds.size() - 1);
    return last.newData() == null ? "no data" : last.newData().offsetInterval() + " " + last.newData().logicalHash();
  }

  private static double time(Runnable r) {
    long start = System.nanoTime();
    r.run();
    return (System.nanoTime() - start) / 1e9;
  }

  private static void copy(Path from, Path to) throws IOException {
    delete(to);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> {
        try {
          Files.delete(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
