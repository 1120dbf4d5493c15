package org.odfbeam.core.chain;

import static org.odfbeam.core.chain.DataEventRules.orNone;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.odfbeam.core.chain.InvalidBlockException.BlockContext;
import org.odfbeam.core.identity.DatasetId;
import org.odfbeam.core.identity.DatasetRef;
import org.odfbeam.core.model.ExecuteTransform;
import org.odfbeam.core.model.ExecuteTransformInput;
import org.odfbeam.core.model.MetadataEvent;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.model.SetTransform;
import org.odfbeam.core.model.SqlQueryStep;
import org.odfbeam.core.model.Transform;
import org.odfbeam.core.model.TransformInput;
import org.odfbeam.core.model.TransformSql;
import org.odfbeam.core.multiformats.Multihash;

/** SetTransform definition rules, SQL query normalization, and ExecuteTransform sequencing. */
final class TransformRules {
  private TransformRules() {}

  /** SetTransform: at least one input, no duplicates, inputs resolved to ids with aliases. */
  static void checkSetTransform(BlockContext ctx, MetadataEvent event) {
    if (!(event instanceof SetTransform e)) {
      return;
    }
    if (e.inputs().isEmpty()) {
      throw new TransformWithoutInputsException(ctx,
          "Transform must have at least one input (expected >= 1, found 0)");
    }
    Set<DatasetId> seen = new HashSet<>();
    Set<String> duplicates = new LinkedHashSet<>();
    for (TransformInput input : e.inputs()) {
      if (!seen.add(idOf(input.datasetRef()))) {
        duplicates.add(input.datasetRef().toString());
      }
    }
    if (!duplicates.isEmpty()) {
      throw new DuplicateTransformInputsException(ctx,
          "Transform contains duplicate inputs: " + duplicates);
    }
    for (TransformInput input : e.inputs()) {
      if (idOf(input.datasetRef()) == null || input.alias() == null) {
        throw new UnresolvedTransformInputException(ctx, "Transform inputs must be resolved to"
            + " dataset IDs and specify aliases (expected did:odf:… with alias, found "
            + input.datasetRef() + " with alias " + orNone(input.alias()) + ")");
      }
    }
    checkNormalized(ctx, e.transform());
  }

  /** kamu's {@code validate_transform}: queries normalized, only the last one without alias. */
  static void checkNormalized(BlockContext ctx, Transform transform) {
    if (!(transform instanceof TransformSql sql)) {
      return;
    }
    if (sql.query() != null) {
      throw new TransformNotNormalizedException(ctx, "Transform queries must be normalized"
          + " (expected queries, found query '" + sql.query() + "')");
    }
    List<SqlQueryStep> queries = sql.queries();
    if (queries == null || queries.isEmpty()) {
      throw new TransformNotNormalizedException(ctx,
          "Transform must have at least one query (expected >= 1, found 0)");
    }
    if (queries.get(queries.size() - 1).alias() != null) {
      throw new TransformNotNormalizedException(ctx, "Last query in a transform must have no alias"
          + " an will be treated as an output (found alias '"
          + queries.get(queries.size() - 1).alias() + "')");
    }
    for (int i = 0; i < queries.size() - 1; i++) {
      if (queries.get(i).alias() == null) {
        throw new TransformNotNormalizedException(ctx, "In a transform all queries except the last"
            + " one must have aliases (query " + i + " has none)");
      }
    }
  }

  /** ExecuteTransform against the preceding SetTransform / ExecuteTransform. */
  static void checkExecuteTransform(BlockContext ctx, ChainState state, MetadataEvent event) {
    if (!(event instanceof ExecuteTransform e)) {
      return;
    }
    if (state.currentSchema() == null && e.newData() != null) {
      throw new SchemaNotDefinedException(ctx, "SetDataSchema event must be present before adding"
          + " data (expected a SetDataSchema block, found none)");
    }
    List<DatasetId> actual = new ArrayList<>();
    e.queryInputs().forEach(i -> actual.add(i.datasetId()));
    SetTransform transform = state.setTransformForExecute();
    ExecuteTransform prev = state.lastExecuteTransform();
    List<DatasetId> expected = new ArrayList<>();
    if (transform != null) {
      transform.inputs().forEach(i -> expected.add(idOf(i.datasetRef())));
    } else if (prev != null) {
      prev.queryInputs().forEach(i -> expected.add(i.datasetId()));
    } else {
      throw new TransformNotDefinedException(ctx, "ExecuteTransform must be preceded by"
          + " SetTransform event (expected a SetTransform block, found none)");
    }
    if (!actual.equals(expected)) {
      throw new TransformInputsOrderException(ctx, "Inputs must be listed in same order as"
          + " initially declared in SetTransform event (expected " + expected + ", found " + actual
          + ")");
    }
    if (prev != null) {
      for (int i = 0; i < Math.min(prev.queryInputs().size(), e.queryInputs().size()); i++) {
        checkInput(ctx, prev.queryInputs().get(i), e.queryInputs().get(i));
      }
    }
    DataEventRules.checkCheckpointContinuity(ctx, prev, e);
    Multihash newCheckpoint = e.newCheckpoint() == null ? null : e.newCheckpoint().physicalHash();
    if (e.newData() == null
        && Objects.equals(newCheckpoint, e.prevCheckpoint())
        && Objects.equals(e.newWatermark(), prev == null ? null : prev.newWatermark())
        && e.queryInputs().stream().allMatch(i -> i.newBlockHash() == null)) {
      throw new ExecuteTransformNoOpException(ctx, "Event neither has data nor it advances inputs,"
          + " checkpoint, or watermark (expected a change, found none)");
    }
  }

  private static void checkInput(BlockContext ctx, ExecuteTransformInput prev,
      ExecuteTransformInput next) {
    String input = " of input " + next.datasetId();
    if (next.newBlockHash() != null && next.newBlockHash().equals(next.prevBlockHash())) {
      throw new InputBlockIntervalException(ctx, "Invalid input block interval" + input
          + " (expected newBlockHash != prevBlockHash, found both " + next.newBlockHash() + ")");
    }
    if (next.newOffset() != null && next.newOffset().equals(next.prevOffset())) {
      throw new InputOffsetIntervalException(ctx, "Invalid input offset interval" + input
          + " (expected newOffset != prevOffset, found both " + next.newOffset() + ")");
    }
    Multihash lastBlock = prev.newBlockHash() != null ? prev.newBlockHash() : prev.prevBlockHash();
    if (!Objects.equals(next.prevBlockHash(), lastBlock)) {
      throw new InputPrevBlockHashMismatchException(ctx, "Input prevBlockHash does not correspond"
          + " to the last block included in the previous query" + input + " (expected "
          + orNone(lastBlock) + ", found " + orNone(next.prevBlockHash()) + ")");
    }
    Long lastOffset = prev.newOffset() != null ? prev.newOffset() : prev.prevOffset();
    if (!Objects.equals(next.prevOffset(), lastOffset)) {
      throw new InputPrevOffsetMismatchException(ctx, "Input prevOffset hash does not correspond"
          + " to the last offset included in the previous query" + input + " (expected "
          + orNone(lastOffset) + ", found " + orNone(next.prevOffset()) + ")");
    }
    if (next.newOffset() != null && next.newBlockHash() == null) {
      throw new InputOffsetsWithoutBlocksException(ctx, "Input specifies a non-empty offset"
          + " interval, but its block interval is empty" + input + " (expected newBlockHash, found"
          + " none with newOffset " + next.newOffset() + ")");
    }
  }

  /** The dataset id a SetTransform input refers to, or null if it is given by alias only. */
  static @Nullable DatasetId idOf(DatasetRef ref) {
    return ref.id().orElse(null);
  }
}
