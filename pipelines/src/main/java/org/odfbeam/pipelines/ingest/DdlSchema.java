package org.odfbeam.pipelines.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.odfbeam.core.model.DataField;
import org.odfbeam.core.model.DataSchema;
import org.odfbeam.core.model.DataType;
import org.odfbeam.core.model.DataTypeBool;
import org.odfbeam.core.model.DataTypeDate;
import org.odfbeam.core.model.DataTypeDecimal;
import org.odfbeam.core.model.DataTypeFloat32;
import org.odfbeam.core.model.DataTypeFloat64;
import org.odfbeam.core.model.DataTypeInt32;
import org.odfbeam.core.model.DataTypeInt64;
import org.odfbeam.core.model.DataTypeList;
import org.odfbeam.core.model.DataTypeOption;
import org.odfbeam.core.model.DataTypeString;
import org.odfbeam.core.model.DataTypeTimestamp;
import org.odfbeam.core.model.DataTypeUInt32;
import org.odfbeam.core.model.DataTypeUInt64;
import org.odfbeam.core.model.TimeUnit;

/**
 * The deprecated {@code ddlSchema} of a read step (e.g. {@code ["city STRING", "population BIGINT", "event_time
 * TIMESTAMP"]}) turned into an ODF {@link DataSchema} exactly as kamu does before reading: the strings are joined
 * with {@code ", "}, read as the column list of a {@code CREATE TABLE}, and each SQL type maps to an ODF type
 * (kamu-data/kamu-cli:src/odf/data-utils/src/schema/parse.rs, {@code parse_ddl_to_odf_schema}, called from
 * src/infra/core/src/services/ingest/data_format_registry_impl.rs).
 *
 * <table>
 *   <caption>SQL types</caption>
 *   <tr><th>SQL</th><th>ODF</th></tr>
 *   <tr><td>BOOL, BOOLEAN</td><td>Option(Bool)</td></tr>
 *   <tr><td>INT, INTEGER, INT32, SIGNED [INTEGER] (a display width is ignored)</td>
 *       <td>Option(Int32)</td></tr>
 *   <tr><td>INT UNSIGNED, INTEGER UNSIGNED, UNSIGNED [INTEGER]</td><td>Option(UInt32)</td></tr>
 *   <tr><td>BIGINT</td><td>Option(Int64)</td></tr>
 *   <tr><td>BIGINT UNSIGNED</td><td>Option(UInt64)</td></tr>
 *   <tr><td>FLOAT [(p)], FLOAT32</td><td>Option(Float32)</td></tr>
 *   <tr><td>DOUBLE</td><td>Option(Float64)</td></tr>
 *   <tr><td>DECIMAL(p, s)</td><td>Decimal(p, s) &mdash; required, as in kamu</td></tr>
 *   <tr><td>DATE</td><td>Date &mdash; required, as in kamu</td></tr>
 *   <tr><td>TIMESTAMP [(p)] [WITH | WITHOUT TIME ZONE]</td><td>Option(Timestamp(Millisecond, UTC))</td></tr>
 *   <tr><td>STRING, VARCHAR [(n)], TEXT, TINYTEXT, MEDIUMTEXT, LONGTEXT, FIXEDSTRING(n)</td>
 *       <td>Option(String)</td></tr>
 *   <tr><td>ARRAY&lt;type&gt;</td><td>Option(List(type))</td></tr>
 * </table>
 * {@code NOT NULL} removes the {@code Option}; any other column option, and any other SQL type (SMALLINT, REAL,
 * DOUBLE PRECISION, NUMERIC, DECIMAL without scale, TIME, ...), is refused, as kamu refuses it. Column names keep
 * their case; {@code "double"} or {@code `back`} quotes allow any name. Unsigned types parse but cannot be read
 * into Beam rows (Beam has no unsigned integers), so a read fails on them when it is planned.
 */
final class DdlSchema {
  private final String text;
  private final String field;
  private int pos;

  private DdlSchema(String text, String field) {
    this.text = text;
    this.field = field;
  }

  /**
   * Parses the {@code ddlSchema} strings.
   *
   * @param field the manifest field, e.g. {@code content.metadata[0].read.ddlSchema}, named in errors
   * @throws UnsupportedSourceException naming the field, the column and the type
   */
  static DataSchema parse(List<String> ddl, String field) {
    DdlSchema p = new DdlSchema(String.join(", ", ddl), field);
    return new DataSchema(p.columns(), null);
  }

  private List<DataField> columns() {
    List<DataField> out = new ArrayList<>();
    skipSpace();
    if (pos >= text.length()) {
      throw error("the schema has no columns");
    }
    while (true) {
      String name = identifier();
      DataType type = type(name);
      type = options(name, type);
      out.add(new DataField(name, type, null));
      skipSpace();
      if (pos >= text.length()) {
        return out;
      }
      expect(',', "',' or the end after column '" + name + "'");
    }
  }

  private DataType options(String column, DataType type) {
    while (true) {
      skipSpace();
      if (pos >= text.length() || text.charAt(pos) == ',') {
        return type;
      }
      int start = pos;
      String word = word();
      if (word.equalsIgnoreCase("NOT")) {
        String next = word();
        if (next.equalsIgnoreCase("NULL")) {
          type = type instanceof DataTypeOption o ? o.inner() : type;
          continue;
        }
      }
      throw error("column '" + column + "': unsupported SQL column option '" + rest(start) + "' (only NOT NULL is"
          + " supported)");
    }
  }

  private DataType type(String column) {
    skipSpace();
    int start = pos;
    String w = word().toUpperCase(Locale.ROOT);
    switch (w) {
      case "BOOL":
      case "BOOLEAN":
        return optional(new DataTypeBool());
      case "INT":
      case "INTEGER":
        width();
        return optional(unsignedSuffix() ? new DataTypeUInt32() : new DataTypeInt32());
      case "INT32":
        return optional(new DataTypeInt32());
      case "SIGNED":
        optionalWord("INTEGER");
        return optional(new DataTypeInt32());
      case "UNSIGNED":
        optionalWord("INTEGER");
        return optional(new DataTypeUInt32());
      case "BIGINT":
        width();
        return optional(unsignedSuffix() ? new DataTypeUInt64() : new DataTypeInt64());
      case "FLOAT":
        width();
        return optional(new DataTypeFloat32());
      case "FLOAT32":
        return optional(new DataTypeFloat32());
      case "DOUBLE": {
        int save = pos;
        if (optionalWord("PRECISION")) {
          throw unsupported(column, rest(start, pos));
        }
        pos = save;
        width();
        return optional(new DataTypeFloat64());
      }
      case "DECIMAL": {
        List<Integer> args = args();
        if (args.size() != 2) {
          throw unsupported(column, rest(start, pos));
        }
        return new DataTypeDecimal(args.get(0), args.get(1));
      }
      case "DATE":
        return new DataTypeDate();
      case "TIMESTAMP":
        width();
        int save = pos;
        if (optionalWord("WITH") || optionalWord("WITHOUT")) {
          if (!optionalWord("TIME") || !optionalWord("ZONE")) {
            throw error("column '" + column + "': expected TIME ZONE in '" + rest(start) + "'");
          }
        } else {
          pos = save;
        }
        return optional(new DataTypeTimestamp(TimeUnit.MILLISECOND, "UTC"));
      case "STRING":
      case "VARCHAR":
        width();
        return optional(new DataTypeString());
      case "TEXT":
      case "TINYTEXT":
      case "MEDIUMTEXT":
      case "LONGTEXT":
        return optional(new DataTypeString());
      case "FIXEDSTRING":
        if (args().size() != 1) {
          throw unsupported(column, rest(start, pos));
        }
        return optional(new DataTypeString());
      case "ARRAY": {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == '<') {
          pos++;
          DataType item = type(column);
          skipSpace();
          expect('>', "'>' closing ARRAY<");
          return optional(new DataTypeList(item, null));
        }
        throw unsupported(column, rest(start, pos));
      }
      case "":
        throw error("column '" + column + "': expected a type at '" + rest(start) + "'");
      default:
        width();
        throw unsupported(column, rest(start, pos));
    }
  }

  private static DataType optional(DataType t) {
    return new DataTypeOption(t);
  }

  private boolean unsignedSuffix() {
    return optionalWord("UNSIGNED");
  }

  /** An optional {@code (n)} or {@code (n, m)} that does not change the type. */
  private void width() {
    skipSpace();
    if (pos < text.length() && text.charAt(pos) == '(') {
      args();
    }
  }

  private List<Integer> args() {
    List<Integer> out = new ArrayList<>();
    skipSpace();
    if (pos >= text.length() || text.charAt(pos) != '(') {
      return out;
    }
    pos++;
    while (true) {
      skipSpace();
      int start = pos;
      if (pos < text.length() && (text.charAt(pos) == '-' || text.charAt(pos) == '+')) {
        pos++;
      }
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
      if (start == pos) {
        throw error("expected a number at '" + rest(start) + "'");
      }
      try {
        out.add(Integer.parseInt(text.substring(start, pos)));
      } catch (NumberFormatException e) {
        throw error("number out of range: " + text.substring(start, pos));
      }
      skipSpace();
      if (pos < text.length() && text.charAt(pos) == ',') {
        pos++;
        continue;
      }
      expect(')', "')'");
      return out;
    }
  }

  private boolean optionalWord(String expected) {
    int save = pos;
    String w = word();
    if (w.equalsIgnoreCase(expected)) {
      return true;
    }
    pos = save;
    return false;
  }

  private String word() {
    skipSpace();
    int start = pos;
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private String identifier() {
    skipSpace();
    if (pos < text.length() && (text.charAt(pos) == '"' || text.charAt(pos) == '`')) {
      char q = text.charAt(pos);
      int start = ++pos;
      StringBuilder b = new StringBuilder();
      while (true) {
        if (pos >= text.length()) {
          throw error("unterminated quoted name starting at '" + rest(start - 1) + "'");
        }
        char c = text.charAt(pos++);
        if (c == q) {
          if (pos < text.length() && text.charAt(pos) == q) {
            b.append(q);
            pos++;
            continue;
          }
          return b.toString();
        }
        b.append(c);
      }
    }
    int start = pos;
    if (pos < text.length() && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
      while (pos < text.length()
          && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_' || text.charAt(pos) == '$')) {
        pos++;
      }
    }
    if (start == pos) {
      throw error("expected a column name at '" + rest(start) + "'");
    }
    return text.substring(start, pos);
  }

  private void expect(char c, String what) {
    skipSpace();
    if (pos >= text.length() || text.charAt(pos) != c) {
      throw error("expected " + what + " at '" + rest(pos) + "'");
    }
    pos++;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private String rest(int start) {
    String r = text.substring(Math.min(start, text.length()));
    return r.isEmpty() ? "<end>" : r;
  }

  private String rest(int start, int end) {
    return text.substring(start, end).trim();
  }

  private UnsupportedSourceException unsupported(String column, String sqlType) {
    return error("column '" + column + "': unsupported SQL type " + sqlType + " (supported: BOOLEAN, INT, INT UNSIGNED,"
        + " BIGINT, BIGINT UNSIGNED, FLOAT, DOUBLE, DECIMAL(p, s), DATE, TIMESTAMP, STRING, VARCHAR, TEXT,"
        + " ARRAY<type>)");
  }

  private UnsupportedSourceException error(String reason) {
    return new UnsupportedSourceException(field, "Cannot read " + field + " '" + text + "': " + reason);
  }
}
