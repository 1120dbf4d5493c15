package org.odfbeam.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;
import org.odfbeam.core.model.DataSlice;
import org.odfbeam.core.model.Rfc3339;
import org.odfbeam.core.storage.ObjectKind;
import org.odfbeam.data.OdfSchemas;
import org.odfbeam.data.SliceReader;
import org.odfbeam.data.Vocabulary;

/** {@code odf tail DATASET [-n N] [--ndjson]}. */
final class TailCommand implements Command {
  static final int DEFAULT_ROWS = 10;

  @Override
  public String name() {
    return "tail";
  }

  @Override
  public String synopsis() {
    return "tail DATASET [-n N] [--ndjson]";
  }

  @Override
  public String summary() {
    return "Print the last N records (default 10) as a table, or as NDJSON with --ndjson";
  }

  @Override
  public int run(Args args, PrintStream out, PrintStream err) throws IOException {
    String n = args.option("-n");
    boolean ndjson = args.flag("--ndjson");
    String dataset = args.expect(synopsis(), "DATASET").get(0);
    long count;
    try {
      count = n == null ? DEFAULT_ROWS : Long.parseLong(n);
    } catch (NumberFormatException e) {
      throw new UsageException("-n must be a number, but was '" + n + "'");
    }
    if (count < 0) {
      throw new UsageException("-n must be >= 0, but was " + count);
    }
    DatasetState state = DatasetState.read(dataset);
    Schema schema = OdfSchemas.toBeam(state.requireSchema(dataset));
    List<Row> rows = lastRows(state, schema, count);
    if (ndjson) {
      printNdjson(rows, schema, out);
    } else {
      printTable(rows, schema, out);
    }
    return 0;
  }

  /** The last {@code count} rows by offset, oldest first; reads only the slices that hold them. */
  static List<Row> lastRows(DatasetState state, Schema schema, long count) {
    List<DataSlice> needed = new ArrayList<>();
    long have = 0;
    for (DataSlice slice : state.slicesNewestFirst()) {
      if (have >= count) {
        break;
      }
      needed.add(slice);
      have += slice.offsetInterval().end() - slice.offsetInterval().start() + 1;
    }
    List<Row> rows = new ArrayList<>();
    if (needed.isEmpty() || count == 0) {
      return rows;
    }
    long last = needed.get(0).offsetInterval().end();
    long from = Math.max(0, last - count + 1);
    SliceReader reader = SliceReader.of(schema).withVocabulary(Vocabulary.of(state.vocab()))
        .withOffsetRange(from, last);
    for (int i = needed.size() - 1; i >= 0; i--) {
      Path file = Path.of(state.storage().objectUri(ObjectKind.DATA, needed.get(i).physicalHash()));
      reader.read(file, rows::add);
    }
    return rows;
  }

  static void printTable(List<Row> rows, Schema schema, PrintStream out) {
    int columns = schema.getFieldCount();
    String[][] cells = new String[rows.size() + 1][columns];
    int[] width = new int[columns];
    for (int c = 0; c < columns; c++) {
      cells[0][c] = schema.getField(c).getName();
    }
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < columns; c++) {
        cells[r + 1][c] = text(rows.get(r).getValue(c));
      }
    }
    for (String[] line : cells) {
      for (int c = 0; c < columns; c++) {
        width[c] = Math.max(width[c], line[c].length());
      }
    }
    StringBuilder rule = new StringBuilder("+");
    for (int c = 0; c < columns; c++) {
      rule.append("-".repeat(width[c] + 2)).append('+');
    }
    StringBuilder b = new StringBuilder();
    b.append(rule).append('\n');
    for (int r = 0; r < cells.length; r++) {
      b.append('|');
      for (int c = 0; c < columns; c++) {
        b.append(' ').append(cells[r][c]).append(" ".repeat(width[c] - cells[r][c].length())).append(" |");
      }
      b.append('\n');
      if (r == 0) {
        b.append(rule).append('\n');
      }
    }
    b.append(rule).append('\n');
    out.print(b);
  }

  /** A value as the table shows it: RFC 3339 timestamps, base64 bytes, empty for null. */
  static String text(Object v) {
    if (v == null) {
      return "";
    } else if (v instanceof ReadableInstant t) {
      return Rfc3339.format(java.time.Instant.ofEpochMilli(t.getMillis()));
    } else if (v instanceof java.time.Instant t) {
      return Rfc3339.format(t);
    } else if (v instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    } else if (v instanceof BigDecimal d) {
      return d.toPlainString();
    } else if (v instanceof Row || v instanceof Iterable || v instanceof Map) {
      try {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
          json(g, v);
        }
        return w.toString();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return String.valueOf(v).replace('\n', ' ');
  }

  static void printNdjson(List<Row> rows, Schema schema, PrintStream out) throws IOException {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
      g.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
      for (Row row : rows) {
        json(g, row);
      }
    }
    out.print(w);
    if (!rows.isEmpty()) {
      out.println();
    }
  }

  private static void json(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof Row row) {
      g.writeStartObject();
      for (int i = 0; i < row.getFieldCount(); i++) {
        g.writeFieldName(row.getSchema().getField(i).getName());
        json(g, row.getValue(i));
      }
      g.writeEndObject();
    } else if (v instanceof Iterable<?> items) {
      g.writeStartArray();
      for (Object item : items) {
        json(g, item);
      }
      g.writeEndArray();
    } else if (v instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        json(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof Integer i) {
      g.writeNumber(i);
    } else if (v instanceof Short s) {
      g.writeNumber(s);
    } else if (v instanceof Byte b) {
      g.writeNumber(b);
    } else if (v instanceof Double d) {
      g.writeNumber(d);
    } else if (v instanceof Float f) {
      g.writeNumber(f);
    } else if (v instanceof BigDecimal d) {
      g.writeNumber(d);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else {
      g.writeString(text(v));
    }
  }
}
