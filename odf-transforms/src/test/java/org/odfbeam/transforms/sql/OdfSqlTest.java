package org.odfbeam.transforms.sql;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.odfbeam.transforms.sql.SqlTestData.day;

import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odfbeam.core.model.SqlQueryStep;
import org.odfbeam.data.Vocabulary;

/**
 * Running SQL steps over aliased inputs, and everything Beam SQL cannot run failing when the transform is applied.
 * The construction tests build pipelines they never run.
 */
@ExtendWith(TestPipelineExtension.class)
class OdfSqlTest {

  private static Pipeline unrun() {
    return Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
  }

  /** One pipeline, several transforms: Beam SQL planning and a Direct run cost seconds each. */
  @Test
  void runsSingleAndMultiStepQueriesOverInputsRegisteredUnderTheirAliases(TestPipeline p) {
    PCollectionTuple tables = SqlTestData.tables(p);

    // One step over an alias that needs backticks (dots and dashes, as kamu's dataset names have).
    PCollection<Row> big = PCollectionTuple.of("com.example.cities-v2", tables.get("cities"))
        .apply("Big cities", OdfSql.query("SELECT event_time, city, population FROM `com.example.cities-v2`"
            + " WHERE population >= 10000000"));
    Schema bigSchema = Schema.builder().addDateTimeField("event_time").addStringField("city")
        .addInt64Field("population").build();
    assertThat(big.getSchema(), equalTo(bigSchema));
    PAssert.that(big).containsInAnyOrder(
        Row.withSchema(bigSchema).addValues(day(1), "Tokyo", 37_400_000L).build(),
        Row.withSchema(bigSchema).addValues(day(1), "Osaka", 19_100_000L).build());

    // Three steps: each alias is a table for the later steps; `offset` needs backticks (a reserved word); the
    // window function's name (rnk), which Beam SQL loses, is restored.
    PCollection<Row> ranked = tables.apply("Ranked cities", OdfSql.queries(List.of(
        new SqlQueryStep("big", "SELECT event_time, city, country, population FROM cities"
            + " WHERE population >= 1000000 AND `offset` >= 0"),
        new SqlQueryStep("ranked", "SELECT event_time, city, country, population,"
            + " ROW_NUMBER() OVER (PARTITION BY country ORDER BY population DESC) AS rnk FROM big"),
        new SqlQueryStep(null, "SELECT r.event_time, r.city, c.name AS country, r.rnk FROM ranked AS r"
            + " JOIN countries AS c ON r.country = c.code"))));
    Schema rankedSchema = Schema.builder().addDateTimeField("event_time").addStringField("city")
        .addStringField("country").addInt64Field("rnk").build();
    assertThat(ranked.getSchema(), equalTo(rankedSchema));
    PAssert.that(ranked).containsInAnyOrder(
        Row.withSchema(rankedSchema).addValues(day(1), "Tokyo", "Japan", 1L).build(),
        Row.withSchema(rankedSchema).addValues(day(1), "Osaka", "Japan", 2L).build(),
        Row.withSchema(rankedSchema).addValues(day(3), "Toronto", "Canada", 1L).build(),
        Row.withSchema(rankedSchema).addValues(day(2), "Vancouver", "Canada", 2L).build());

    // A group window over event time, the operation type passed through, and a custom vocabulary whose offset
    // column is "off": `offset` is then an ordinary data column.
    PCollection<Row> daily = tables.apply("Daily population", OdfSql.query(
        "SELECT TUMBLE_START(event_time, INTERVAL '1' DAY) AS day_start, op, SUM(population) AS total,"
            + " MAX(`offset`) AS `offset` FROM cities GROUP BY TUMBLE(event_time, INTERVAL '1' DAY), op")
        .withVocabulary(new Vocabulary("off", "op", "system_time", "day_start")));
    Schema dailySchema = Schema.builder().addDateTimeField("day_start").addInt32Field("op")
        .addInt64Field("total").addInt64Field("offset").build();
    assertThat(daily.getSchema(), equalTo(dailySchema));
    PAssert.that(daily).containsInAnyOrder(
        Row.withSchema(dailySchema).addValues(day(1), 0, 56_500_000L, 1L).build(),
        Row.withSchema(dailySchema).addValues(day(2), 0, 2_950_000L, 3L).build(),
        Row.withSchema(dailySchema).addValues(day(3), 0, 6_308_000L, 5L).build());

    // Standard functions kamu manifests use, as Beam SQL spells them.
    PCollection<Row> functions = tables.apply("Functions", OdfSql.query("SELECT event_time,"
        + " CASE WHEN population > 1000000 THEN 'big' ELSE 'small' END AS size, COALESCE(city, '?') AS c,"
        + " LOWER(city) AS lo, UPPER(country) AS up, SUBSTRING(city FROM 1 FOR 2) AS sub, TRIM(' x ') AS tr,"
        + " REPLACE(city, 'a', 'A') AS rep, city || '/' || country AS cat, EXTRACT(DAY FROM event_time) AS d,"
        + " FLOOR(event_time TO MONTH) AS m, TIMESTAMPADD(DAY, 1, event_time) AS next_day,"
        + " CAST(population AS DOUBLE) / 1000 AS k FROM cities WHERE city = 'Nara'"));
    PAssert.thatSingleton(functions).isEqualTo(Row.withSchema(functions.getSchema()).addValues(day(2), "small",
        "Nara", "nara", "JP", "Na", "x", "NArA", "Nara/JP", 2L, day(1), day(3), 350.0).build());

    p.run().waitUntilFinish();
  }

  @Test
  void queriesBeamSqlCannotExpressFailWhenAppliedNamingTheStepAndTheReason() {
    // Window function Beam SQL lacks (kamu manifests use LAG for deltas between consecutive events).
    assertStepFails(1, "deltas", "SELECT event_time, city, population - LAG(population) OVER (PARTITION BY city"
        + " ORDER BY `offset`) AS delta FROM cities",
        containsString("Beam SQL cannot express this query: Analytics Function [LAG] is not supported"));
    // Temporal join, as Flink manifests write it.
    assertStepFails(1, "deltas", "SELECT c.event_time, c.city, n.name FROM cities AS c JOIN countries"
        + " FOR SYSTEM_TIME AS OF c.event_time AS n ON c.country = n.code",
        allOf(containsString("is not a temporal table"), containsString("cannot express temporal joins")));
    // Non-equi join.
    assertStepFails(2, null, "SELECT a.event_time, a.city FROM cities AS a JOIN countries AS n"
        + " ON a.event_time > n.event_time",
        containsString("Beam SQL cannot express this query: Operator > is not supported in join condition"));
    // Window table function.
    assertStepFails(2, null, "SELECT * FROM TABLE(TUMBLE(TABLE cities, DESCRIPTOR(event_time),"
        + " INTERVAL '1' DAY))", containsString("Beam SQL cannot express this query"));
    // ORDER BY without LIMIT.
    assertStepFails(2, null, "SELECT event_time, city FROM cities ORDER BY event_time",
        containsString("ORDER BY without a LIMIT is not supported"));
    // A DataFusion/Spark function.
    assertStepFails(2, null, "SELECT to_timestamp(city) AS event_time FROM cities",
        allOf(containsString("No match found for function signature to_timestamp(<CHARACTER>)"),
            containsString("has no such function")));
    // DataFusion's double-quoted identifiers.
    assertStepFails(2, null, "SELECT event_time, \"city\" FROM cities",
        allOf(containsString("Beam SQL cannot parse it"), containsString("backticks")));
    // A plain mistake: Beam SQL is case-sensitive.
    assertStepFails(2, null, "SELECT event_time, CITY FROM cities",
        containsString("Column 'CITY' not found in any table; did you mean 'city'?"));
  }

  @Test
  void queriesBeamSqlWouldFailOnOrGetWrongWhileRunningFailWhenApplied() {
    // ROW_NUMBER/RANK and RANGE frames read the first ORDER BY key as a number: a ClassCastException mid-run.
    assertStepFails(1, "deltas", "SELECT event_time, city, ROW_NUMBER() OVER (PARTITION BY city"
        + " ORDER BY event_time DESC) AS rn FROM cities",
        allOf(containsString("Beam SQL cannot evaluate ROW_NUMBER OVER (… ORDER BY event_time DESC)"),
            containsString("'event_time' is TIMESTAMP"), containsString("Order by a numeric column")));
    assertStepFails(1, "deltas", "SELECT event_time, city, COUNT(*) OVER (PARTITION BY country"
        + " ORDER BY city) AS n FROM cities",
        allOf(containsString("with a RANGE frame"), containsString("'city' is VARCHAR")));
    // Ties judged by the first key only: wrong ranks.
    assertStepFails(1, "deltas", "SELECT event_time, city, RANK() OVER (PARTITION BY country"
        + " ORDER BY population, `offset`) AS r FROM cities",
        containsString("compares rows by the first ORDER BY key only"));
    // Non-deterministic functions.
    assertStepFails(1, "deltas", "SELECT event_time, city, CURRENT_TIMESTAMP AS seen FROM cities",
        containsString("CURRENT_TIMESTAMP is not deterministic"));
    assertStepFails(2, null, "SELECT event_time, city FROM cities WHERE RAND() < 0.5",
        containsString("RAND is not deterministic"));
  }

  @Test
  void windowFunctionsOverNumericKeysAndExplicitRowsFramesAreAccepted() {
    Pipeline p = unrun();
    PCollection<Row> out = SqlTestData.tables(p).apply(OdfSql.query("SELECT event_time, city,"
        + " SUM(population) OVER (PARTITION BY country ORDER BY event_time"
        + " ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS so_far,"
        + " RANK() OVER (PARTITION BY country ORDER BY population DESC) AS r FROM cities"));
    assertThat(out.getSchema().getFieldNames(), equalTo(List.of("event_time", "city", "so_far", "r")));
  }

  @Test
  void outputsBreakingOdfColumnRulesFailWhenApplied() {
    assertStepFails(2, null, "SELECT * FROM cities", allOf(containsString("its result has column 'offset'"),
        containsString("instead of *")));
    assertStepFails(2, null, "SELECT event_time, city, `system_time` FROM cities",
        containsString("its result has column 'system_time'"));
    assertStepFails(2, null, "SELECT city, population FROM cities",
        containsString("its result has no event time column 'event_time' (it has [city, population])"));
    assertStepFails(2, null, "SELECT CAST(event_time AS DATE) AS event_time, city FROM cities",
        allOf(containsString("'event_time' is DATE, not TIMESTAMP"), containsString("CAST(event_time AS TIMESTAMP)")));
    assertStepFails(2, null, "SELECT event_time, CAST(op AS VARCHAR) AS op FROM cities",
        containsString("its operation type column 'op' is STRING, not INT"));
    assertStepFails(2, null, "SELECT event_time, COUNT(*) FROM cities GROUP BY event_time",
        containsString("column 2 of its result has no name (Beam SQL calls it 'EXPR$1')"));
  }

  @Test
  void inputsAndAliasesAreChecked() {
    Pipeline p = unrun();
    PCollectionTuple tables = SqlTestData.tables(p);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tables.apply(
        OdfSql.queries(List.of(new SqlQueryStep("cities", "SELECT event_time, city FROM cities"),
            new SqlQueryStep(null, "SELECT event_time, city FROM cities")))));
    assertThat(e.getMessage(), containsString("step 1 of 2 (alias 'cities') is named like an input table"));

    e = assertThrows(IllegalArgumentException.class, () -> PCollectionTuple.empty(p)
        .apply(OdfSql.query("SELECT 1")));
    assertThat(e.getMessage(), containsString("it has no input tables"));

    // A later step sees earlier aliases, an earlier step does not see later ones.
    OdfSqlException bad = assertThrows(OdfSqlException.class, () -> tables.apply(OdfSql.queries(List.of(
        new SqlQueryStep("first", "SELECT event_time, city FROM later"),
        new SqlQueryStep("later", "SELECT event_time, city FROM cities"),
        new SqlQueryStep(null, "SELECT event_time, city FROM first")))));
    assertThat(bad.getMessage(), containsString("Object 'later' not found"));
    assertThat(bad.stepNumber(), is(1));
  }

  /** Applies a two-step transform whose failing step is {@code number} (1: alias {@code alias}, 2: the output). */
  private static void assertStepFails(int number, String alias, String query, Matcher<String> reason) {
    List<SqlQueryStep> steps = number == 1
        ? List.of(new SqlQueryStep(alias, query), new SqlQueryStep(null, "SELECT * FROM " + alias))
        : List.of(new SqlQueryStep("everything", "SELECT * FROM cities"), new SqlQueryStep(null, query));
    Pipeline p = unrun();
    PCollectionTuple tables = SqlTestData.tables(p);
    OdfSqlException e = assertThrows(OdfSqlException.class, () -> tables.apply(OdfSql.queries(steps)));
    String step = number == 1 ? "step 1 of 2 (alias '" + alias + "')" : "step 2 of 2 (the output)";
    assertThat(e.getMessage(), allOf(
        containsString("Cannot run " + step + " of the SQL transform with Beam SQL " + OdfSql.engineVersion()),
        containsString("Query: " + query)));
    assertThat(e.getMessage(), reason);
    assertThat(e.stepNumber(), is(number));
    assertThat(e.alias(), number == 1 ? equalTo(alias) : nullValue());
    assertThat(e.query(), equalTo(query));
  }
}
