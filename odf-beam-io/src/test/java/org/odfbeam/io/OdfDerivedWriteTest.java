package org.odfbeam.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.transforms.Select;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.core.chain.BlockRef;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.identity.DatasetId;
import org.odfbeam.core.identity.DatasetRef;
import org.odfbeam.core.model.DatasetKind;
import org.odfbeam.core.model.ExecuteTransform;
import org.odfbeam.core.model.ExecuteTransformInput;
import org.odfbeam.core.model.MetadataEvent;
import org.odfbeam.core.model.OffsetInterval;
import org.odfbeam.core.model.Seed;
import org.odfbeam.core.model.SetDataSchema;
import org.odfbeam.core.model.SetTransform;
import org.odfbeam.core.model.SqlQueryStep;
import org.odfbeam.core.model.TransformInput;
import org.odfbeam.core.model.TransformSql;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.storage.LocalFsDatasetStorage;

/** Derivative writes: incremental runs record exactly what they read; no new input commits nothing. */
class OdfDerivedWriteTest {
  static final String DESCRIPTION = "Cities with at least 500 inhabitants";
  static final Schema OUTPUT = OdfWriteTest.INPUT;

  @TempDir
  Path tmp;

  private static Pipeline pipeline() {
    return Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
  }

  /** One incremental run of the derivation: new cities with >= 500 inhabitants, system columns dropped. */
  private static void derive(String root, String out, Instant systemTime) {
    Pipeline p = pipeline();
    OdfInputs in = OdfInputs.of(p, out).add("cities", root);
    in.get("cities")
        .apply("Keep big cities", Filter.by((Row r) -> r.getInt64("population") >= 500))
        .apply("Keep data columns", Select.fieldNames("event_time", "city", "population"))
        .apply("Write big cities", OdfIO.write().to(out).derivedFrom(in)
            .withTransformDescription(DESCRIPTION).withSystemTime(systemTime));
    p.run().waitUntilFinish();
  }

  private static void appendCities(String root, Instant systemTime, Row... cities) {
    OdfWriteTest.run(root, List.of(cities), OdfIO.write().withSystemTime(systemTime));
  }

  private static Row city(long eventMillis, String name, long population) {
    return OdfWriteTest.city(eventMillis, name, population);
  }

  private static List<ExecuteTransform> executes(String dataset) {
    return OdfWriteTest.forward(dataset).stream().map(b -> b.block().event())
        .filter(ExecuteTransform.class::isInstance).map(ExecuteTransform.class::cast).toList();
  }

  private static Multihash head(String dataset) {
    return LocalFsDatasetStorage.open(dataset).readHead().orElseThrow();
  }

  private static DatasetId id(String dataset) {
    return new MetadataChain(LocalFsDatasetStorage.open(dataset)).state().datasetId();
  }

  private static Instant watermark(String dataset) {
    return new MetadataChain(LocalFsDatasetStorage.open(dataset)).state().lastWatermark();
  }

  /** Reads the (city, population) pairs of the output through OdfIO, asserting them in any order. */
  private static void assertOutput(String out, List<Row> expected) {
    Schema pairs = Schema.builder().addStringField("city").addInt64Field("population").build();
    List<Row> rows = new ArrayList<>();
    for (Row r : expected) {
      rows.add(Row.withSchema(pairs).addValues(r.getString("city"), r.getInt64("population")).build());
    }
    Pipeline p = pipeline();
    PCollection<Row> read = p.apply(OdfIO.read().from(out).withColumns("city", "population"));
    PAssert.that(read).containsInAnyOrder(rows);
    p.run().waitUntilFinish();
  }

  @Test
  void derivesIncrementallyAcrossThreeRunsRecordingExactlyWhatWasNew() {
    String root = tmp.resolve("cities").toString();
    String out = tmp.resolve("big-cities").toString();
    Instant t = OdfWriteTest.SYSTEM_TIME;
    List<Row> first = OdfWriteTest.tenCities(); // populations 0..900: five have >= 500
    OdfWriteTest.run(root, first, OdfIO.write().withSystemTime(t));
    Multihash root1 = head(root);

    // Run 1: everything is new.
    derive(root, out, t.plusSeconds(10));
    List<MetadataEvent> events = OdfWriteTest.forward(out).stream().map(b -> b.block().event()).toList();
    assertThat(events, hasSize(4));
    assertThat(((Seed) events.get(0)).datasetKind(), is(DatasetKind.DERIVATIVE));
    SetTransform transform = (SetTransform) events.get(1);
    assertThat(transform.inputs(), equalTo(List.of(new TransformInput(DatasetRef.ofId(id(root)), "cities"))));
    TransformSql sql = (TransformSql) transform.transform();
    assertThat(sql.engine(), is("beam"));
    assertThat(sql.version(), startsWith(org.apache.beam.sdk.util.ReleaseInfo.getReleaseInfo().getSdkVersion()
        + " odf-beam "));
    assertThat(sql.query(), is((String) null));
    assertThat(sql.queries(), equalTo(List.of(new SqlQueryStep(null, DESCRIPTION))));
    assertThat(events.get(2), instanceOf(SetDataSchema.class));
    ExecuteTransform run1 = (ExecuteTransform) events.get(3);
    assertThat(run1.queryInputs(), equalTo(List.of(new ExecuteTransformInput(id(root), null, root1, null, 9L))));
    assertThat(run1.prevOffset(), is((Long) null));
    assertThat(run1.newData().offsetInterval(), equalTo(new OffsetInterval(0, 4)));
    assertThat(run1.newWatermark(), equalTo(watermark(root)));
    List<Row> expected = new ArrayList<>(first.subList(5, 10));
    assertOutput(out, expected);

    // A run without new input commits nothing.
    Multihash outHead = head(out);
    derive(root, out, t.plusSeconds(20));
    assertThat(head(out), equalTo(outHead));

    // Run 2: five new cities, three of them big.
    appendCities(root, t.plusSeconds(30), city(5_000_000L, "new-a", 600), city(5_000_000L, "new-b", 10),
        city(6_000_000L, "new-c", 700), city(6_000_000L, "new-d", 20), city(7_000_000L, "new-e", 800));
    Multihash root2 = head(root);
    derive(root, out, t.plusSeconds(40));
    ExecuteTransform run2 = executes(out).get(1);
    assertThat(run2.queryInputs(), equalTo(List.of(new ExecuteTransformInput(id(root), root1, root2, 9L, 14L))));
    assertThat(run2.prevOffset(), is(4L));
    assertThat(run2.newData().offsetInterval(), equalTo(new OffsetInterval(5, 7)));
    assertThat(run2.newWatermark(), equalTo(Instant.ofEpochMilli(7_000_000L)));
    expected.add(city(5_000_000L, "new-a", 600));
    expected.add(city(6_000_000L, "new-c", 700));
    expected.add(city(7_000_000L, "new-e", 800));
    assertOutput(out, expected);

    // Run 3: two new cities, one big.
    appendCities(root, t.plusSeconds(50), city(8_000_000L, "newer-a", 5_000), city(8_000_000L, "newer-b", 5));
    Multihash root3 = head(root);
    derive(root, out, t.plusSeconds(60));
    ExecuteTransform run3 = executes(out).get(2);
    assertThat(run3.queryInputs(), equalTo(List.of(new ExecuteTransformInput(id(root), root2, root3, 14L, 16L))));
    assertThat(run3.prevOffset(), is(7L));
    assertThat(run3.newData().offsetInterval(), equalTo(new OffsetInterval(8, 8)));
    expected.add(city(8_000_000L, "newer-a", 5_000));
    assertOutput(out, expected);

    // Run 4: new input, but none of it passes the filter: the inputs advance without data.
    appendCities(root, t.plusSeconds(70), city(9_000_000L, "tiny", 1));
    Multihash root4 = head(root);
    derive(root, out, t.plusSeconds(80));
    ExecuteTransform run4 = executes(out).get(3);
    assertThat(run4.queryInputs(), equalTo(List.of(new ExecuteTransformInput(id(root), root3, root4, 16L, 17L))));
    assertThat(run4.prevOffset(), is(8L));
    assertThat(run4.newData(), is((Object) null));
    assertThat(run4.newWatermark(), equalTo(Instant.ofEpochMilli(9_000_000L)));

    long setTransforms = OdfWriteTest.forward(out).stream()
        .filter(b -> b.block().event() instanceof SetTransform).count();
    assertThat(setTransforms, is(1L));
    assertThat(executes(out), hasSize(4));
    OdfWriteTest.assertVerifies(out);
  }

  @Test
  void aNewDescriptionRecordsANewSetTransform() {
    String root = tmp.resolve("cities").toString();
    String out = tmp.resolve("big-cities").toString();
    Instant t = OdfWriteTest.SYSTEM_TIME;
    OdfWriteTest.run(root, OdfWriteTest.tenCities(), OdfIO.write().withSystemTime(t));
    derive(root, out, t.plusSeconds(10));
    appendCities(root, t.plusSeconds(20), city(5_000_000L, "new", 600));

    Pipeline p = pipeline();
    OdfInputs in = OdfInputs.of(p, out).add("cities", root);
    in.get("cities").apply(Select.fieldNames("event_time", "city", "population"))
        .apply(OdfIO.write().to(out).derivedFrom(in).withSystemTime(t.plusSeconds(30)));
    p.run().waitUntilFinish();

    List<SetTransform> transforms = OdfWriteTest.forward(out).stream().map(b -> b.block().event())
        .filter(SetTransform.class::isInstance).map(SetTransform.class::cast).toList();
    assertThat(transforms, hasSize(2));
    assertThat(((TransformSql) transforms.get(1).transform()).queries().get(0).query(),
        is(OdfWrite.DEFAULT_TRANSFORM_DESCRIPTION + " cities"));
    assertThat(executes(out), hasSize(2));
    OdfWriteTest.assertVerifies(out);
  }

  /** Writes ten cities to a root dataset and returns the settings of a derivation of it into {@code out}. */
  private WriteSettings firstDerivationOfTenCities(String out) {
    String root = tmp.resolve("cities").toString();
    OdfWriteTest.run(root, OdfWriteTest.tenCities(), OdfIO.write().withSystemTime(OdfWriteTest.SYSTEM_TIME));
    OdfInputs in = OdfInputs.of(pipeline(), out).add("cities", root);
    return OdfIO.write().to(out).derivedFrom(in).withSystemTime(OdfWriteTest.SYSTEM_TIME).settings(OUTPUT);
  }

  @Test
  void retriedCommitOfADerivativeWriteDoesNotDuplicate() {
    String out = tmp.resolve("big-cities").toString();
    WriteSettings settings = firstDerivationOfTenCities(out);
    WritePlan plan = PlanCommit.plan(settings, Instant.now());
    WrittenSlice slice = CommitBlocksTest.slice(settings, plan, tmp, "a", "b");

    List<CommittedBlock> first = CommitBlocksTest.step(settings).commit(plan, List.of(slice));
    Multihash head = head(out);
    List<CommittedBlock> retry = CommitBlocksTest.step(settings).commit(plan, List.of(slice));

    assertThat(first, hasSize(4)); // Seed, SetTransform, SetDataSchema, ExecuteTransform
    assertThat(retry, equalTo(first));
    assertThat(head(out), equalTo(head));
    assertThat(executes(out), hasSize(1));
    OdfWriteTest.assertVerifies(out);
  }

  @Test
  void retriedCommitWithoutDataDoesNotDuplicate() {
    String out = tmp.resolve("big-cities").toString();
    WriteSettings settings = firstDerivationOfTenCities(out);
    WritePlan plan = PlanCommit.plan(settings, Instant.now());

    List<CommittedBlock> first = CommitBlocksTest.step(settings).commit(plan, List.of());
    List<CommittedBlock> retry = CommitBlocksTest.step(settings).commit(plan, List.of());

    assertThat(first, hasSize(4));
    assertThat(retry, equalTo(first));
    assertThat(executes(out), hasSize(1));
    assertThat(executes(out).get(0).newData(), is((Object) null));
    OdfWriteTest.assertVerifies(out);
  }

  @Test
  void anOutputThatMovedAfterPlanningIsAConflict() {
    String root = tmp.resolve("cities").toString();
    String out = tmp.resolve("big-cities").toString();
    OdfWriteTest.run(root, OdfWriteTest.tenCities(), OdfIO.write().withSystemTime(OdfWriteTest.SYSTEM_TIME));
    OdfInputs stale = OdfInputs.of(pipeline(), out).add("cities", root);
    derive(root, out, OdfWriteTest.SYSTEM_TIME.plusSeconds(10));
    WriteSettings settings = OdfIO.write().to(out).derivedFrom(stale).settings(OUTPUT);

    ConcurrentWriteException e = assertThrows(ConcurrentWriteException.class,
        () -> PlanCommit.plan(settings, Instant.now()));
    assertThat(e.getMessage(), containsString("another writer moved refs/head from <none> to " + head(out)));
  }

  @Test
  void rootDatasetsCannotBeDerived() {
    String root = tmp.resolve("cities").toString();
    OdfWriteTest.run(root, OdfWriteTest.tenCities(), OdfIO.write().withSystemTime(OdfWriteTest.SYSTEM_TIME));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OdfInputs.of(pipeline(), root));
    assertThat(e.getMessage(), containsString("it is a ROOT dataset, not a derivative one"));
  }

  @Test
  void inputsMustBeForTheWrittenDataset() {
    String root = tmp.resolve("cities").toString();
    OdfWriteTest.run(root, OdfWriteTest.tenCities(), OdfIO.write().withSystemTime(OdfWriteTest.SYSTEM_TIME));
    OdfInputs in = OdfInputs.of(pipeline(), tmp.resolve("a").toString()).add("cities", root);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OdfIO.write().to(tmp.resolve("b").toString()).derivedFrom(in).settings(OUTPUT));
    assertThat(e.getMessage(), containsString("derivedFrom() was given the inputs of"));
  }
  @Test
  void withTransformRecordsTheSqlThatRanAndKeepsItAcrossRuns() {
    String root = tmp.resolve("cities").toString();
    String out = tmp.resolve("big-cities").toString();
    Instant t = OdfWriteTest.SYSTEM_TIME;
    OdfWriteTest.run(root, OdfWriteTest.tenCities(), OdfIO.write().withSystemTime(t));
    TransformSql sql = new TransformSql("beam-sql", "2.70.0", null, List.of(
        new SqlQueryStep("big", "SELECT event_time, city, population FROM cities WHERE population >= 500"),
        new SqlQueryStep(null, "SELECT * FROM big")), null);
    for (int run = 0; run < 2; run++) {
      if (run == 1) {
        appendCities(root, t.plusSeconds(20), city(5_000_000L, "new", 600));
      }
      Pipeline p = pipeline();
      OdfInputs in = OdfInputs.of(p, out).add("cities", root);
      in.get("cities")
          .apply(Filter.by((Row r) -> r.getInt64("population") >= 500))
          .apply(Select.fieldNames("event_time", "city", "population"))
          .apply(OdfIO.write().to(out).derivedFrom(in).withTransform(sql).withSystemTime(t.plusSeconds(30 + run)));
      p.run().waitUntilFinish();
    }
    List<SetTransform> transforms = OdfWriteTest.forward(out).stream().map(b -> b.block().event())
        .filter(SetTransform.class::isInstance).map(SetTransform.class::cast).toList();
    assertThat(transforms, hasSize(1));
    assertThat(transforms.get(0).transform(), equalTo(sql));
    assertThat(executes(out), hasSize(2));
    OdfWriteTest.assertVerifies(out);
  }

  @Test
  void withTransformIsValidated() {
    TransformSql noQuery = new TransformSql("beam-sql", null, null, null, null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OdfIO.write().withTransform(noQuery));
    assertThat(e.getMessage(), containsString("requires a query or queries"));
    TransformSql blank = new TransformSql(" ", null, "SELECT 1", null, null);
    e = assertThrows(IllegalArgumentException.class, () -> OdfIO.write().withTransform(blank));
    assertThat(e.getMessage(), containsString("requires the engine that ran the queries"));
    TransformSql ok = new TransformSql("beam-sql", null, "SELECT 1", null, null);
    e = assertThrows(IllegalArgumentException.class,
        () -> OdfIO.write().withTransformDescription("text").withTransform(ok));
    assertThat(e.getMessage(), containsString("exclude each other"));
    e = assertThrows(IllegalArgumentException.class,
        () -> OdfIO.write().withTransform(ok).withTransformDescription("text"));
    assertThat(e.getMessage(), containsString("exclude each other"));
    e = assertThrows(IllegalArgumentException.class, () -> OdfIO.write().to(tmp.resolve("x").toString())
        .withTransform(ok).settings(OUTPUT));
    assertThat(e.getMessage(), containsString("require derivedFrom()"));
  }
}
