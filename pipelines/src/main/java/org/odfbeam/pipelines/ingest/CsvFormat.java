package org.odfbeam.pipelines.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.model.ReadStepCsv;

/**
 * {@code ReadStepCsv}: the CSV dialect of kamu's reader (DataFusion's arrow-csv over the Rust {@code csv} crate,
 * kamu-data/kamu-cli:src/infra/ingest-datafusion/src/readers/csv.rs).
 *
 * <ul>
 *   <li>Records end at {@code \n}, {@code \r\n} or {@code \r}; blank lines are skipped; a UTF-8 byte order mark is
 *       skipped. Fields are not trimmed.
 *   <li>A field starting with the quote character is quoted: separators and line breaks inside are data, a doubled
 *       quote is one quote, and the escape character makes the next character literal. Text after the closing
 *       quote is kept. Without a quote character (empty {@code quote}) nothing is quoted.
 *   <li>A field equal to {@code nullValue} (default: empty) is null, whatever the type, also for strings.
 *   <li>With a schema, columns are matched by position; {@code header: true} skips the first record. Every record
 *       must have as many fields as the schema.
 * </ul>
 */
final class CsvFormat implements FileFormat {
  private static final long serialVersionUID = 1L;

  // arrow-csv's inference patterns (apache/arrow-rs:arrow-csv/src/reader/mod.rs, REGEX_SET)
  private static final Pattern BOOL = Pattern.compile("(?i)true|false");
  private static final Pattern INT = Pattern.compile("-?\\d+");
  private static final Pattern FLOAT =
      Pattern.compile("-?((\\d*\\.\\d+|\\d+\\.\\d*)([eE][-+]?\\d+)?|\\d+([eE][-+]?\\d+))");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d\\d-\\d\\d");
  private static final String DATE_TIME = "\\d{4}-\\d\\d-\\d\\d[T ]\\d\\d:\\d\\d:\\d\\d";
  private static final Pattern TS_S = Pattern.compile(DATE_TIME + "(?:[^\\d.].*)?");
  private static final Pattern TS_MS = Pattern.compile(DATE_TIME + "\\.\\d{1,3}(?:\\D.*)?");
  private static final Pattern TS_US = Pattern.compile(DATE_TIME + "\\.\\d{1,6}(?:\\D.*)?");
  private static final Pattern TS_NS = Pattern.compile(DATE_TIME + "\\.\\d{1,9}(?:\\D.*)?");

  /** What a sampled value looks like, in arrow-csv's order. */
  enum Seen { BOOL, INT, FLOAT, DATE, TS_S, TS_MS, TS_US, TS_NS, STRING }

  private final char separator;
  private final @Nullable Character quote;
  private final @Nullable Character escape;
  private final boolean header;
  private final boolean inferTypes;
  private final String nullValue;
  private final TimeFormat dateFormat;
  private final TimeFormat timestampFormat;

  private CsvFormat(char separator, @Nullable Character quote, @Nullable Character escape, boolean header,
      boolean inferTypes, String nullValue, TimeFormat dateFormat, TimeFormat timestampFormat) {
    this.separator = separator;
    this.quote = quote;
    this.escape = escape;
    this.header = header;
    this.inferTypes = inferTypes;
    this.nullValue = nullValue;
    this.dateFormat = dateFormat;
    this.timestampFormat = timestampFormat;
  }

  /** The format of a read step; {@code field} (e.g. {@code content.metadata[0].read}) is named in errors. */
  static CsvFormat of(ReadStepCsv step, String field) {
    char separator = oneChar(step.separator(), ",", field + ".separator");
    Character quote = optionalChar(step.quote(), "\"", field + ".quote");
    Character escape = optionalChar(step.escape(), "\\", field + ".escape");
    if (quote != null && (quote == separator || (escape != null && escape == separator))) {
      throw new UnsupportedSourceException(field, "Cannot read with " + field + ": separator, quote and escape"
          + " must differ, but were '" + separator + "', '" + quote + "', '" + escape + "'");
    }
    ReadFiles.checkEncoding(step.encoding(), field + ".encoding");
    return new CsvFormat(separator, quote, escape, Boolean.TRUE.equals(step.header()),
        Boolean.TRUE.equals(step.inferSchema()), step.nullValue() == null ? "" : step.nullValue(),
        ReadFiles.timeFormat(step.dateFormat(), field + ".dateFormat"),
        ReadFiles.timeFormat(step.timestampFormat(), field + ".timestampFormat"));
  }

  private static char oneChar(@Nullable String value, String dflt, String field) {
    String v = value == null ? dflt : value;
    if (v.length() != 1) {
      throw new UnsupportedSourceException(field, "Cannot read with " + field + ": '" + v + "' must be a single"
          + " character");
    }
    return v.charAt(0);
  }

  private static @Nullable Character optionalChar(@Nullable String value, String dflt, String field) {
    String v = value == null ? dflt : value;
    if (v.isEmpty()) {
      return null;
    }
    return oneChar(v, dflt, field);
  }

  @Override
  public String name() {
    return "CSV";
  }

  // ------------------------------------------------------------------------------------------ reading

  @Override
  public void read(Input file, Schema schema, Consumer<Row> out) throws IOException {
    try (Records r = new Records(file)) {
      if (header && !r.next()) {
        return;
      }
      int n = schema.getFieldCount();
      while (r.next()) {
        List<String> fields = r.fields;
        if (fields.size() != n) {
          throw new BadInputException(file.name(), "line " + r.recordLine, null,
              "expected " + n + " fields (" + String.join(", ", schema.getFieldNames()) + "), found "
                  + fields.size());
        }
        List<Object> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          Schema.Field f = schema.getField(i);
          String text = fields.get(i);
          if (text.equals(nullValue)) {
            if (!f.getType().getNullable()) {
              throw new BadInputException(file.name(), "line " + r.recordLine, f.getName(),
                  "the value is missing ('" + text + "' is the null value), but the column is not nullable");
            }
            values.add(null);
            continue;
          }
          try {
            values.add(Values.parse(text, f.getType(), dateFormat, timestampFormat));
          } catch (Values.ValueException e) {
            throw new BadInputException(file.name(), "line " + r.recordLine, f.getName(), e.getMessage());
          }
        }
        out.accept(Row.withSchema(schema).attachValues(values));
      }
    }
  }

  /** Checks that every column of a declared schema can be parsed from text. */
  void checkSchema(Schema schema, String field) {
    for (Schema.Field f : schema.getFields()) {
      if (!Values.parsable(f.getType())) {
        throw new UnsupportedSourceException(field, "Cannot read CSV with " + field + ": column '" + f.getName()
            + "' is " + Types.describe(f.getType()) + ", which CSV text cannot hold");
      }
    }
  }

  // ------------------------------------------------------------------------------------------ inference

  /**
   * Without a schema: column names from the header ({@code header: true}, the same in every file) or
   * {@code column_1, column_2, ...} (as DataFusion names them); types STRING, or with {@code inferSchema: true}
   * arrow-csv's inference over the first {@value FileFormat#INFER_RECORDS} records of each file: only
   * {@code true}/{@code false} &rarr; BOOLEAN, integers &rarr; INT64, integers and decimals &rarr; DOUBLE,
   * {@code YYYY-MM-DD} &rarr; DATE, date-times &rarr; TIMESTAMP (with 4-6 fraction digits TIMESTAMP(MICROS), 7-9
   * TIMESTAMP(NANOS); with dates, the widest), anything else, or a mix, &rarr; STRING; integers of 19 or more
   * characters that overflow INT64 are STRING. Null values are not looked at; a column with only nulls is STRING.
   * Every inferred column is nullable.
   */
  @Override
  public Schema infer(List<Input> files) throws IOException {
    List<String> names = null;
    String namesFrom = null;
    List<EnumSet<Seen>> seen = new ArrayList<>();
    for (Input file : files) {
      try (Records r = new Records(file)) {
        if (header) {
          if (!r.next()) {
            continue;
          }
          List<String> h = List.copyOf(r.fields);
          checkHeader(file, h);
          if (names == null) {
            names = h;
            namesFrom = file.name();
          } else if (!names.equals(h)) {
            throw new BadInputException(file.name(), "line " + r.recordLine, null, "the header " + h
                + " differs from the header " + names + " of " + namesFrom);
          }
        }
        for (int k = 0; k < INFER_RECORDS && r.next(); k++) {
          if (names == null) {
            names = new ArrayList<>();
            for (int i = 1; i <= r.fields.size(); i++) {
              names.add("column_" + i);
            }
            namesFrom = file.name();
          }
          if (r.fields.size() != names.size()) {
            throw new BadInputException(file.name(), "line " + r.recordLine, null, "expected " + names.size()
                + " fields (" + String.join(", ", names) + "), found " + r.fields.size());
          }
          while (seen.size() < names.size()) {
            seen.add(EnumSet.noneOf(Seen.class));
          }
          if (inferTypes) {
            for (int i = 0; i < names.size(); i++) {
              String v = r.fields.get(i);
              if (!v.equals(nullValue)) {
                seen.get(i).add(classify(v));
              }
            }
          }
        }
      }
    }
    Schema.Builder b = Schema.builder();
    if (names != null) {
      for (int i = 0; i < names.size(); i++) {
        FieldType t = inferTypes && i < seen.size() ? typeOf(seen.get(i)) : FieldType.STRING;
        b.addField(Schema.Field.nullable(names.get(i), t));
      }
    }
    return b.build();
  }

  private static void checkHeader(Input file, List<String> h) {
    Map<String, Integer> at = new HashMap<>();
    for (int i = 0; i < h.size(); i++) {
      if (h.get(i).isEmpty()) {
        throw new BadInputException(file.name(), "line 1", null, "header column " + (i + 1) + " has no name");
      }
      Integer prev = at.put(h.get(i), i);
      if (prev != null) {
        throw new BadInputException(file.name(), "line 1", h.get(i), "the header names this column twice, at"
            + " positions " + (prev + 1) + " and " + (i + 1));
      }
    }
  }

  static Seen classify(String v) {
    if (v.startsWith("\"")) {
      return Seen.STRING;
    } else if (BOOL.matcher(v).matches()) {
      return Seen.BOOL;
    } else if (INT.matcher(v).matches()) {
      if (v.length() >= 19) {
        try {
          Long.parseLong(v);
        } catch (NumberFormatException e) {
          return Seen.STRING;
        }
      }
      return Seen.INT;
    } else if (FLOAT.matcher(v).matches()) {
      return Seen.FLOAT;
    } else if (DATE.matcher(v).matches()) {
      return Seen.DATE;
    } else if (TS_S.matcher(v).matches()) {
      return Seen.TS_S;
    } else if (TS_MS.matcher(v).matches()) {
      return Seen.TS_MS;
    } else if (TS_US.matcher(v).matches()) {
      return Seen.TS_US;
    } else if (TS_NS.matcher(v).matches()) {
      return Seen.TS_NS;
    }
    return Seen.STRING;
  }

  static FieldType typeOf(EnumSet<Seen> seen) {
    if (seen.isEmpty() || seen.contains(Seen.STRING)) {
      return FieldType.STRING;
    }
    if (seen.equals(EnumSet.of(Seen.BOOL))) {
      return FieldType.BOOLEAN;
    }
    if (seen.equals(EnumSet.of(Seen.INT))) {
      return FieldType.INT64;
    }
    if (EnumSet.of(Seen.INT, Seen.FLOAT).containsAll(seen)) {
      return FieldType.DOUBLE;
    }
    if (EnumSet.range(Seen.DATE, Seen.TS_NS).containsAll(seen)) {
      if (seen.contains(Seen.TS_NS)) {
        return Types.NANOS;
      } else if (seen.contains(Seen.TS_US)) {
        return Types.MICROS;
      } else if (seen.contains(Seen.TS_MS) || seen.contains(Seen.TS_S)) {
        return FieldType.DATETIME;
      }
      return Types.DATE;
    }
    return FieldType.STRING;
  }

  // ------------------------------------------------------------------------------------------ tokenizer

  /** The records of one file; {@link #fields} and {@link #recordLine} describe the last one read. */
  final class Records implements AutoCloseable {
    private final Input file;
    private final InputStream in;
    private final StringBuilder sb = new StringBuilder();
    final List<String> fields = new ArrayList<>();
    long recordLine;
    private long line = 1;
    private int peeked = -2;
    private int pendingLow = -1;

    Records(Input file) throws IOException {
      this.file = file;
      this.in = new BufferedInputStream(file.open(), 1 << 16);
      if (peek() == '\uFEFF') {
        read();
      }
    }

    private int read() throws IOException {
      if (peeked != -2) {
        int c = peeked;
        peeked = -2;
        return c;
      }
      return decode();
    }

    private int peek() throws IOException {
      if (peeked == -2) {
        peeked = decode();
      }
      return peeked;
    }

    /** The next UTF-16 unit of the UTF-8 input, decoded here so that an invalid byte is reported on its line. */
    private int decode() throws IOException {
      if (pendingLow >= 0) {
        int c = pendingLow;
        pendingLow = -1;
        return c;
      }
      int b = in.read();
      if (b < 0x80) {
        return b;
      }
      int n;
      int cp;
      if ((b & 0xE0) == 0xC0) {
        n = 1;
        cp = b & 0x1F;
      } else if ((b & 0xF0) == 0xE0) {
        n = 2;
        cp = b & 0x0F;
      } else if ((b & 0xF8) == 0xF0) {
        n = 3;
        cp = b & 0x07;
      } else {
        throw invalidUtf8(b);
      }
      for (int i = 0; i < n; i++) {
        int c = in.read();
        if (c < 0 || (c & 0xC0) != 0x80) {
          throw invalidUtf8(b);
        }
        cp = (cp << 6) | (c & 0x3F);
      }
      if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF
          || (cp >= 0xD800 && cp <= 0xDFFF)) {
        throw invalidUtf8(b);
      }
      if (cp >= 0x10000) {
        pendingLow = Character.lowSurrogate(cp);
        return Character.highSurrogate(cp);
      }
      return cp;
    }

    private BadInputException invalidUtf8(int b) {
      return new BadInputException(file.name(), "line " + line, null, String.format(Locale.ROOT,
          "invalid UTF-8 (a bad sequence starting with byte 0x%02x); only utf8 files can be read", b));
    }

    /** Counts a line break that {@code c} (just read) starts. */
    private void lineBreak(int c) throws IOException {
      if (c == '\n' || (c == '\r' && peek() != '\n')) {
        line++;
      }
    }

    /** Reads the next record; false at the end of the file. */
    boolean next() throws IOException {
      fields.clear();
      int c = read();
      while (c == '\n' || c == '\r') {
        lineBreak(c);
        c = read();
      }
      if (c == -1) {
        return false;
      }
      recordLine = line;
      while (true) {
        sb.setLength(0);
        if (quote != null && c == quote) {
          while (true) {
            c = read();
            if (c == -1) {
              throw new BadInputException(file.name(), "line " + recordLine, null, "a quoted field (column "
                  + (fields.size() + 1) + ") is not closed before the end of the file");
            }
            if (escape != null && c == escape && !escape.equals(quote)) {
              c = read();
              if (c == -1) {
                throw new BadInputException(file.name(), "line " + line, null, "the file ends after an escape"
                    + " character");
              }
              lineBreak(c);
              sb.append((char) c);
              continue;
            }
            if (c == quote) {
              if (peek() == quote) {
                read();
                sb.append((char) c);
                continue;
              }
              break;
            }
            lineBreak(c);
            sb.append((char) c);
          }
          c = read();
        }
        while (c != -1 && c != separator && c != '\n' && c != '\r') {
          sb.append((char) c);
          c = read();
        }
        fields.add(sb.toString());
        if (c == separator) {
          c = read();
          continue;
        }
        if (c != -1) {
          if (c == '\r' && peek() == '\n') {
            read();
          }
          line++;
        }
        return true;
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "CSV(separator '%s', quote %s, escape %s, header %s)", separator,
        quote == null ? "none" : "'" + quote + "'", escape == null ? "none" : "'" + escape + "'", header);
  }
}
