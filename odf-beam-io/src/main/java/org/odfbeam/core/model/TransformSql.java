package org.odfbeam.core.model;

import java.util.List;
import java.util.Objects;

/**
 * Transform using one of the SQL dialects.
 *
 * @param engine Identifier of the engine used for this transformation.
 * @param version Version of the engine to use. (optional)
 * @param query SQL query the result of which will be used as an output. This is a convenience property meant
 * only for defining queries by hand. When stored in the metadata this property will never be set and instead
 * will be converted into a single-iter {@code queries} array. (optional)
 * @param queries Specifies multi-step SQL transformations. Each step acts as a shorthand for {@code CREATE
 * TEMPORARY VIEW <alias> AS (<query>)}. Last query in the array should have no alias and will be treated as
 * an output. (optional)
 * @param temporalTables Temporary Flink-specific extension for creating temporal tables from streams.
 * (optional)
 */
@Variant(name = "Sql", id = 1)
public record TransformSql(
    String engine,
    @Nullable String version,
    @Nullable String query,
    @Nullable List<SqlQueryStep> queries,
    @Nullable List<TemporalTable> temporalTables) implements Transform {
  /** Checks required fields and copies lists. */
  public TransformSql {
    Objects.requireNonNull(engine, "TransformSql.engine is required");
    queries = queries == null ? null : List.copyOf(queries);
    temporalTables = temporalTables == null ? null : List.copyOf(temporalTables);
  }
}
