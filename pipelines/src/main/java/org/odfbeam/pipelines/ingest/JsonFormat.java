package org.odfbeam.pipelines.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.pipelines.ingest.Types.Kind;

/**
 * {@code ReadStepNdJson} (one JSON object per line) and {@code ReadStepJson} (an array of objects, at the root or at
 * {@code subPath}), read as kamu reads them: kamu turns a JSON document into NDJSON and reads that with DataFusion's
 * arrow-json (kamu-data/kamu-cli:src/infra/ingest-datafusion/src/readers/json.rs and ndjson.rs).
 *
 * <p>Fields are matched by name; fields the schema does not have are ignored, missing ones are null. Values:
 * strings for STRING (numbers and booleans are taken as their JSON text); numbers, or strings holding numbers, for
 * numeric columns (an integer column needs an integral value); {@code true}/{@code false} for BOOLEAN; strings in
 * {@code dateFormat}/{@code timestampFormat} (or integers: days / epoch units) for dates and timestamps; arrays for
 * lists (a scalar is a one-item list, matching inference) and objects for structs.
 */
final class JsonFormat implements FileFormat {
  private static final long serialVersionUID = 1L;
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private final boolean document;
  private final @Nullable String subPath;
  private final TimeFormat dateFormat;
  private final TimeFormat timestampFormat;

  private JsonFormat(boolean document, @Nullable String subPath, TimeFormat dateFormat, TimeFormat timestampFormat) {
    this.document = document;
    this.subPath = subPath;
    this.dateFormat = dateFormat;
    this.timestampFormat = timestampFormat;
  }

  /** NDJSON: one object per line. */
  static JsonFormat ndjson(TimeFormat dateFormat, TimeFormat timestampFormat) {
    return new JsonFormat(false, null, dateFormat, timestampFormat);
  }

  /** A JSON document holding an array of objects at {@code subPath} (dot-separated keys; null: the root). */
  static JsonFormat document(@Nullable String subPath, TimeFormat dateFormat, TimeFormat timestampFormat) {
    return new JsonFormat(true, subPath, dateFormat, timestampFormat);
  }

  @Override
  public String name() {
    return document ? "JSON" : "NDJSON";
  }

  /** A bad value at a column, found while reading a record. */
  private static final class FieldException extends Exception {
    private static final long serialVersionUID = 1L;
    final String column;

    FieldException(String column, String reason) {
      super(reason, null, false, false);
      this.column = column;
    }
  }

  /** Calls back with each record's parser positioned at its START_OBJECT; returns the number of records. */
  private interface RecordHandler {
    /** Returns false to stop. */
    boolean record(JsonParser p, String location) throws IOException;
  }

  private void records(Input file, RecordHandler handler) throws IOException {
    try (InputStream in = file.open(); JsonParser p = JSON.createParser(in)) {
      try {
        if (document) {
          documentRecords(file, p, handler);
        } else {
          long n = 0;
          JsonToken t;
          while ((t = p.nextToken()) != null) {
            n++;
            String where = "line " + p.currentTokenLocation().getLineNr();
            if (t != JsonToken.START_OBJECT) {
              throw new BadInputException(file.name(), where, null, "expected a JSON object, found "
                  + describe(p));
            }
            if (!handler.record(p, where)) {
              return;
            }
          }
        }
      } catch (JsonParseException e) {
        throw new BadInputException(file.name(), "line " + e.getLocation().getLineNr(), null,
            "invalid JSON: " + e.getOriginalMessage(), e);
      }
    }
  }

  private void documentRecords(Input file, JsonParser p, RecordHandler handler) throws IOException {
    JsonToken t = p.nextToken();
    List<String> walked = new ArrayList<>();
    if (subPath != null) {
      for (String key : subPath.split("\\.", -1)) {
        walked.add(key);
        boolean found = false;
        if (t == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            t = p.nextToken();
            if (name.equals(key)) {
              found = t != JsonToken.VALUE_NULL;
              break;
            }
            p.skipChildren();
          }
        }
        if (!found) {
          // kamu's message (src/infra/ingest-datafusion/src/readers/json.rs)
          throw new BadInputException(file.name(), null, null, "Sub-path not found: " + String.join(".", walked));
        }
      }
    }
    if (t != JsonToken.START_ARRAY) {
      throw new BadInputException(file.name(), null, null, "Sub-path does not specify an array: "
          + (walked.isEmpty() ? "." : String.join(".", walked)));
    }
    long n = 0;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      n++;
      String where = "record " + n + " (line " + p.currentTokenLocation().getLineNr() + ")";
      if (t != JsonToken.START_OBJECT) {
        throw new BadInputException(file.name(), where, null, "expected a JSON object, found " + describe(p));
      }
      if (!handler.record(p, where)) {
        return;
      }
    }
    while (p.nextToken() != null) {
      p.skipChildren(); // check the rest of the document is well-formed
    }
  }

  // ------------------------------------------------------------------------------------------ reading

  @Override
  public void read(Input file, Schema schema, Consumer<Row> out) throws IOException {
    records(file, (p, where) -> {
      try {
        out.accept(object(p, schema, ""));
      } catch (FieldException e) {
        throw new BadInputException(file.name(), where, e.column, e.getMessage());
      }
      return true;
    });
  }

  /** Reads the object at the parser's START_OBJECT into a row of {@code schema}. */
  private Row object(JsonParser p, Schema schema, String prefix) throws IOException, FieldException {
    Object[] values = new Object[schema.getFieldCount()];
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if (!schema.hasField(name)) {
        p.skipChildren();
        continue;
      }
      int i = schema.indexOf(name);
      values[i] = value(p, schema.getField(i).getType(), prefix + name);
    }
    for (int i = 0; i < values.length; i++) {
      Schema.Field f = schema.getField(i);
      if (values[i] == null && !f.getType().getNullable()) {
        throw new FieldException(prefix + f.getName(), "the value is missing or null, but the column is not"
            + " nullable");
      }
    }
    return Row.withSchema(schema).attachValues(Arrays.asList(values));
  }

  private Object value(JsonParser p, FieldType type, String column) throws IOException, FieldException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    Kind k = Types.kind(type);
    try {
      switch (k) {
        case STRING:
          if (t.isScalarValue()) {
            return p.getText();
          }
          break;
        case BOOLEAN:
          if (t.isBoolean()) {
            return t == JsonToken.VALUE_TRUE;
          }
          break;
        case BYTE:
        case INT16:
        case INT32:
        case INT64:
          if (t == JsonToken.VALUE_NUMBER_INT) {
            return Values.integer(p.getBigIntegerValue(), k, type, p.getText());
          } else if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            BigDecimal d = p.getDecimalValue();
            try {
              return Values.integer(d.toBigIntegerExact(), k, type, p.getText());
            } catch (ArithmeticException e) {
              throw new Values.ValueException(p.getText() + " is not an integer, as " + Types.describe(type)
                  + " needs");
            }
          }
          break;
        case FLOAT:
          if (t.isNumeric()) {
            return p.getFloatValue();
          }
          break;
        case DOUBLE:
          if (t.isNumeric()) {
            return p.getDoubleValue();
          }
          break;
        case DECIMAL:
          if (t.isNumeric()) {
            return Values.decimal(p.getDecimalValue(), type, p.getText());
          }
          break;
        case DATE:
          if (t == JsonToken.VALUE_NUMBER_INT) {
            return LocalDate.ofEpochDay(p.getLongValue());
          }
          break;
        case DATETIME:
        case MICROS:
        case NANOS:
          if (t == JsonToken.VALUE_NUMBER_INT) {
            return Values.instant(epoch(p.getBigIntegerValue(), k), k);
          }
          break;
        case ARRAY:
          if (t == JsonToken.START_ARRAY) {
            FieldType item = type.getCollectionElementType();
            List<Object> list = new ArrayList<>();
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
              Object v = value(p, item, column + "[" + i + "]");
              if (v == null && !item.getNullable()) {
                throw new FieldException(column + "[" + i + "]", "the item is null, but the list's items are not"
                    + " nullable");
              }
              list.add(v);
              i++;
            }
            return list;
          } else if (t.isScalarValue()) {
            // inference merges a scalar and arrays into an array: read the scalar as a one-item list
            List<Object> list = new ArrayList<>(1);
            list.add(value(p, type.getCollectionElementType(), column + "[0]"));
            return list;
          }
          break;
        case ROW:
          if (t == JsonToken.START_OBJECT) {
            return object(p, type.getRowSchema(), column + ".");
          }
          break;
        default:
          throw new FieldException(column, "cannot read JSON into " + Types.describe(type));
      }
      if (t == JsonToken.VALUE_STRING && Values.parsable(type)) {
        return Values.parse(p.getText(), type, dateFormat, timestampFormat);
      }
    } catch (Values.ValueException e) {
      throw new FieldException(column, e.getMessage());
    }
    String found = describe(p);
    throw new FieldException(column, "expected " + expected(k) + " for " + Types.describe(type) + ", found "
        + found);
  }

  private static Instant epoch(BigInteger n, Kind k) throws Values.ValueException {
    try {
      long v = n.longValueExact();
      return switch (k) {
        case DATETIME -> Instant.ofEpochMilli(v);
        case MICROS -> Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1000L);
        default -> Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000_000L), Math.floorMod(v, 1_000_000_000L));
      };
    } catch (ArithmeticException e) {
      throw new Values.ValueException(n + " is out of the range of timestamps");
    }
  }

  private static String expected(Kind k) {
    return switch (k) {
      case STRING -> "a string, number or boolean";
      case BOOLEAN -> "true or false";
      case BYTE, INT16, INT32, INT64, FLOAT, DOUBLE, DECIMAL -> "a number";
      case DATE, DATETIME, MICROS, NANOS -> "a string or an integer";
      case ARRAY -> "an array";
      case ROW -> "an object";
      default -> "a string";
    };
  }

  private static String describe(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "\"" + p.getText() + "\"";
      default -> p.getText();
    };
  }

  // ------------------------------------------------------------------------------------------ inference

  /** An inferred JSON type: arrow-json's inference (apache/arrow-rs:arrow-json/src/reader/schema.rs). */
  private static final class Inferred {
    enum Tag { NULL, BOOL, INT, FLOAT, STRING, LIST, STRUCT }

    Tag tag;
    Inferred item;
    LinkedHashMap<String, Inferred> fields;

    Inferred(Tag tag) {
      this.tag = tag;
    }
  }

  /**
   * Without a schema, arrow-json's inference over the first {@value FileFormat#INFER_RECORDS} records of each file:
   * fields in order of first appearance; integers &rarr; INT64, other numbers &rarr; DOUBLE (with integers too),
   * strings &rarr; STRING (no date detection), booleans &rarr; BOOLEAN, arrays &rarr; ARRAY of the merged item
   * type, objects &rarr; ROW of the merged fields; a scalar and an array merge into an array; any other mix of
   * scalars &rarr; STRING; an object mixed with anything else is an error. A field that is always null is STRING.
   * All fields and list items are nullable. Fields that first appear after the sampled records are ignored.
   */
  @Override
  public Schema infer(List<Input> files) throws IOException {
    LinkedHashMap<String, Inferred> root = new LinkedHashMap<>();
    for (Input file : files) {
      long[] n = {0};
      records(file, (p, where) -> {
        try {
          mergeObject(root, p, "");
        } catch (FieldException e) {
          throw new BadInputException(file.name(), where, e.column, e.getMessage());
        }
        return ++n[0] < INFER_RECORDS;
      });
    }
    return schema(root);
  }

  private void mergeObject(Map<String, Inferred> fields, JsonParser p, String prefix) throws IOException,
      FieldException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      Inferred v = infer(p, prefix + name);
      Inferred prev = fields.get(name);
      fields.put(name, prev == null ? v : merge(prev, v, prefix + name));
    }
  }

  private Inferred infer(JsonParser p, String column) throws IOException, FieldException {
    JsonToken t = p.currentToken();
    switch (t) {
      case VALUE_NULL:
        return new Inferred(Inferred.Tag.NULL);
      case VALUE_TRUE:
      case VALUE_FALSE:
        return new Inferred(Inferred.Tag.BOOL);
      case VALUE_NUMBER_INT:
        return new Inferred(Inferred.Tag.INT);
      case VALUE_NUMBER_FLOAT:
        return new Inferred(Inferred.Tag.FLOAT);
      case VALUE_STRING:
        return new Inferred(Inferred.Tag.STRING);
      case START_ARRAY: {
        Inferred list = new Inferred(Inferred.Tag.LIST);
        Inferred item = new Inferred(Inferred.Tag.NULL);
        while (p.nextToken() != JsonToken.END_ARRAY) {
          item = merge(item, infer(p, column + "[]"), column + "[]");
        }
        list.item = item;
        return list;
      }
      case START_OBJECT: {
        Inferred s = new Inferred(Inferred.Tag.STRUCT);
        s.fields = new LinkedHashMap<>();
        mergeObject(s.fields, p, column + ".");
        return s;
      }
      default:
        throw new FieldException(column, "unexpected JSON token " + t);
    }
  }

  private static Inferred merge(Inferred a, Inferred b, String column) throws FieldException {
    if (a.tag == Inferred.Tag.NULL) {
      return b;
    } else if (b.tag == Inferred.Tag.NULL || (a.tag == b.tag && a.tag.ordinal() <= Inferred.Tag.STRING.ordinal())) {
      return a;
    } else if (a.tag == Inferred.Tag.STRUCT && b.tag == Inferred.Tag.STRUCT) {
      for (Map.Entry<String, Inferred> e : b.fields.entrySet()) {
        Inferred prev = a.fields.get(e.getKey());
        a.fields.put(e.getKey(), prev == null ? e.getValue() : merge(prev, e.getValue(), column + "." + e.getKey()));
      }
      return a;
    } else if (a.tag == Inferred.Tag.STRUCT || b.tag == Inferred.Tag.STRUCT) {
      throw new FieldException(column, "holds both objects and other values; declare a read schema");
    } else if (a.tag == Inferred.Tag.LIST || b.tag == Inferred.Tag.LIST) {
      Inferred list = new Inferred(Inferred.Tag.LIST);
      Inferred ai = a.tag == Inferred.Tag.LIST ? a.item : a;
      Inferred bi = b.tag == Inferred.Tag.LIST ? b.item : b;
      list.item = merge(ai, bi, column + "[]");
      return list;
    } else if ((a.tag == Inferred.Tag.INT && b.tag == Inferred.Tag.FLOAT)
        || (a.tag == Inferred.Tag.FLOAT && b.tag == Inferred.Tag.INT)) {
      return new Inferred(Inferred.Tag.FLOAT);
    }
    return new Inferred(Inferred.Tag.STRING);
  }

  private static Schema schema(Map<String, Inferred> fields) {
    Schema.Builder b = Schema.builder();
    for (Map.Entry<String, Inferred> e : fields.entrySet()) {
      b.addField(Schema.Field.nullable(e.getKey(), type(e.getValue())));
    }
    return b.build();
  }

  private static FieldType type(Inferred t) {
    return switch (t.tag) {
      case NULL, STRING -> FieldType.STRING;
      case BOOL -> FieldType.BOOLEAN;
      case INT -> FieldType.INT64;
      case FLOAT -> FieldType.DOUBLE;
      case LIST -> FieldType.array(type(t.item).withNullable(true));
      case STRUCT -> FieldType.row(schema(t.fields));
    };
  }
}
