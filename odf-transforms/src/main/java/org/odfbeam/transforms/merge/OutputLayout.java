package org.odfbeam.transforms.merge;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.transforms.changelog.Operation;

/**
 * The schema of a merge's output and how its rows are built: the {@code op} column (INT32 NOT NULL) first, then the
 * new rows' columns in their order (without the input's {@code op} and sequence columns), then the order column
 * (BYTES NOT NULL) if requested. Strategies that emit the dataset's old values ({@code -R}, {@code -C}) also carry
 * the event time column when only the dataset has it (added after {@code op}, nullable, as kamu-cli adds a null
 * event time column to the new data before merging), and make a column nullable when the dataset lacks it or holds
 * nulls in it.
 */
final class OutputLayout implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Schema orderedSchema;
  private final @Nullable String orderColumn;
  private final List<String> copied;

  private OutputLayout(Schema orderedSchema, @Nullable String orderColumn, List<String> copied) {
    this.orderedSchema = orderedSchema;
    this.orderColumn = orderColumn;
    this.copied = copied;
  }

  /**
   * @param datasetSchema the schema of the dataset's records (null if empty), checked for type conflicts
   * @param carriesOldValues whether rows are also built from the dataset's records
   * @param excluded input columns that are not output (the input's op and sequence columns)
   */
  static OutputLayout create(Schema newSchema, @Nullable Schema datasetSchema, boolean carriesOldValues,
      Columns columns, Set<String> excluded, @Nullable String orderColumn, String action) {
    Schema.Builder b = Schema.builder().addField(columns.op(), FieldType.INT32);
    List<String> copied = new ArrayList<>();
    if (carriesOldValues && datasetSchema != null && !newSchema.hasField(columns.eventTime())
        && datasetSchema.hasField(columns.eventTime())) {
      b.addField(columns.eventTime(), datasetSchema.getField(columns.eventTime()).getType().withNullable(true));
      copied.add(columns.eventTime());
    }
    for (Schema.Field f : newSchema.getFields()) {
      if (excluded.contains(f.getName())) {
        continue;
      }
      FieldType type = f.getType();
      if (datasetSchema != null && datasetSchema.hasField(f.getName())) {
        FieldType old = datasetSchema.getField(f.getName()).getType();
        if (!old.withNullable(false).equals(type.withNullable(false))) {
          throw new IllegalArgumentException("Cannot " + action + ": column '" + f.getName() + "' is " + type
              + " in the new rows but " + old + " in the dataset");
        }
        if (carriesOldValues && old.getNullable()) {
          type = type.withNullable(true);
        }
      } else if (carriesOldValues && datasetSchema != null) {
        type = type.withNullable(true);
      }
      b.addField(f.getName(), type);
      copied.add(f.getName());
    }
    Schema schema = b.build();
    Schema ordered = schema;
    if (orderColumn != null) {
      if (schema.hasField(orderColumn)) {
        throw new IllegalArgumentException("Cannot " + action + ": withOrderColumn('" + orderColumn + "') names a"
            + " column the output already has; its columns are " + schema.getFieldNames());
      }
      ordered = Schema.builder().addFields(schema.getFields()).addField(orderColumn, FieldType.BYTES).build();
    }
    return new OutputLayout(ordered, orderColumn, List.copyOf(copied));
  }

  /** The output schema (with the order column if requested). */
  Schema schema() {
    return orderedSchema;
  }

  /** The output columns taken from the input (all but {@code op} and the order column). */
  List<String> copiedColumns() {
    return copied;
  }

  /** An output row holding {@code source}'s values (null for columns it lacks) and {@code op}. */
  Row row(Row source, Operation op, byte[] order) {
    Schema s = source.getSchema();
    List<Object> values = new ArrayList<>(orderedSchema.getFieldCount());
    values.add(op.code());
    for (String c : copied) {
      values.add(s.hasField(c) ? source.getValue(c) : null);
    }
    if (orderColumn != null) {
      values.add(order);
    }
    return Row.withSchema(orderedSchema).addValues(values).build();
  }

  /** Whether this layout's output has no order column. */
  boolean unordered() {
    return orderColumn == null;
  }
}
