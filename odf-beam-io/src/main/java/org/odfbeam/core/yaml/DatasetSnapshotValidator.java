package org.odfbeam.core.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.odfbeam.core.OdfFormatException;
import org.odfbeam.core.identity.DatasetId;
import org.odfbeam.core.identity.DatasetRef;
import org.odfbeam.core.model.AddPushSource;
import org.odfbeam.core.model.DatasetKind;
import org.odfbeam.core.model.DatasetSnapshot;
import org.odfbeam.core.model.MetadataEvent;
import org.odfbeam.core.model.SetAttachments;
import org.odfbeam.core.model.SetDataSchema;
import org.odfbeam.core.model.SetInfo;
import org.odfbeam.core.model.SetLicense;
import org.odfbeam.core.model.SetPollingSource;
import org.odfbeam.core.model.SetTransform;
import org.odfbeam.core.model.SetVocab;
import org.odfbeam.core.model.SqlQueryStep;
import org.odfbeam.core.model.Transform;
import org.odfbeam.core.model.TransformInput;
import org.odfbeam.core.model.TransformSql;

/**
 * The checks and normalizations {@code kamu add} applies to a {@link DatasetSnapshot} before turning it into
 * blocks (kamu-data/kamu-cli:src/odf/dataset/src/services/metadata_helpers.rs,
 * {@code normalize_and_validate_dataset_snapshot}).
 *
 * <ul>
 *   <li>Seed, AddData, ExecuteTransform, DisablePollingSource and DisablePushSource are rejected;
 *   <li>SetPollingSource and AddPushSource only on Root datasets, SetTransform only on Derivative ones;
 *   <li>transforms (SetTransform and source {@code preprocess}) are normalized: a single {@code query} moves
 *       to {@code queries: [{query}]}; {@code query} together with {@code queries} is an error, and so is
 *       more than one query without an alias (and, where kamu would panic, neither of them);
 *   <li>with a resolver, every SetTransform input is resolved to its DID and a missing {@code alias} is
 *       set to the original reference text; unresolvable inputs are reported together.
 * </ul>
 *
 * <p>Errors are {@link OdfFormatException}s reading {@code "Invalid snapshot: content.metadata[1]: SetTransform
 * is only allowed on derivative datasets"}.
 */
public final class DatasetSnapshotValidator {

  private DatasetSnapshotValidator() {}

  /** Validates and normalizes without resolving transform inputs. */
  public static DatasetSnapshot normalize(DatasetSnapshot snapshot) {
    return normalize(snapshot, null);
  }

  /**
   * Validates and normalizes; {@code resolver} maps an input reference to the dataset's id, or returns null
   * when the dataset does not exist (null resolver: inputs are left as written).
   */
  public static DatasetSnapshot normalize(
      DatasetSnapshot snapshot, Function<DatasetRef, DatasetId> resolver) {
    Objects.requireNonNull(snapshot, "snapshot");
    List<MetadataEvent> out = new ArrayList<>(snapshot.metadata().size());
    for (int i = 0; i < snapshot.metadata().size(); i++) {
      String path = "content.metadata[" + i + "]";
      MetadataEvent event = snapshot.metadata().get(i);
      if (event instanceof SetPollingSource e) {
        requireKind(snapshot, DatasetKind.ROOT, path, "SetPollingSource event is only allowed on root datasets");
        out.add(
            new SetPollingSource(
                e.fetch(), e.prepare(), e.read(), normalizeTransform(e.preprocess(), path + ".preprocess"), e.merge()));
      } else if (event instanceof AddPushSource e) {
        requireKind(snapshot, DatasetKind.ROOT, path, "AddPushSource event is only allowed on root datasets");
        out.add(
            new AddPushSource(
                e.sourceName(), e.read(), normalizeTransform(e.preprocess(), path + ".preprocess"), e.merge()));
      } else if (event instanceof SetTransform e) {
        requireKind(snapshot, DatasetKind.DERIVATIVE, path, "SetTransform is only allowed on derivative datasets");
        List<TransformInput> inputs = resolver == null ? e.inputs() : resolve(snapshot, e.inputs(), resolver);
        out.add(new SetTransform(inputs, normalizeTransform(e.transform(), path + ".transform")));
      } else if (event instanceof SetDataSchema
          || event instanceof SetAttachments
          || event instanceof SetInfo
          || event instanceof SetLicense
          || event instanceof SetVocab) {
        out.add(event);
      } else if (event instanceof org.odfbeam.core.model.Seed) {
        throw invalid(path, "Seed event is generated and cannot be specified explicitly");
      } else {
        throw invalid(path, "Event is not allowed to appear in a DatasetSnapshot: " + event.kindName());
      }
    }
    return new DatasetSnapshot(snapshot.name(), snapshot.kind(), out);
  }

  private static void requireKind(DatasetSnapshot s, DatasetKind kind, String path, String reason) {
    if (s.kind() != kind) {
      throw invalid(path, reason);
    }
  }

  /** kamu's {@code normalize_transform}. */
  static Transform normalizeTransform(Transform transform, String path) {
    if (transform == null) {
      return null;
    }
    TransformSql sql = (TransformSql) transform;
    List<SqlQueryStep> queries = sql.queries();
    if (sql.query() != null) {
      if (queries != null) {
        throw invalid(path, "Cannot specify both 'query' and 'queries' in SetTransform");
      }
      queries = List.of(new SqlQueryStep(null, sql.query()));
    }
    if (queries == null) {
      throw invalid(path, "Transform must specify either 'query' or 'queries'");
    }
    long nameless = queries.stream().filter(q -> q.alias() == null).count();
    if (nameless > 1) {
      throw invalid(
          path,
          "Transform has multiple queries without an alias, only one is such query is allowed to be "
              + "treated as output");
    }
    return new TransformSql(sql.engine(), sql.version(), null, queries, sql.temporalTables());
  }

  private static List<TransformInput> resolve(
      DatasetSnapshot snapshot, List<TransformInput> inputs, Function<DatasetRef, DatasetId> resolver) {
    List<TransformInput> out = new ArrayList<>(inputs.size());
    List<String> missing = new ArrayList<>();
    for (TransformInput in : inputs) {
      DatasetId id = resolver.apply(in.datasetRef());
      if (id == null) {
        missing.add(in.datasetRef().toString());
        continue;
      }
      String alias = in.alias() != null ? in.alias() : in.datasetRef().toString();
      out.add(new TransformInput(DatasetRef.ofId(id), alias));
    }
    if (!missing.isEmpty()) {
      throw new OdfFormatException(
          "Dataset " + snapshot.name() + " is referencing non-existing inputs: " + String.join(", ", missing));
    }
    return out;
  }

  private static OdfFormatException invalid(String path, String reason) {
    return new OdfFormatException("Invalid snapshot: " + path + ": " + reason);
  }
}
