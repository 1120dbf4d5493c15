package org.odfbeam.core.chain;

import static org.odfbeam.core.chain.Rejections.assertRejected;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.core.identity.DatasetId;
import org.odfbeam.core.identity.DatasetRef;
import org.odfbeam.core.model.ExecuteTransform;
import org.odfbeam.core.model.ExecuteTransformInput;
import org.odfbeam.core.model.SetTransform;
import org.odfbeam.core.model.SqlQueryStep;
import org.odfbeam.core.model.TransformInput;
import org.odfbeam.core.model.TransformSql;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.testing.TestDataset;
import org.odfbeam.core.testing.TestDatasets;

/**
 * SetTransform and ExecuteTransform rules
 * (kamu-data/kamu-cli:src/odf/dataset-impl/src/entities/metadata_chain_validators.rs,
 * ValidateSetTransformVisitor, ValidateExecuteTransformVisitor, validate_transform).
 */
class TransformRulesTest {
  @TempDir Path dir;
  private TestDataset ds;
  private final DatasetId a = DatasetId.newRandom();
  private final DatasetId b = DatasetId.newRandom();
  private final Multihash a1 = hash("a1");
  private final Multihash a2 = hash("a2");
  private final Multihash b1 = hash("b1");

  private static Multihash hash(String s) {
    return Multihash.sha3_256(s.getBytes());
  }

  private static TransformSql sql(SqlQueryStep... queries) {
    return new TransformSql("datafusion", null, null, List.of(queries), null);
  }

  private static final TransformSql SELECT = sql(new SqlQueryStep(null, "select * from a"));

  private SetTransform transform(TransformInput... inputs) {
    return new SetTransform(List.of(inputs), SELECT);
  }

  private TransformInput input(DatasetId id, String alias) {
    return new TransformInput(DatasetRef.ofId(id), alias);
  }

  @BeforeEach
  void setUp() {
    ds = TestDatasets.derivative(dir).build();
  }

  private void withFirstExecution() {
    ds.append(transform(input(a, "a"), input(b, "b")));
    ds.append(new ExecuteTransform(List.of(
        new ExecuteTransformInput(a, null, a1, null, 9L),
        new ExecuteTransformInput(b, null, b1, null, 4L)),
        null, null, ds.storeSlice(0, 9), null, TestDatasets.T0));
  }

  private ExecuteTransform execute(ExecuteTransformInput inputA) {
    return new ExecuteTransform(List.of(inputA, new ExecuteTransformInput(b, b1, null, 4L, null)),
        null, 9L, ds.storeSlice(10, 12), null, TestDatasets.T0);
  }

  @Test
  void setTransformNeedsInputs() {
    assertRejected(TransformWithoutInputsException.class, ds, ds.next(transform()),
        "Transform must have at least one input (expected >= 1, found 0)");
  }

  @Test
  void setTransformInputsMustBeDistinct() {
    assertRejected(DuplicateTransformInputsException.class, ds,
        ds.next(transform(input(a, "a"), input(a, "a2"))),
        "Transform contains duplicate inputs: [" + a + "]");
  }

  @Test
  void setTransformInputsMustBeResolvedToIds() {
    assertRejected(UnresolvedTransformInputException.class, ds,
        ds.next(transform(new TransformInput(DatasetRef.parse("some-input"), "x"))),
        "Transform inputs must be resolved to dataset IDs and specify aliases",
        "found some-input with alias x");
  }

  @Test
  void setTransformInputsMustHaveAliases() {
    assertRejected(UnresolvedTransformInputException.class, ds,
        ds.next(transform(input(a, null))),
        "Transform inputs must be resolved to dataset IDs and specify aliases",
        "with alias none");
  }

  @Test
  void queriesMustBeNormalized() {
    SetTransform legacy = new SetTransform(List.of(input(a, "a")),
        new TransformSql("datafusion", null, "select 1", null, null));
    assertRejected(TransformNotNormalizedException.class, ds, ds.next(legacy),
        "Transform queries must be normalized (expected queries, found query 'select 1')");
  }

  @Test
  void transformNeedsAQuery() {
    assertRejected(TransformNotNormalizedException.class, ds,
        ds.next(new SetTransform(List.of(input(a, "a")), sql())),
        "Transform must have at least one query");
  }

  @Test
  void lastQueryMustHaveNoAlias() {
    assertRejected(TransformNotNormalizedException.class, ds,
        ds.next(new SetTransform(List.of(input(a, "a")), sql(new SqlQueryStep("out", "select 1")))),
        "Last query in a transform must have no alias", "(found alias 'out')");
  }

  @Test
  void intermediateQueriesNeedAliases() {
    assertRejected(TransformNotNormalizedException.class, ds,
        ds.next(new SetTransform(List.of(input(a, "a")),
            sql(new SqlQueryStep(null, "select 1"), new SqlQueryStep(null, "select 2")))),
        "In a transform all queries except the last one must have aliases (query 0 has none)");
  }

  @Test
  void executeTransformNeedsASetTransform() {
    assertRejected(TransformNotDefinedException.class, ds,
        ds.next(new ExecuteTransform(List.of(new ExecuteTransformInput(a, null, a1, null, 9L)),
            null, null, ds.storeSlice(0, 9), null, null)),
        "ExecuteTransform must be preceded by SetTransform event");
  }

  @Test
  void executeTransformInputsFollowTheDeclaredOrder() {
    ds.append(transform(input(a, "a"), input(b, "b")));
    assertRejected(TransformInputsOrderException.class, ds,
        ds.next(new ExecuteTransform(List.of(
            new ExecuteTransformInput(b, null, b1, null, 4L),
            new ExecuteTransformInput(a, null, a1, null, 9L)),
            null, null, ds.storeSlice(0, 9), null, null)),
        "Inputs must be listed in same order as initially declared in SetTransform event",
        "(expected [" + a + ", " + b + "], found [" + b + ", " + a + "])");
  }

  @Test
  void inputBlockIntervalMustNotBeEmptyWhenGiven() {
    withFirstExecution();
    assertRejected(InputBlockIntervalException.class, ds,
        ds.next(execute(new ExecuteTransformInput(a, a1, a1, 9L, 12L))),
        "Invalid input block interval of input " + a);
  }

  @Test
  void inputOffsetIntervalMustNotBeEmptyWhenGiven() {
    withFirstExecution();
    assertRejected(InputOffsetIntervalException.class, ds,
        ds.next(execute(new ExecuteTransformInput(a, a1, a2, 9L, 9L))),
        "Invalid input offset interval of input " + a);
  }

  @Test
  void inputPrevBlockHashContinuesThePreviousQuery() {
    withFirstExecution();
    assertRejected(InputPrevBlockHashMismatchException.class, ds,
        ds.next(execute(new ExecuteTransformInput(a, a2, hash("a3"), 9L, 12L))),
        "Input prevBlockHash does not correspond to the last block included in the previous query",
        "(expected " + a1 + ", found " + a2 + ")");
  }

  @Test
  void inputPrevOffsetContinuesThePreviousQuery() {
    withFirstExecution();
    assertRejected(InputPrevOffsetMismatchException.class, ds,
        ds.next(execute(new ExecuteTransformInput(a, a1, a2, 5L, 12L))),
        "Input prevOffset hash does not correspond to the last offset included in the previous query",
        "(expected 9, found 5)");
  }

  @Test
  void inputOffsetsNeedBlocks() {
    withFirstExecution();
    assertRejected(InputOffsetsWithoutBlocksException.class, ds,
        ds.next(execute(new ExecuteTransformInput(a, a1, null, 9L, 12L))),
        "Input specifies a non-empty offset interval, but its block interval is empty");
  }

  @Test
  void executeTransformMustAdvanceSomething() {
    withFirstExecution();
    assertRejected(ExecuteTransformNoOpException.class, ds,
        ds.next(new ExecuteTransform(List.of(
            new ExecuteTransformInput(a, a1, null, 9L, null),
            new ExecuteTransformInput(b, b1, null, 4L, null)),
            null, 9L, null, null, TestDatasets.T0)),
        "Event neither has data nor it advances inputs, checkpoint, or watermark");
  }

  @Test
  void validSecondExecutionIsAccepted() {
    withFirstExecution();
    ds.append(execute(new ExecuteTransformInput(a, a1, a2, 9L, 12L)));
  }
}
