package org.odfbeam.core.chain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.odfbeam.core.model.DataField;
import org.odfbeam.core.model.DataSchema;
import org.odfbeam.core.model.DataType;
import org.odfbeam.core.model.DataTypeList;
import org.odfbeam.core.model.DataTypeOption;
import org.odfbeam.core.model.DataTypeStruct;
import org.odfbeam.core.model.ExtraAttributes;
import org.odfbeam.core.model.Nullable;

/**
 * Structural schema diff, a port of kamu's {@code DataSchema::diff} / {@code DataType::diff}
 * (kamu-data/kamu-cli:src/odf/metadata/src/data/schema_cmp.rs), with the comparison options kamu uses
 * for SetDataSchema (ignore attributes, ignore order, respect optionality) fixed.
 *
 * <p>Faithful to a kamu quirk: when the field lists differ in length or names-by-position, only
 * added / removed / reordered fields are reported and the types of the common fields are not
 * compared.
 */
final class SchemaDiff {
  private SchemaDiff() {}

  enum Kind {
    SCHEMA_ATTRIBUTES_CHANGED, FIELD_ATTRIBUTES_CHANGED, FIELD_ADDED, FIELD_REMOVED,
    FIELD_REORDERED, FIELD_TYPE_CHANGED,
    TYPE_CHANGED, BECAME_OPTIONAL, BECAME_REQUIRED, STRUCT_DIFF, LIST_DIFF
  }

  /** One difference; {@code children} are type items (field type/list) or field items (struct). */
  record Item(Kind kind, String subject, boolean optionalField, List<Item> children) {
    static Item of(Kind kind, String subject) {
      return new Item(kind, subject, false, List.of());
    }

    /** kamu's {@code check_allowed_schema_migration_item}. */
    boolean allowedMigration() {
      return switch (kind) {
        case SCHEMA_ATTRIBUTES_CHANGED, FIELD_ATTRIBUTES_CHANGED, FIELD_REORDERED -> true;
        case FIELD_ADDED -> optionalField;
        case FIELD_REMOVED, TYPE_CHANGED, BECAME_OPTIONAL, BECAME_REQUIRED -> false;
        case FIELD_TYPE_CHANGED, STRUCT_DIFF, LIST_DIFF ->
            children.stream().allMatch(Item::allowedMigration);
      };
    }

    @Override
    public String toString() {
      String text = kind.name().toLowerCase().replace('_', ' ') + " " + subject;
      return children.isEmpty() ? text : text + " " + children;
    }
  }

  static List<Item> diff(DataSchema lhs, DataSchema rhs) {
    return diffFields(lhs.fields(), lhs.extra(), rhs.fields(), rhs.extra());
  }

  /** Drops the items that are equivalent under kamu's options (attributes, order ignored). */
  static List<Item> nonEquivalent(List<Item> items) {
    List<Item> out = new ArrayList<>();
    for (Item item : items) {
      switch (item.kind()) {
        case SCHEMA_ATTRIBUTES_CHANGED, FIELD_ATTRIBUTES_CHANGED, FIELD_REORDERED -> { }
        case FIELD_TYPE_CHANGED, STRUCT_DIFF, LIST_DIFF -> {
          List<Item> children = nonEquivalent(item.children());
          if (!children.isEmpty()) {
            out.add(new Item(item.kind(), item.subject(), item.optionalField(), children));
          }
        }
        default -> out.add(item);
      }
    }
    return out;
  }

  private static List<Item> diffFields(List<DataField> lhs, @Nullable ExtraAttributes extraLhs,
      List<DataField> rhs, @Nullable ExtraAttributes extraRhs) {
    List<Item> items = new ArrayList<>();
    if (!Objects.equals(extraLhs, extraRhs)) {
      items.add(Item.of(Kind.SCHEMA_ATTRIBUTES_CHANGED, "schema"));
    }
    boolean sameNames = lhs.size() == rhs.size();
    for (int i = 0; sameNames && i < lhs.size(); i++) {
      sameNames = lhs.get(i).name().equals(rhs.get(i).name());
    }
    if (!sameNames) {
      Map<String, Integer> rhsIndex = new LinkedHashMap<>();
      for (int i = 0; i < rhs.size(); i++) {
        rhsIndex.put(rhs.get(i).name(), i);
      }
      for (int i = 0; i < lhs.size(); i++) {
        Integer j = rhsIndex.remove(lhs.get(i).name());
        if (j == null) {
          items.add(Item.of(Kind.FIELD_REMOVED, "'" + lhs.get(i).name() + "'"));
        } else if (j != i) {
          items.add(Item.of(Kind.FIELD_REORDERED, "'" + lhs.get(i).name() + "' " + i + "->" + j));
        }
      }
      for (int j : rhsIndex.values()) {
        DataField added = rhs.get(j);
        items.add(new Item(Kind.FIELD_ADDED, "'" + added.name() + "'",
            added.type() instanceof DataTypeOption, List.of()));
      }
      return items; // kamu quirk: common fields are not compared in this case
    }
    for (int i = 0; i < lhs.size(); i++) {
      DataField l = lhs.get(i);
      DataField r = rhs.get(i);
      List<Item> typeDiff = new ArrayList<>();
      diffType(l.type(), r.type(), typeDiff);
      if (!typeDiff.isEmpty()) {
        items.add(new Item(Kind.FIELD_TYPE_CHANGED, "'" + l.name() + "'", false, typeDiff));
      }
      if (!Objects.equals(l.extra(), r.extra())) {
        items.add(Item.of(Kind.FIELD_ATTRIBUTES_CHANGED, "'" + l.name() + "'"));
      }
    }
    return items;
  }

  private static void diffType(DataType lhs, DataType rhs, List<Item> out) {
    if (lhs.equals(rhs)) {
      return;
    }
    if (lhs instanceof DataTypeOption l && rhs instanceof DataTypeOption r) {
      diffType(l.inner(), r.inner(), out);
    } else if (rhs instanceof DataTypeOption r) {
      out.add(Item.of(Kind.BECAME_OPTIONAL, name(lhs) + "->" + name(rhs)));
      diffType(lhs, r.inner(), out);
    } else if (lhs instanceof DataTypeOption l) {
      out.add(Item.of(Kind.BECAME_REQUIRED, name(lhs) + "->" + name(rhs)));
      diffType(l.inner(), rhs, out);
    } else if (lhs instanceof DataTypeStruct l && rhs instanceof DataTypeStruct r) {
      List<Item> fields = diffFields(l.fields(), null, r.fields(), null);
      if (!fields.isEmpty()) {
        out.add(new Item(Kind.STRUCT_DIFF, "struct", false, fields));
      }
    } else if (lhs instanceof DataTypeList l && rhs instanceof DataTypeList r) {
      List<Item> itemDiff = new ArrayList<>();
      diffType(l.itemType(), r.itemType(), itemDiff);
      out.add(itemDiff.isEmpty()
          ? Item.of(Kind.TYPE_CHANGED, name(lhs) + "->" + name(rhs))
          : new Item(Kind.LIST_DIFF, "list", false, itemDiff));
    } else {
      out.add(Item.of(Kind.TYPE_CHANGED, name(lhs) + "->" + name(rhs)));
    }
  }

  private static String name(DataType type) {
    return type.getClass().getSimpleName().replaceFirst("^DataType", "");
  }
}
