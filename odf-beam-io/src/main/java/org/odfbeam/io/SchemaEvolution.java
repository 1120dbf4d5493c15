package org.odfbeam.io;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.odfbeam.core.model.DataType;
import org.odfbeam.core.model.DataTypeOption;
import org.odfbeam.data.OdfSchemas;

/**
 * Decides in which schema a write lands in an existing dataset, following kamu's schema evolution rules
 * (kamu-data/kamu-cli:src/odf/metadata/src/data/schema_cmp.rs, only optional fields may be added).
 *
 * <p>Columns are matched by name and compared by their ODF type (what kamu compares), nullability aside:
 * <ul>
 *   <li>a dataset column missing from the input, a changed type, or a nullable input column for a non-nullable
 *       dataset column is incompatible;
 *   <li>a non-nullable input column fits a nullable dataset column (rows are written in the dataset's schema);
 *   <li>a new nullable input column is added at the end with a new {@code SetDataSchema}; a new non-nullable one
 *       is incompatible.
 * </ul>
 */
final class SchemaEvolution {
  private SchemaEvolution() {}

  /** The target schema and whether it must be recorded. */
  record Outcome(Schema target, boolean changed) {}

  /**
   * @param dataset used in messages
   * @param current the dataset's schema
   * @param input the schema the input maps to (system columns first)
   * @throws IllegalArgumentException naming every problem and showing both schemas
   */
  static Outcome evolve(String dataset, Schema current, Schema input) {
    List<String> problems = new ArrayList<>();
    for (Field c : current.getFields()) {
      if (!input.hasField(c.getName())) {
        problems.add("column '" + c.getName() + "' is missing from the input");
        continue;
      }
      Field i = input.getField(c.getName());
      DataType ct = odfType(c);
      DataType it = odfType(i);
      if (!ct.equals(it)) {
        problems.add("column '" + c.getName() + "' changed type from " + describe(c.getType()) + " to "
            + describe(i.getType()));
      } else if (!c.getType().getNullable() && i.getType().getNullable()) {
        problems.add("column '" + c.getName() + "' is nullable in the input but not in the dataset");
      }
    }
    Schema.Builder target = Schema.builder().addFields(current.getFields());
    boolean added = false;
    for (Field i : input.getFields()) {
      if (current.hasField(i.getName())) {
        continue;
      }
      if (!i.getType().getNullable()) {
        problems.add("new column '" + i.getName() + "' is not nullable (only nullable columns can be added)");
      }
      target.addField(i);
      added = true;
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Cannot write to dataset " + dataset
          + ": the input schema is not compatible with the dataset's (" + String.join("; ", problems) + ")"
          + "\n  dataset schema: " + describe(current) + "\n  input schema:   " + describe(input));
    }
    return added ? new Outcome(target.build(), true) : new Outcome(current, false);
  }

  private static DataType odfType(Field f) {
    DataType t = OdfSchemas.toOdf(Schema.of(f)).fields().get(0).type();
    return t instanceof DataTypeOption o ? o.inner() : t;
  }

  /** A one-line rendering, e.g. {@code offset INT64 NOT NULL, city STRING}. */
  static String describe(Schema schema) {
    return schema.getFields().stream().map(f -> f.getName() + " " + describe(f.getType()))
        .collect(Collectors.joining(", "));
  }

  private static String describe(FieldType t) {
    String base = switch (t.getTypeName()) {
      case LOGICAL_TYPE -> t.getLogicalType().getIdentifier();
      case ARRAY, ITERABLE -> t.getTypeName() + "<" + describe(t.getCollectionElementType()) + ">";
      case ROW -> "ROW<" + describe(t.getRowSchema()) + ">";
      default -> t.getTypeName().toString();
    };
    return t.getNullable() ? base : base + " NOT NULL";
  }
}
