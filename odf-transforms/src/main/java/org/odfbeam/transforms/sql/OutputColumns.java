package org.odfbeam.transforms.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.TypeName;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.vendor.calcite.v1_40_0.org.apache.calcite.config.Lex;
import org.apache.beam.vendor.calcite.v1_40_0.org.apache.calcite.sql.SqlBasicCall;
import org.apache.beam.vendor.calcite.v1_40_0.org.apache.calcite.sql.SqlCall;
import org.apache.beam.vendor.calcite.v1_40_0.org.apache.calcite.sql.SqlIdentifier;
import org.apache.beam.vendor.calcite.v1_40_0.org.apache.calcite.sql.SqlKind;
import org.apache.beam.vendor.calcite.v1_40_0.org.apache.calcite.sql.SqlNode;
import org.apache.beam.vendor.calcite.v1_40_0.org.apache.calcite.sql.SqlOrderBy;
import org.apache.beam.vendor.calcite.v1_40_0.org.apache.calcite.sql.SqlSelect;
import org.apache.beam.vendor.calcite.v1_40_0.org.apache.calcite.sql.SqlWith;
import org.apache.beam.vendor.calcite.v1_40_0.org.apache.calcite.sql.parser.SqlParseException;
import org.apache.beam.vendor.calcite.v1_40_0.org.apache.calcite.sql.parser.SqlParser;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.data.Vocabulary;

/** The column rules of a step's result: names Beam SQL made up, and ODF's rules for a derivative's output. */
final class OutputColumns {
  /**
   * Names Calcite makes up for columns: {@code EXPR$1} (an expression without name), {@code $2}, {@code $f3} and
   * {@code w0$o0} (window function results, whose given names Beam SQL's plan loses).
   */
  private static final Pattern GENERATED = Pattern.compile("EXPR\\$\\d+|\\$[a-z]?\\d+|w\\d+\\$o\\d+");

  private OutputColumns() {}

  /**
   * The schema with the names Beam SQL lost put back, or null if no name is made up. Beam SQL names the result of a
   * window function {@code $<position>} even when the query gives it a name ({@code ROW_NUMBER() OVER (…) AS rn});
   * the name is read back from the step's top-level select list.
   *
   * @throws OdfSqlException if a column has no name in the query (an expression without {@code AS}), or the name
   *     cannot be read back (the select list has {@code *})
   */
  static @Nullable Schema repairedNames(Schema schema, SqlStep step) {
    List<Integer> generated = new ArrayList<>();
    for (int i = 0; i < schema.getFieldCount(); i++) {
      if (GENERATED.matcher(schema.getField(i).getName()).matches()) {
        generated.add(i);
      }
    }
    if (generated.isEmpty()) {
      return null;
    }
    List<SqlNode> items = selectList(step.query());
    Schema.Builder named = Schema.builder();
    for (int i = 0; i < schema.getFieldCount(); i++) {
      Field field = schema.getField(i);
      if (!generated.contains(i)) {
        named.addField(field);
        continue;
      }
      String name = items == null || items.size() != schema.getFieldCount() ? null : nameOf(items.get(i));
      if (name == null) {
        throw new OdfSqlException(step, "column " + (i + 1) + " of its result has no name (Beam SQL calls it '"
            + field.getName() + "'): name every computed column with AS, e.g. COUNT(*) AS n"
            + (items == null ? "" : ", and list the columns instead of *"), null);
      }
      named.addField(field.withName(name));
    }
    Schema result = named.build();
    if (result.getFieldNames().stream().distinct().count() != result.getFieldCount()) {
      throw new OdfSqlException(step, "its result has duplicate column names " + result.getFieldNames(), null);
    }
    return result;
  }

  /**
   * Checks the output step's result against ODF's rules for the data of a derivative dataset, as kamu's engines do:
   * no offset or system time column (the write assigns them), an event time column of type TIMESTAMP, and an
   * operation type column, if any, of type INT.
   */
  static void checkOutput(Schema schema, Vocabulary vocab, SqlStep step) {
    for (String system : List.of(vocab.offsetColumn(), vocab.systemTimeColumn())) {
      if (schema.hasField(system)) {
        throw new OdfSqlException(step, "its result has column '" + system + "', a system column the write"
            + " assigns anew (kamu's engines reject it too): select the data columns and " + vocab.eventTimeColumn()
            + " instead of *, or rename the column", null);
      }
    }
    String eventTime = vocab.eventTimeColumn();
    if (!schema.hasField(eventTime)) {
      throw new OdfSqlException(step, "its result has no event time column '" + eventTime + "' (it has "
          + schema.getFieldNames() + "): ODF data needs one; select it, e.g. " + eventTime + " of an input, or"
          + " TUMBLE_START(" + eventTime + ", INTERVAL '1' DAY) AS " + eventTime, null);
    }
    Schema.FieldType type = schema.getField(eventTime).getType();
    if (type.getTypeName() != TypeName.DATETIME) {
      boolean date = type.getTypeName().isLogicalType()
          && SqlTypes.DATE.getIdentifier().equals(type.getLogicalType().getIdentifier());
      throw new OdfSqlException(step, "its event time column '" + eventTime + "' is " + sqlType(type)
          + ", not TIMESTAMP" + (date ? ": use CAST(" + eventTime + " AS TIMESTAMP)" : ""), null);
    }
    String op = vocab.operationTypeColumn();
    if (schema.hasField(op) && schema.getField(op).getType().getTypeName() != TypeName.INT32) {
      throw new OdfSqlException(step, "its operation type column '" + op + "' is "
          + sqlType(schema.getField(op).getType()) + ", not INT (0 append, 1 retract, 2 correct-from,"
          + " 3 correct-to)", null);
    }
  }

  private static String sqlType(Schema.FieldType type) {
    if (type.getTypeName().isLogicalType()) {
      String id = type.getLogicalType().getIdentifier();
      return id.equals(SqlTypes.DATE.getIdentifier()) ? "DATE" : id;
    }
    return type.getTypeName().toString();
  }

  /** The top-level select list of {@code query}, or null if it has {@code *} or cannot be read. */
  private static @Nullable List<SqlNode> selectList(String query) {
    SqlNode node;
    try {
      node = SqlParser.create(query, SqlParser.config().withLex(Lex.JAVA)).parseQuery();
    } catch (SqlParseException e) {
      return null;
    }
    while (true) {
      if (node instanceof SqlOrderBy orderBy) {
        node = orderBy.query;
      } else if (node instanceof SqlWith with) {
        node = with.body;
      } else if (node instanceof SqlBasicCall call && (call.getKind() == SqlKind.UNION
          || call.getKind() == SqlKind.INTERSECT || call.getKind() == SqlKind.EXCEPT)) {
        node = call.operand(0);
      } else {
        break;
      }
    }
    if (!(node instanceof SqlSelect select)) {
      return null;
    }
    List<SqlNode> items = select.getSelectList().getList();
    for (SqlNode item : items) {
      if (item instanceof SqlIdentifier id && id.isStar()) {
        return null;
      }
    }
    return items;
  }

  /** The name a select item gives its column: its AS alias, or the last part of a plain column reference. */
  private static @Nullable String nameOf(SqlNode item) {
    if (item instanceof SqlCall call && call.getKind() == SqlKind.AS) {
      SqlNode alias = call.operand(1);
      return alias instanceof SqlIdentifier id ? id.getSimple() : null;
    }
    if (item instanceof SqlIdentifier id && !id.isStar()) {
      return id.names.get(id.names.size() - 1);
    }
    return null;
  }
}
