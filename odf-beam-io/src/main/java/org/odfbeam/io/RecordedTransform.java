package org.odfbeam.io;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.model.SqlQueryStep;
import org.odfbeam.core.model.TemporalTable;
import org.odfbeam.core.model.TransformSql;

/**
 * The {@code TransformSql} a derivative write records in {@code SetTransform}, in a form the runner can serialize
 * (the model records are not {@code Serializable}): either the provenance of Beam code ({@link #beamCode}) or SQL
 * that actually produced the rows ({@link #of}).
 */
record RecordedTransform(String engine, @Nullable String version, @Nullable String query,
    @Nullable List<Step> queries, @Nullable List<Temporal> temporalTables) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One {@code SqlQueryStep}. */
  record Step(@Nullable String alias, String query) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** One {@code TemporalTable}. */
  record Temporal(String name, List<String> primaryKey) implements Serializable {
    private static final long serialVersionUID = 1L;

    Temporal {
      primaryKey = List.copyOf(primaryKey);
    }
  }

  RecordedTransform {
    Objects.requireNonNull(engine, "engine");
    queries = queries == null ? null : List.copyOf(queries);
    temporalTables = temporalTables == null ? null : List.copyOf(temporalTables);
  }

  /**
   * The provenance convention for Beam code: engine {@value Derivation#ENGINE}, version
   * "{@code <Beam SDK version> odf-beam <odf-beam version>}", one query step without alias holding
   * {@code description} (text for people, not executable SQL).
   */
  static RecordedTransform beamCode(String description) {
    return new RecordedTransform(Derivation.ENGINE, Derivation.version(), null,
        List.of(new Step(null, description)), null);
  }

  /** Records {@code sql} as given. */
  static RecordedTransform of(TransformSql sql) {
    return new RecordedTransform(sql.engine(), sql.version(), sql.query(),
        sql.queries() == null ? null : sql.queries().stream().map(s -> new Step(s.alias(), s.query())).toList(),
        sql.temporalTables() == null ? null
            : sql.temporalTables().stream().map(t -> new Temporal(t.name(), t.primaryKey())).toList());
  }

  TransformSql toModel() {
    return new TransformSql(engine, version, query,
        queries == null ? null : queries.stream().map(s -> new SqlQueryStep(s.alias(), s.query())).toList(),
        temporalTables == null ? null
            : temporalTables.stream().map(t -> new TemporalTable(t.name(), t.primaryKey())).toList());
  }
}
