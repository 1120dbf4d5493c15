package org.odfbeam.transforms.join;

import org.odfbeam.transforms.changelog.ChangelogEventTimes;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema.TypeName;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.data.Vocabulary;
import org.odfbeam.transforms.InvalidDataException;
import org.odfbeam.transforms.changelog.Operation;
import org.odfbeam.transforms.changelog.OrderedBytes;

/**
 * The shape of a {@link TemporalJoin}, free of Beam stages: checks both schemas, derives the output schema, reads
 * keys, event times, offsets and ops, and builds output rows. Both the batch and the streaming stage use it.
 */
final class JoinLayout implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String ACTION = "join temporal table";
  /** The key of stream rows with a null key value: no table row has it (non-null keys encode to 1+ bytes). */
  static final byte[] NO_KEY = new byte[0];

  private final List<String> streamKeys;
  private final List<String> tableKeys;
  private final String streamEventTime;
  private final String tableEventTime;
  private final String tableOffset;
  private final String tableOp;
  private final List<String> tableColumns;
  private final boolean leftOuter;
  private final Schema output;

  private JoinLayout(List<String> streamKeys, List<String> tableKeys, String streamEventTime, String tableEventTime,
      String tableOffset, String tableOp, List<String> tableColumns, boolean leftOuter, Schema output) {
    this.streamKeys = streamKeys;
    this.tableKeys = tableKeys;
    this.streamEventTime = streamEventTime;
    this.tableEventTime = tableEventTime;
    this.tableOffset = tableOffset;
    this.tableOp = tableOp;
    this.tableColumns = tableColumns;
    this.leftOuter = leftOuter;
    this.output = output;
  }

  /**
   * Checks the schemas and derives the output: the stream's columns unchanged, then the table's columns except its
   * system columns and key columns, each named {@code tablePrefix + name} (nullable for a left outer join).
   *
   * @throws IllegalArgumentException "Cannot join temporal table: ..." naming the side and the column
   */
  static JoinLayout of(Schema stream, Schema table, List<String> streamKeys, List<String> tableKeys,
      Vocabulary streamVocab, Vocabulary tableVocab, String tablePrefix, boolean leftOuter) {
    if (streamKeys.size() != tableKeys.size()) {
      throw new IllegalArgumentException("Cannot " + ACTION + ": the stream has " + streamKeys.size()
          + " key columns " + streamKeys + " but the table " + tableKeys.size() + " " + tableKeys);
    }
    requireColumn(stream, "stream", streamVocab.eventTimeColumn(), "event time column");
    requireEventTime(stream, "stream", streamVocab.eventTimeColumn());
    requireColumn(table, "table", tableVocab.eventTimeColumn(), "event time column");
    requireEventTime(table, "table", tableVocab.eventTimeColumn());
    if (!table.hasField(tableVocab.offsetColumn())) {
      throw new IllegalArgumentException("Cannot " + ACTION + ": the table has no offset column '"
          + tableVocab.offsetColumn() + "' (a temporal table is a changelog with offsets, as OdfIO.read() returns"
          + " it: the offsets order its versions); its columns are " + table.getFieldNames());
    }
    requireType(table, "table", tableVocab.offsetColumn(), TypeName.INT64);
    requireColumn(table, "table", tableVocab.operationTypeColumn(), "operation type column");
    requireType(table, "table", tableVocab.operationTypeColumn(), TypeName.INT32);
    for (int i = 0; i < streamKeys.size(); i++) {
      String sk = streamKeys.get(i);
      String tk = tableKeys.get(i);
      requireColumn(stream, "stream", sk, "key column");
      requireColumn(table, "table", tk, "key column");
      FieldType st = stream.getField(sk).getType();
      FieldType tt = table.getField(tk).getType();
      OrderedBytes.checkOrderable(st, sk, ACTION);
      if (!st.withNullable(false).equals(tt.withNullable(false))) {
        throw new IllegalArgumentException("Cannot " + ACTION + ": stream key column '" + sk + "' is "
            + describe(st) + " but table key column '" + tk + "' is " + describe(tt));
      }
    }
    Set<String> system = new HashSet<>(List.of(tableVocab.offsetColumn(), tableVocab.operationTypeColumn(),
        tableVocab.systemTimeColumn(), tableVocab.eventTimeColumn()));
    Schema.Builder out = Schema.builder();
    stream.getFields().forEach(out::addField);
    List<String> tableColumns = new ArrayList<>();
    for (Schema.Field f : table.getFields()) {
      if (system.contains(f.getName()) || tableKeys.contains(f.getName())) {
        continue;
      }
      String name = tablePrefix + f.getName();
      if (stream.hasField(name)) {
        throw new IllegalArgumentException("Cannot " + ACTION + ": table column '" + f.getName()
            + "' would be output as '" + name + "', which is a stream column; choose a prefix with"
            + " withTablePrefix()");
      }
      tableColumns.add(f.getName());
      out.addField(name, leftOuter ? f.getType().withNullable(true) : f.getType());
    }
    return new JoinLayout(List.copyOf(streamKeys), List.copyOf(tableKeys), streamVocab.eventTimeColumn(),
        tableVocab.eventTimeColumn(), tableVocab.offsetColumn(), tableVocab.operationTypeColumn(),
        List.copyOf(tableColumns), leftOuter, out.build());
  }

  private static void requireColumn(Schema schema, String side, String column, String what) {
    if (!schema.hasField(column)) {
      throw new IllegalArgumentException("Cannot " + ACTION + ": the " + side + " has no " + what + " '" + column
          + "'; its columns are " + schema.getFieldNames());
    }
  }

  private static void requireType(Schema schema, String side, String column, TypeName type) {
    FieldType t = schema.getField(column).getType();
    if (t.getTypeName() != type) {
      throw new IllegalArgumentException("Cannot " + ACTION + ": " + side + " column '" + column + "' must be "
          + type + ", but is " + describe(t));
    }
  }

  private static void requireEventTime(Schema schema, String side, String column) {
    FieldType t = schema.getField(column).getType();
    if (!ChangelogEventTimes.isSupported(t)) {
      throw new IllegalArgumentException("Cannot " + ACTION + ": " + side + " event time column '" + column
          + "' must be DATETIME or DATE, but is " + describe(t));
    }
  }

  private static String describe(FieldType t) {
    return t.getTypeName() == TypeName.LOGICAL_TYPE ? t.getLogicalType().getIdentifier() : t.getTypeName().name();
  }

  /** The output schema. */
  Schema outputSchema() {
    return output;
  }

  /** The key of a stream row, or {@link #NO_KEY} if a key value is null (such rows never match). */
  byte[] streamKey(Row row) {
    for (String k : streamKeys) {
      if (row.getValue(k) == null) {
        return NO_KEY;
      }
    }
    return OrderedBytes.encode(row, streamKeys);
  }

  /**
   * The key of a table row.
   *
   * @throws InvalidDataException if a key value is null (a versioned table's key identifies its rows)
   */
  byte[] tableKey(Row row) {
    for (String k : tableKeys) {
      if (row.getValue(k) == null) {
        throw new InvalidDataException("Cannot " + ACTION + ": table key column '" + k + "' is null in " + row);
      }
    }
    return OrderedBytes.encode(row, tableKeys);
  }

  /** The event time of a stream row in epoch millis. @throws InvalidDataException if null */
  long streamTime(Row row) {
    return ChangelogEventTimes.millis(row, streamEventTime, ACTION, describe(row, streamKeys) + " (stream)");
  }

  /** The event time of a table row in epoch millis. @throws InvalidDataException if null */
  long tableTime(Row row) {
    return ChangelogEventTimes.millis(row, tableEventTime, ACTION, describe(row, tableKeys) + " (table)");
  }

  /** The offset of a table row. @throws InvalidDataException if null */
  long tableOffset(Row row) {
    Long offset = row.getInt64(tableOffset);
    if (offset == null) {
      throw new InvalidDataException("Cannot " + ACTION + ": table offset column '" + tableOffset + "' is null in "
          + row);
    }
    return offset;
  }

  /** The operation of a table row. @throws InvalidDataException if null or unknown */
  Operation tableOp(Row row) {
    Integer code = row.getInt32(tableOp);
    if (code == null || !Operation.isValid(code)) {
      throw new InvalidDataException("Cannot " + ACTION + ": table operation type column '" + tableOp + "' is "
          + code + " for key " + describeTableKey(row) + "; ODF defines 0 (+A), 1 (-R), 2 (-C) and 3 (+C), in "
          + row);
    }
    return Operation.ofCode(code);
  }

  /** The table key values of {@code row} for messages: {@code symbol=A, exchange=X}. */
  String describeTableKey(Row row) {
    return describe(row, tableKeys);
  }

  private static String describe(Row row, List<String> columns) {
    StringBuilder b = new StringBuilder();
    for (String c : columns) {
      b.append(b.length() == 0 ? "" : ", ").append(c).append('=').append(String.valueOf((Object) row.getValue(c)));
    }
    return b.toString();
  }

  /**
   * The output row for {@code stream} joined with table row {@code version} (null: no version valid at the
   * stream row's event time), or null if the row is dropped (inner join without a match).
   */
  @Nullable Row join(Row stream, @Nullable Row version) {
    if (version == null && !leftOuter) {
      return null;
    }
    List<Object> values = new ArrayList<>(output.getFieldCount());
    values.addAll(stream.getValues());
    for (String c : tableColumns) {
      values.add(version == null ? null : version.getValue(c));
    }
    return Row.withSchema(output).addValues(values).build();
  }
}
