package org.odfbeam.transforms.aggregate;

import org.odfbeam.transforms.changelog.ChangelogEventTimes;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema.TypeName;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.data.Vocabulary;
import org.odfbeam.transforms.InvalidDataException;
import org.odfbeam.transforms.changelog.Operation;
import org.odfbeam.transforms.changelog.OrderedBytes;

/**
 * The whole logic of {@link ChangelogAggregate}, free of Beam state: the output schema, the key of a row, and
 * {@link #apply}, which folds a batch of a key's rows into its {@link Totals} and says what to emit. The batch and
 * the streaming stage both call {@link #apply}; they differ only in how they cut a key's rows into batches.
 */
final class KeyAggregator implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String ACTION = "aggregate changelog";
  /** Sums of DECIMAL(p, s) columns are DECIMAL(38, s), as in SQL engines that widen the precision. */
  static final int SUM_DECIMAL_PRECISION = 38;

  /** How a summed column is read and its sum written. */
  enum SumType { INTEGER, FLOATING, DECIMAL, FIXED_DECIMAL }

  /**
   * What one {@link #apply} produced.
   *
   * @param totals the key's new state
   * @param output the rows to emit, in changelog order ({@code -C} right before its {@code +C})
   */
  record Step(Totals totals, List<Row> output) {}

  private final List<String> keys;
  private final String opColumn;
  private final String eventTimeColumn;
  private final List<Aggregation> aggregations;
  private final List<SumType> sumTypes;
  private final List<Integer> sumScales;
  private final Schema output;

  private KeyAggregator(List<String> keys, String opColumn, String eventTimeColumn, List<Aggregation> aggregations,
      List<SumType> sumTypes, List<Integer> sumScales, Schema output) {
    this.keys = keys;
    this.opColumn = opColumn;
    this.eventTimeColumn = eventTimeColumn;
    this.aggregations = aggregations;
    this.sumTypes = sumTypes;
    this.sumScales = sumScales;
    this.output = output;
  }

  /**
   * Checks the input schema against the configuration and derives the output schema: op INT32, the event time
   * (input type, not null), the key columns (input types), then one column per aggregate.
   *
   * @throws IllegalArgumentException "Cannot aggregate changelog: ..." naming the column
   */
  static KeyAggregator of(Schema input, List<String> keys, List<Aggregation> aggregations, Vocabulary vocab) {
    String op = vocab.operationTypeColumn();
    String eventTime = vocab.eventTimeColumn();
    if (aggregations.isEmpty()) {
      throw new IllegalArgumentException("Cannot " + ACTION + ": no aggregates; add count() or sum(column)");
    }
    requireColumn(input, op, "operation type column");
    if (input.getField(op).getType().getTypeName() != TypeName.INT32) {
      throw new IllegalArgumentException("Cannot " + ACTION + ": operation type column '" + op
          + "' must be INT32, but is " + describe(input.getField(op).getType()));
    }
    requireColumn(input, eventTime, "event time column");
    FieldType eventTimeType = input.getField(eventTime).getType();
    if (!ChangelogEventTimes.isSupported(eventTimeType)) {
      throw new IllegalArgumentException("Cannot " + ACTION + ": event time column '" + eventTime
          + "' must be DATETIME or DATE, but is " + describe(eventTimeType));
    }
    Schema.Builder out = Schema.builder()
        .addField(op, FieldType.INT32)
        .addField(eventTime, eventTimeType.withNullable(false));
    Set<String> names = new HashSet<>(List.of(op, eventTime));
    for (String k : keys) {
      requireColumn(input, k, "key column");
      if (!names.add(k)) {
        throw new IllegalArgumentException("Cannot " + ACTION + ": key column '" + k
            + "' is a system column or named twice");
      }
      OrderedBytes.checkOrderable(input.getField(k).getType(), k, ACTION);
      out.addField(k, input.getField(k).getType());
    }
    List<SumType> sumTypes = new ArrayList<>();
    List<Integer> sumScales = new ArrayList<>();
    for (Aggregation a : aggregations) {
      if (!names.add(a.outputColumn())) {
        throw new IllegalArgumentException("Cannot " + ACTION + ": output column '" + a.outputColumn() + "' of "
            + a + " is already used by the op, event time, key or another aggregate column");
      }
      if (a.kind() == Aggregation.Kind.COUNT) {
        out.addField(a.outputColumn(), FieldType.INT64);
        continue;
      }
      requireColumn(input, a.column(), "column to sum");
      FieldType t = input.getField(a.column()).getType();
      SumType st = sumType(t);
      if (st == null) {
        throw new IllegalArgumentException("Cannot " + ACTION + ": " + a + " needs a numeric column, but '"
            + a.column() + "' is " + describe(t));
      }
      int scale = st == SumType.FIXED_DECIMAL ? decimalScale(t) : 0;
      sumTypes.add(st);
      sumScales.add(scale);
      FieldType sumField = switch (st) {
        case INTEGER -> FieldType.INT64;
        case FLOATING -> FieldType.DOUBLE;
        case DECIMAL -> FieldType.DECIMAL;
        case FIXED_DECIMAL -> FieldType.logicalType(FixedPrecisionNumeric.of(SUM_DECIMAL_PRECISION, scale));
      };
      out.addField(a.outputColumn(), sumField.withNullable(true));
    }
    return new KeyAggregator(List.copyOf(keys), op, eventTime, List.copyOf(aggregations), List.copyOf(sumTypes),
        List.copyOf(sumScales), out.build());
  }

  private static void requireColumn(Schema input, String column, String what) {
    if (!input.hasField(column)) {
      throw new IllegalArgumentException("Cannot " + ACTION + ": the input has no " + what + " '" + column
          + "'; its columns are " + input.getFieldNames());
    }
  }

  private static @Nullable SumType sumType(FieldType t) {
    return switch (t.getTypeName()) {
      case BYTE, INT16, INT32, INT64 -> SumType.INTEGER;
      case FLOAT, DOUBLE -> SumType.FLOATING;
      case DECIMAL -> SumType.DECIMAL;
      case LOGICAL_TYPE -> FixedPrecisionNumeric.IDENTIFIER.equals(t.getLogicalType().getIdentifier())
          ? SumType.FIXED_DECIMAL : null;
      default -> null;
    };
  }

  /** The scale of a {@code FixedPrecisionNumeric} type: its argument is a row (precision, scale). */
  private static int decimalScale(FieldType t) {
    Object argument = t.getLogicalType().getArgument();
    return ((Row) argument).getInt32("scale");
  }

  /** A readable type: {@code STRING}, {@code DATETIME}, {@code beam:logical_type:date:v1}. */
  static String describe(FieldType t) {
    return t.getTypeName() == TypeName.LOGICAL_TYPE ? t.getLogicalType().getIdentifier() : t.getTypeName().name();
  }

  /** The output schema: op, event time, keys, aggregates. */
  Schema outputSchema() {
    return output;
  }

  /** The number of summed columns. */
  int sumCount() {
    return sumTypes.size();
  }

  /** The key of {@code row}: its key values in {@link OrderedBytes} (nulls form their own group). */
  byte[] key(Row row) {
    return OrderedBytes.encode(row, keys);
  }

  /** The key values of {@code row} for messages: {@code city=kyiv, year=2020}. */
  String describeKey(Row row) {
    StringBuilder b = new StringBuilder();
    for (String k : keys) {
      b.append(b.length() == 0 ? "" : ", ").append(k).append('=').append(String.valueOf((Object) row.getValue(k)));
    }
    return b.toString();
  }

  /**
   * Folds {@code rows} (all of one key, at least one) into {@code state} and returns what to emit.
   *
   * <p>Each row is applied at its <em>step time</em>: its event time, or the event time of the key's latest output
   * row if that is later (a late row corrects the current output, it never rewrites history). Rows with equal step
   * times are applied together, in ascending step time; after each step the key's output changes as follows:
   * <ul>
   *   <li>no live rows before, some after: {@code +A} with the new values, at the step time;
   *   <li>live before and after, with different output values: {@code -C} repeating the previous output row, then
   *       {@code +C} with the new values at the step time;
   *   <li>live before, none after: {@code -R} repeating the previous output row;
   *   <li>otherwise nothing.
   * </ul>
   *
   * @throws InvalidDataException if a step leaves fewer than zero live rows, or a row has a null event time or an
   *     unknown operation type, or a sum leaves INT64
   */
  Step apply(@Nullable Totals state, List<Row> rows) {
    Totals current = state == null ? Totals.empty(sumTypes.size()) : state;
    TreeMap<Long, List<Row>> steps = new TreeMap<>();
    for (Row r : rows) {
      long t = ChangelogEventTimes.millis(r, eventTimeColumn, ACTION, describeKey(r));
      long step = current.keyTime() == null ? t : Math.max(t, current.keyTime());
      steps.computeIfAbsent(step, s -> new ArrayList<>()).add(r);
    }
    List<Row> emitted = new ArrayList<>();
    for (Map.Entry<Long, List<Row>> e : steps.entrySet()) {
      Totals next = current;
      for (Row r : e.getValue()) {
        next = next.plus(sign(r), sumValues(r));
      }
      Row keySource = e.getValue().get(0);
      if (next.count() < 0) {
        throw new InvalidDataException("Cannot " + ACTION + ": key " + describeKey(keySource) + " has "
            + next.count() + " live rows at event time " + ChangelogEventTimes.value(e.getKey(), output.getField(1).getType())
            + ": a -R or -C retracts a row that was never appended (or arrived after its retraction, behind the"
            + " watermark)");
      }
      if (!current.live() && next.live()) {
        next = next.withKeyTime(e.getKey());
        emitted.add(render(Operation.APPEND, next, keySource));
      } else if (current.live() && next.live() && !sameOutput(current, next)) {
        emitted.add(render(Operation.CORRECT_FROM, current, keySource));
        next = next.withKeyTime(e.getKey());
        emitted.add(render(Operation.CORRECT_TO, next, keySource));
      } else if (current.live() && !next.live()) {
        emitted.add(render(Operation.RETRACT, current, keySource));
      }
      current = next;
    }
    return new Step(current, emitted);
  }

  private int sign(Row row) {
    Integer code = row.getInt32(opColumn);
    if (code == null || !Operation.isValid(code)) {
      throw new InvalidDataException("Cannot " + ACTION + ": operation type column '" + opColumn + "' is " + code
          + " for key " + describeKey(row) + "; ODF defines 0 (+A), 1 (-R), 2 (-C) and 3 (+C), in " + row);
    }
    Operation op = Operation.ofCode(code);
    return op == Operation.APPEND || op == Operation.CORRECT_TO ? 1 : -1;
  }

  private List<BigDecimal> sumValues(Row row) {
    List<BigDecimal> values = new ArrayList<>(sumTypes.size());
    for (Aggregation a : aggregations) {
      if (a.kind() != Aggregation.Kind.SUM) {
        continue;
      }
      Object v = row.getValue(a.column());
      values.add(v == null ? null : exact(v, a, row));
    }
    return values;
  }

  private BigDecimal exact(Object v, Aggregation a, Row row) {
    if (v instanceof BigDecimal d) {
      return d;
    }
    if (v instanceof Float || v instanceof Double) {
      double d = ((Number) v).doubleValue();
      if (!Double.isFinite(d)) {
        throw new InvalidDataException("Cannot " + ACTION + ": " + a + " cannot add up " + d + " (column '"
            + a.column() + "', key " + describeKey(row) + "): only finite values can be retracted exactly");
      }
      return new BigDecimal(d);
    }
    return BigDecimal.valueOf(((Number) v).longValue());
  }

  private boolean sameOutput(Totals a, Totals b) {
    int s = 0;
    for (Aggregation agg : aggregations) {
      if (agg.kind() == Aggregation.Kind.COUNT) {
        if (a.count() != b.count()) {
          return false;
        }
        continue;
      }
      boolean aNull = a.nonNull().get(s) == 0;
      boolean bNull = b.nonNull().get(s) == 0;
      if (aNull != bNull) {
        return false;
      }
      if (!aNull) {
        BigDecimal x = a.sums().get(s);
        BigDecimal y = b.sums().get(s);
        boolean same = sumTypes.get(s) == SumType.FLOATING
            ? Double.compare(x.doubleValue(), y.doubleValue()) == 0 : x.compareTo(y) == 0;
        if (!same) {
          return false;
        }
      }
      s++;
    }
    return true;
  }

  private Row render(Operation op, Totals t, Row keySource) {
    List<Object> values = new ArrayList<>(output.getFieldCount());
    values.add(op.code());
    values.add(ChangelogEventTimes.value(t.keyTime(), output.getField(1).getType()));
    for (String k : keys) {
      values.add(keySource.getValue(k));
    }
    int s = 0;
    for (Aggregation a : aggregations) {
      if (a.kind() == Aggregation.Kind.COUNT) {
        values.add(t.count());
        continue;
      }
      values.add(t.nonNull().get(s) == 0 ? null : sumValue(t.sums().get(s), s, a, keySource));
      s++;
    }
    return Row.withSchema(output).addValues(values).build();
  }

  private Object sumValue(BigDecimal sum, int s, Aggregation a, Row keySource) {
    return switch (sumTypes.get(s)) {
      case INTEGER -> {
        if (sum.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0
            || sum.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0) {
          throw new InvalidDataException("Cannot " + ACTION + ": " + a + " is " + sum + " for key "
              + describeKey(keySource) + ", which does not fit INT64");
        }
        yield sum.longValueExact();
      }
      case FLOATING -> sum.doubleValue();
      case DECIMAL -> sum;
      case FIXED_DECIMAL -> {
        BigDecimal scaled = sum.setScale(sumScales.get(s));
        if (scaled.precision() > SUM_DECIMAL_PRECISION) {
          throw new InvalidDataException("Cannot " + ACTION + ": " + a + " is " + sum + " for key "
              + describeKey(keySource) + ", which does not fit DECIMAL(" + SUM_DECIMAL_PRECISION + ", "
              + sumScales.get(s) + ")");
        }
        yield scaled;
      }
    };
  }
}
