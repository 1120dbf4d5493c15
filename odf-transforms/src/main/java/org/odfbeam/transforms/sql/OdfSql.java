package org.odfbeam.transforms.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.util.ReleaseInfo;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.model.SqlQueryStep;
import org.odfbeam.core.model.TransformSql;
import org.odfbeam.data.Vocabulary;

/**
 * Runs an ODF {@code Transform::Sql} ({@code SetTransform.transform} of a derivative dataset) with Beam SQL over the
 * inputs, each registered as a table under its alias. The result holds the derivative's new records, ready for
 * {@code OdfIO.write().derivedFrom(inputs)}.
 *
 * <h2>Running a transform</h2>
 * <pre>{@code
 * OdfInputs in = OdfInputs.of(pipeline, "/data/city-populations")        // the derivative (output)
 *     .add("cities", "/data/cities")
 *     .add("countries", "/data/countries");
 * OdfSql sql = OdfSql.queries(List.of(
 *     new SqlQueryStep("big", "SELECT event_time, city, country, population FROM cities"
 *         + " WHERE population >= 1000000"),
 *     new SqlQueryStep(null, "SELECT b.event_time, b.city, c.name AS country, b.population"
 *         + " FROM big AS b JOIN countries AS c ON b.country = c.code")));
 * PCollectionTuple.of("cities", in.get("cities")).and("countries", in.get("countries"))
 *     .apply("Run the SQL transform", sql)
 *     .apply(OdfIO.write().to("/data/city-populations").derivedFrom(in));
 * }</pre>
 * The input is a {@link PCollectionTuple} of schema'd {@code Row} collections; each tag id is a table name, the
 * input's alias in {@code SetTransform.inputs}. Steps run in order, as in kamu's engines: a step with an alias is
 * {@code CREATE TEMPORARY VIEW <alias> AS (<query>)} for the steps after it; the step without alias, which must be
 * the last, is the output. {@link #query} is the one-step form ({@code TransformSql.query}, which kamu normalizes
 * into {@code queries} the same way).
 *
 * <h2>From a manifest: engines and the opt-in</h2>
 * {@link #fromManifest} takes the {@code TransformSql} of a manifest or metadata chain. Its {@code engine} decides
 * whether it runs:
 * <ul>
 *   <li>{@value #ENGINE} (ours, any case): runs.
 *   <li>{@code spark}, {@code flink}, {@code datafusion}, {@code risingwave} (kamu's engines) or any other engine:
 *       fails when applied, explaining that the query was written for another SQL dialect, unless
 *       {@link #runWithBeamSql()} says to run it with Beam SQL anyway.
 *   <li>{@code beam}: never runs; it is odf-beam's provenance record for Beam code, whose query is a description.
 * </ul>
 * Whatever the manifest says, what runs is Beam SQL, and {@link #recordedTransform()} is what the derivative must
 * record in {@code SetTransform}: engine {@value #ENGINE}, version {@link #engineVersion()} (the Beam release, e.g.
 * {@code 2.70.0}, also when the manifest pinned another version), the steps as given in normalized form
 * ({@code queries}, never {@code query}). A chain never names an engine that did not run.
 *
 * <h2>Beam SQL's dialect</h2>
 * Apache Calcite SQL as Beam implements it. Identifiers are case-sensitive and quoted with backticks, never double
 * quotes (DataFusion's {@code "name"} does not parse). Names that are SQL keywords need backticks, among them the
 * system columns {@code `offset`} and {@code `system_time`}, and words like {@code `second`} or {@code `large`};
 * aliases with dots or dashes too ({@code FROM `com.example.cities`}). Strings take single quotes. Input tables have
 * the input's system columns ({@code offset}, {@code op}, {@code system_time}, {@code event_time}, named by the
 * input's vocabulary) and its data columns; timestamps are {@code TIMESTAMP} (milliseconds, UTC).
 *
 * <h2>Output columns (as kamu's engines require)</h2>
 * The output step's result must have the event time column, of type {@code TIMESTAMP}; may have the operation type
 * column ({@code INT}; absent means append); and must not have the offset or system time column, which the write
 * assigns anew: select the columns instead of {@code SELECT *}. Names come from {@link #withVocabulary} (default
 * {@link Vocabulary#DEFAULT}; use the output dataset's vocabulary). Every computed column needs a name
 * ({@code COUNT(*) AS n}).
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Everything is decided when the transform is applied: the steps are parsed, validated and planned then, and
 *       a step Beam SQL cannot run throws {@link OdfSqlException} naming the step and the reason. That includes what
 *       Beam SQL would accept but then fail on or get wrong while running (window functions ordered by a timestamp
 *       or string, or by several keys where ties matter) and non-deterministic functions ({@code RAND},
 *       {@code CURRENT_TIMESTAMP}), which ODF forbids.
 *   <li>Runs on every runner Beam SQL runs on; bounded inputs in, bounded output out.
 * </ul>
 *
 * <h2>Limitations</h2>
 * <ul>
 *   <li>Each run sees only the inputs' new records (what {@code OdfInputs} reads), and keeps no state between
 *       runs: filters, projections and per-record joins give the same result as over the whole inputs; aggregations,
 *       {@code DISTINCT} and joins between records of different runs do not (as with kamu's batch engines).
 *   <li>Beam SQL lacks much of what kamu manifests use: temporal tables and {@code FOR SYSTEM_TIME AS OF} joins
 *       ({@code temporalTables} is rejected), window table functions ({@code TABLE(TUMBLE(…))}), {@code LAG}/
 *       {@code LEAD}, non-equi joins, {@code COUNT(DISTINCT …)}, {@code ORDER BY} without {@code LIMIT}, and the
 *       engines' own functions ({@code to_timestamp}, {@code date_trunc}, {@code regexp_replace}, {@code CONCAT}
 *       with two arguments …). Group windows {@code GROUP BY TUMBLE/HOP(event_time, …)} work. See
 *       the README, section "SQL transforms with Beam SQL".
 * </ul>
 */
public final class OdfSql extends PTransform<PCollectionTuple, PCollection<Row>> {
  private static final long serialVersionUID = 1L;

  /** The engine id odf-beam records for (and accepts in manifests as) SQL run with Beam SQL. */
  public static final String ENGINE = "beam-sql";

  /** kamu's engines: manifests naming them run only with {@link #runWithBeamSql()}. */
  public static final Set<String> KAMU_ENGINES = Set.of("datafusion", "flink", "risingwave", "spark");

  /** The engine id of odf-beam's provenance record for Beam code (see {@code OdfWrite}): not runnable SQL. */
  static final String BEAM_CODE_ENGINE = "beam";

  private final List<SqlStep> steps;
  private final @Nullable String manifestEngine;
  private final int temporalTables;
  private final boolean runWithBeamSql;
  private final Vocabulary vocabulary;

  private OdfSql(List<SqlStep> steps, @Nullable String manifestEngine, int temporalTables, boolean runWithBeamSql,
      Vocabulary vocabulary) {
    this.steps = List.copyOf(steps);
    this.manifestEngine = manifestEngine;
    this.temporalTables = temporalTables;
    this.runWithBeamSql = runWithBeamSql;
    this.vocabulary = vocabulary;
  }

  /** A one-step transform: {@code sql}'s result is the output. */
  public static OdfSql query(String sql) {
    if (sql == null || sql.isBlank()) {
      throw new IllegalArgumentException("query() requires an SQL query, but was '" + sql + "'");
    }
    return new OdfSql(normalize(List.of(new SqlQueryStep(null, sql))), null, 0, false, Vocabulary.DEFAULT);
  }

  /**
   * A multi-step transform ({@code TransformSql.queries}): every step but the last has a distinct alias under which
   * later steps query its result; the last has none and is the output.
   */
  public static OdfSql queries(List<SqlQueryStep> steps) {
    Objects.requireNonNull(steps, "queries() requires the steps");
    return new OdfSql(normalize(steps), null, 0, false, Vocabulary.DEFAULT);
  }

  /**
   * The transform of a manifest or chain. {@code query} and {@code queries} are normalized as kamu does (exactly
   * one of them; {@code query} is a one-step {@code queries}); the engine is checked when the transform is applied
   * (see "From a manifest" above).
   */
  public static OdfSql fromManifest(TransformSql transform) {
    Objects.requireNonNull(transform, "fromManifest() requires a TransformSql");
    List<SqlQueryStep> given;
    if (transform.query() != null && transform.queries() != null) {
      throw new IllegalArgumentException("Cannot read the SQL transform of engine '" + transform.engine()
          + "': it has both 'query' and 'queries' (kamu rejects that too); keep one");
    } else if (transform.query() != null) {
      given = List.of(new SqlQueryStep(null, transform.query()));
    } else if (transform.queries() != null) {
      given = transform.queries();
    } else {
      throw new IllegalArgumentException("Cannot read the SQL transform of engine '" + transform.engine()
          + "': it has neither 'query' nor 'queries'");
    }
    int temporal = transform.temporalTables() == null ? 0 : transform.temporalTables().size();
    return new OdfSql(normalize(given), transform.engine(), temporal, false, Vocabulary.DEFAULT);
  }

  /**
   * Runs a manifest written for another engine ({@code spark}, {@code flink}, {@code datafusion},
   * {@code risingwave}, …) with Beam SQL. Its queries must then parse and plan in Beam SQL's dialect, and their
   * results may differ from what the other engine would give (functions, types, rounding, null handling); the
   * derivative records {@value #ENGINE} as the engine that ran ({@link #recordedTransform()}).
   */
  public OdfSql runWithBeamSql() {
    return new OdfSql(steps, manifestEngine, temporalTables, true, vocabulary);
  }

  /**
   * The system column names the output is checked against (the output dataset's vocabulary): its result must have
   * the event time column and must not have the offset or system time column. Default {@link Vocabulary#DEFAULT}.
   */
  public OdfSql withVocabulary(Vocabulary vocabulary) {
    Objects.requireNonNull(vocabulary, "withVocabulary() requires a vocabulary");
    return new OdfSql(steps, manifestEngine, temporalTables, runWithBeamSql, vocabulary);
  }

  /** The steps in order, normalized: the last is the output and has no alias. */
  public List<SqlQueryStep> steps() {
    return steps.stream().map(SqlStep::toModel).toList();
  }

  /** The engine the manifest named ({@link #fromManifest}), else {@value #ENGINE}. */
  public String manifestEngine() {
    return manifestEngine == null ? ENGINE : manifestEngine;
  }

  /**
   * The transform a derivative written from this transform's output must record in {@code SetTransform}: engine
   * {@value #ENGINE}, version {@link #engineVersion()}, the steps as {@code queries}. It names the engine that runs,
   * never the manifest's.
   *
   * @throws IllegalArgumentException if the transform would not run (another engine without
   *     {@link #runWithBeamSql()}, odf-beam's {@code beam} provenance, or temporal tables)
   */
  public TransformSql recordedTransform() {
    checkRunnable();
    return new TransformSql(ENGINE, engineVersion(), null, steps(), null);
  }

  /** The version of Beam SQL that runs: the Beam SDK release ({@code 2.70.0}). */
  public static String engineVersion() {
    return ReleaseInfo.getReleaseInfo().getSdkVersion();
  }

  @Override
  public PCollection<Row> expand(PCollectionTuple tables) {
    checkRunnable();
    Map<TupleTag<?>, PCollection<?>> all = tables.getAll();
    if (all.isEmpty()) {
      throw new IllegalArgumentException("Cannot run the SQL transform: it has no input tables; apply it to a"
          + " PCollectionTuple of the inputs keyed by alias, e.g. PCollectionTuple.of(\"cities\", rows)");
    }
    Set<String> names = new HashSet<>();
    for (Map.Entry<TupleTag<?>, PCollection<?>> table : all.entrySet()) {
      String name = table.getKey().getId();
      if (!table.getValue().hasSchema()) {
        throw new IllegalArgumentException("Cannot run the SQL transform: input table '" + name + "' has no"
            + " schema (use setRowSchema(), or the rows of OdfInputs.get())");
      }
      names.add(name);
    }
    for (SqlStep step : steps) {
      if (step.alias() != null && names.contains(step.alias())) {
        throw new IllegalArgumentException("Cannot run the SQL transform: " + step.describe() + " is named like"
            + " an input table; the inputs are " + names + " and a step's alias must differ from them");
      }
    }
    PCollectionTuple visible = tables;
    PCollection<Row> result = null;
    for (SqlStep step : steps) {
      result = visible.apply("Step " + step.number() + (step.alias() == null ? " (output)" : ": " + step.alias()),
          new RunSqlStep(step));
      if (step.alias() != null) {
        visible = visible.and(step.alias(), result);
      }
    }
    OutputColumns.checkOutput(result.getSchema(), vocabulary, steps.get(steps.size() - 1));
    // Group windows (GROUP BY TUMBLE(...)) leave the rows in their windows; the result is a set of records like the
    // inputs, so it goes back to the global window, where OdfIO.write() and other bounded steps expect it.
    Schema schema = result.getSchema();
    return result.apply("Into the global window", Window.<Row>into(new GlobalWindows())).setRowSchema(schema);
  }

  /** Fails unless this transform runs: the engine is ours or opted in, and it has no temporal tables. */
  private void checkRunnable() {
    String engine = manifestEngine == null ? ENGINE : manifestEngine.strip().toLowerCase(Locale.ROOT);
    if (engine.equals(BEAM_CODE_ENGINE)) {
      throw new IllegalArgumentException("Cannot run the SQL transform of engine 'beam': that is odf-beam's"
          + " provenance record of a Beam pipeline, and its query is a description of the code, not SQL. Re-run"
          + " the pipeline that wrote it instead");
    }
    if (!engine.equals(ENGINE) && !runWithBeamSql) {
      String whose = KAMU_ENGINES.contains(engine) ? "kamu's " + engine + " engine" : "engine '" + manifestEngine
          + "', which odf-beam does not know";
      throw new IllegalArgumentException("Cannot run the SQL transform of engine '" + manifestEngine
          + "' with Beam SQL without an explicit opt-in: its queries were written for " + whose + ", and odf-beam"
          + " runs SQL only with Beam SQL (engine '" + ENGINE + "', Apache Calcite's dialect), whose functions,"
          + " quoting and semantics differ, so results may differ. To run it with Beam SQL anyway, use"
          + " OdfSql.fromManifest(...).runWithBeamSql(); the dataset then records engine '" + ENGINE + "' version '"
          + engineVersion() + "', the engine that actually ran");
    }
    if (temporalTables > 0) {
      throw new IllegalArgumentException("Cannot run the SQL transform of engine '" + manifestEngine()
          + "': it declares " + temporalTables + " temporal table(s) (temporalTables, a Flink extension), and Beam"
          + " SQL has no temporal tables or FOR SYSTEM_TIME AS OF joins");
    }
  }

  /** Checks the steps as kamu and the ODF spec define them and numbers them. */
  private static List<SqlStep> normalize(List<SqlQueryStep> given) {
    if (given.isEmpty()) {
      throw new IllegalArgumentException("Cannot read the SQL transform: it has no query steps");
    }
    List<SqlStep> steps = new ArrayList<>();
    Set<String> aliases = new HashSet<>();
    for (int i = 0; i < given.size(); i++) {
      SqlQueryStep q = Objects.requireNonNull(given.get(i), "Cannot read the SQL transform: step " + (i + 1)
          + " is null");
      SqlStep step = new SqlStep(i + 1, given.size(), q.alias(), q.query());
      if (q.query().isBlank()) {
        throw new IllegalArgumentException("Cannot read the SQL transform: " + step.describe() + " has no query");
      }
      boolean last = i == given.size() - 1;
      if (q.alias() == null && !last) {
        throw new IllegalArgumentException("Cannot read the SQL transform: " + step.describe() + " has no alias,"
            + " but only the last step (the output) may lack one; give it an alias or move it to the end");
      }
      if (q.alias() != null && last) {
        throw new IllegalArgumentException("Cannot read the SQL transform: the last step has alias '" + q.alias()
            + "', but the last step is the output and must have no alias (ODF spec, SqlQueryStep)");
      }
      if (q.alias() != null && q.alias().isBlank()) {
        throw new IllegalArgumentException("Cannot read the SQL transform: step " + (i + 1) + " has a blank alias");
      }
      if (q.alias() != null && !aliases.add(q.alias())) {
        throw new IllegalArgumentException("Cannot read the SQL transform: alias '" + q.alias() + "' is used by"
            + " more than one step");
      }
      steps.add(step);
    }
    return steps;
  }
}
