package org.odfbeam.transforms.sql;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.util.ReleaseInfo;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odfbeam.core.model.SqlQueryStep;
import org.odfbeam.core.model.TemporalTable;
import org.odfbeam.core.model.TransformSql;
import org.odfbeam.data.Vocabulary;

/**
 * Manifests: kamu's normalization of {@code query}/{@code queries}, which engines run, the explicit opt-in for
 * others, and the transform recorded (always the engine that ran).
 */
class OdfSqlManifestTest {
  static final String QUERY = "SELECT event_time, city FROM cities WHERE population > 1000000";

  private static PCollection<Row> apply(OdfSql sql) {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    return SqlTestData.tables(p).apply(sql);
  }

  private static TransformSql manifest(String engine) {
    return new TransformSql(engine, null, QUERY, null, null);
  }

  @Test
  void recordsBeamSqlAndItsVersionWithTheStepsInNormalizedForm() {
    // kamu-data/kamu-cli:src/odf/dataset/src/services/metadata_helpers.rs (normalize_transform): `query` becomes a
    // one-step `queries` without alias, and `query` is unset.
    OdfSql sql = OdfSql.fromManifest(new TransformSql("beam-sql", "2.60.0", QUERY, null, null));
    TransformSql recorded = sql.recordedTransform();
    assertThat(recorded, equalTo(new TransformSql("beam-sql", ReleaseInfo.getReleaseInfo().getSdkVersion(), null,
        List.of(new SqlQueryStep(null, QUERY)), null)));
    assertThat(recorded.version(), matchesPattern("\\d+\\.\\d+\\.\\d+"));
    assertThat(OdfSql.engineVersion(), equalTo(recorded.version()));
    assertThat(apply(sql).getSchema().getFieldNames(), equalTo(List.of("event_time", "city")));

    // Engine ids compare case-insensitively, as kamu's engines do (`transform.engine.to_lowercase()`).
    assertThat(apply(OdfSql.fromManifest(manifest("Beam-SQL"))).getSchema().getFieldCount(), equalTo(2));

    List<SqlQueryStep> steps = List.of(new SqlQueryStep("big", QUERY),
        new SqlQueryStep(null, "SELECT event_time, city FROM big"));
    assertThat(OdfSql.queries(steps).recordedTransform().queries(), equalTo(steps));
    assertThat(OdfSql.queries(steps).steps(), equalTo(steps));
    assertThat(OdfSql.query(QUERY).manifestEngine(), equalTo("beam-sql"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"spark", "flink", "datafusion", "risingwave"})
  void runsKamuEnginesManifestsOnlyWithTheOptInAndRecordsBeamSql(String engine) {
    OdfSql sql = OdfSql.fromManifest(manifest(engine));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> apply(sql));
    assertThat(e.getMessage(), allOf(
        containsString("Cannot run the SQL transform of engine '" + engine + "' with Beam SQL without an explicit"
            + " opt-in: its queries were written for kamu's " + engine + " engine"),
        containsString("use OdfSql.fromManifest(...).runWithBeamSql()"),
        containsString("records engine 'beam-sql' version '" + OdfSql.engineVersion() + "'")));
    assertThrows(IllegalArgumentException.class, sql::recordedTransform);

    OdfSql optedIn = sql.runWithBeamSql();
    assertThat(apply(optedIn).getSchema().getFieldNames(), equalTo(List.of("event_time", "city")));
    assertThat(optedIn.manifestEngine(), equalTo(engine));
    assertThat(optedIn.recordedTransform().engine(), equalTo("beam-sql"));
    assertThat(optedIn.recordedTransform().version(), equalTo(OdfSql.engineVersion()));
  }

  @Test
  void unknownEnginesNeedTheOptInToo() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> apply(OdfSql.fromManifest(manifest("duckdb"))));
    assertThat(e.getMessage(), containsString("its queries were written for engine 'duckdb', which odf-beam does"
        + " not know"));
    assertThat(OdfSql.fromManifest(manifest("duckdb")).runWithBeamSql().recordedTransform().engine(),
        equalTo("beam-sql"));
  }

  @Test
  void neverRunsBeamCodeProvenanceOrTemporalTables() {
    // OdfWrite's provenance convention for Beam code: engine `beam`, the query is a description.
    OdfSql provenance = OdfSql.fromManifest(new TransformSql("beam", "2.70.0 odf-beam 0.1.0-SNAPSHOT", null,
        List.of(new SqlQueryStep(null, "Apache Beam pipeline deriving from cities")), null)).runWithBeamSql();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> apply(provenance));
    assertThat(e.getMessage(), containsString("that is odf-beam's provenance record of a Beam pipeline"));

    // Flink's temporal tables (kamu-data/kamu-engine-flink manifests: temporalTables: [{name, primaryKey}]).
    OdfSql temporal = OdfSql.fromManifest(new TransformSql("flink", null, QUERY, null,
        List.of(new TemporalTable("countries", List.of("code"))))).runWithBeamSql();
    e = assertThrows(IllegalArgumentException.class, () -> apply(temporal));
    assertThat(e.getMessage(), containsString("it declares 1 temporal table(s) (temporalTables, a Flink"
        + " extension), and Beam SQL has no temporal tables"));
  }

  @Test
  void readsQueriesAsKamuAndTheSpecDefineThem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OdfSql.fromManifest(
        new TransformSql("spark", null, QUERY, List.of(new SqlQueryStep(null, QUERY)), null)));
    assertThat(e.getMessage(), containsString("it has both 'query' and 'queries'"));

    e = assertThrows(IllegalArgumentException.class,
        () -> OdfSql.fromManifest(new TransformSql("spark", null, null, null, null)));
    assertThat(e.getMessage(), containsString("it has neither 'query' nor 'queries'"));

    e = assertThrows(IllegalArgumentException.class, () -> OdfSql.queries(List.of()));
    assertThat(e.getMessage(), containsString("it has no query steps"));

    // kamu rejects more than one step without alias; the spec says the output step (no alias) is the last.
    e = assertThrows(IllegalArgumentException.class, () -> OdfSql.queries(List.of(
        new SqlQueryStep(null, QUERY), new SqlQueryStep("x", QUERY))));
    assertThat(e.getMessage(), containsString("step 1 of 2 (the output) has no alias, but only the last step"));

    e = assertThrows(IllegalArgumentException.class, () -> OdfSql.queries(List.of(
        new SqlQueryStep("x", QUERY), new SqlQueryStep("y", QUERY))));
    assertThat(e.getMessage(), containsString("the last step has alias 'y'"));

    e = assertThrows(IllegalArgumentException.class, () -> OdfSql.queries(List.of(
        new SqlQueryStep("x", QUERY), new SqlQueryStep("x", QUERY), new SqlQueryStep(null, QUERY))));
    assertThat(e.getMessage(), containsString("alias 'x' is used by more than one step"));

    e = assertThrows(IllegalArgumentException.class, () -> OdfSql.query(" "));
    assertThat(e.getMessage(), containsString("query() requires an SQL query"));
  }

  @Test
  void kamuExampleManifestsRunOrFailWhenAppliedExplainingWhy() {
    // kamu-data/kamu-cli:examples/covid/quebec.case-details.hm.yaml (engine datafusion), query verbatim.
    String quebec = "SELECT\n  row_id as id,\n  date_reported as reported_date,\n"
        + "  case when lower(gender) = 'male' then 'M' \n       when lower(gender) = 'female' then 'F' \n"
        + "       else 'U' end as gender,\n"
        + "  case when age_group = '<20' then '<20'\n       when age_group = '20-29' then '20s'\n"
        + "       when age_group = '30-39' then '30s'\n       when age_group = '40-49' then '40s'\n"
        + "       when age_group = '50-59' then '50s'\n       when age_group = '60-69' then '60s'\n"
        + "       when age_group = '70-79' then '70s'\n       when age_group = '80+' then '80+'\n"
        + "       else 'UNKNOWN' end as age_group,\n"
        + "  health_region as location\n  FROM \"covid19.quebec.case-details\"\n";
    Schema cases = Schema.builder().addInt64Field("offset").addInt32Field("op").addDateTimeField("system_time")
        .addDateTimeField("date_reported").addInt64Field("row_id").addStringField("gender")
        .addStringField("age_group").addStringField("health_region").build();
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    PCollectionTuple tables = PCollectionTuple.of("covid19.quebec.case-details",
        p.apply(Create.empty(cases)));
    Vocabulary reported = new Vocabulary("offset", "op", "system_time", "reported_date");
    OdfSqlException e = assertThrows(OdfSqlException.class, () -> tables.apply(
        OdfSql.fromManifest(new TransformSql("datafusion", null, quebec, null, null)).runWithBeamSql()
            .withVocabulary(reported)));
    assertThat(e.getMessage(), allOf(containsString("step 1 of 1 (the output)"),
        containsString("Beam SQL cannot parse it"), containsString("backticks")));
    // The same query with Beam SQL's quoting runs.
    PCollection<Row> harmonized = tables.apply("Backticks", OdfSql.fromManifest(new TransformSql("datafusion",
        null, quebec.replace('"', '`'), null, null)).runWithBeamSql().withVocabulary(reported));
    assertThat(harmonized.getSchema().getFieldNames(),
        equalTo(List.of("id", "reported_date", "gender", "age_group", "location")));

    // kamu-data/kamu-cli:examples/overdue_shipments/com.acme.shipments.overdue.yaml (engine flink), step 1
    // verbatim: an interval join.
    String orderShipments = "SELECT\n  o.event_time as order_time,\n  o.order_id,\n"
        + "  o.quantity as order_quantity,\n  CAST(s.event_time as TIMESTAMP(3)) as shipped_time,\n"
        + "  COALESCE(s.quantity, 0) as shipped_quantity\nFROM `com.acme.orders` as o\n"
        + "LEFT JOIN `com.acme.shipments` as s\nON\n  o.order_id = s.order_id\n"
        + "  AND s.event_time BETWEEN o.event_time AND o.event_time + INTERVAL '2' DAY\n";
    Schema orders = Schema.builder().addInt64Field("offset").addInt32Field("op").addDateTimeField("system_time")
        .addDateTimeField("event_time").addInt64Field("order_id").addInt64Field("quantity").build();
    PCollectionTuple shop = PCollectionTuple.of("com.acme.orders", p.apply("Orders", Create.empty(orders)))
        .and("com.acme.shipments", p.apply("Shipments", Create.empty(orders)));
    e = assertThrows(OdfSqlException.class, () -> shop.apply(OdfSql.fromManifest(new TransformSql("flink", null,
        null, List.of(new SqlQueryStep("order_shipments", orderShipments),
            new SqlQueryStep(null, "SELECT * FROM order_shipments")), null)).runWithBeamSql()));
    assertThat(e.getMessage(), allOf(containsString("step 1 of 2 (alias 'order_shipments')"),
        containsString("Beam SQL cannot express this query")));
  }
}
