package org.odfbeam.core.codec;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** One record component: its FlatBuffers slot, kind and accessor. Immutable apart from lazy resolution. */
final class FieldDescriptor {
  /** Component name (the camelCase fbs field name), used in error paths. */
  final String name;
  /** First vtable slot (unions: type slot; the value is in {@code slot + 1}). */
  final int slot;
  final FieldKind kind;
  final boolean nullable;
  /** Inline width in bytes of a scalar (enum width from {@code @EnumWidth}). */
  final int width;
  /** The component's accessor (core reflection: cheap to set up in a cold JVM, see TableDescriptor). */
  private final Method accessor;
  /** Record, sealed interface or enum class the field refers to (element type for lists); else null. */
  final Class<?> target;
  /** Enum constants in ordinal order, for {@link FieldKind#ENUM}. */
  final Object[] enumConstants;

  private volatile TableDescriptor table;
  private volatile UnionDescriptor union;

  FieldDescriptor(String name, int slot, FieldKind kind, boolean nullable, int width, Method accessor,
      Class<?> target, Object[] enumConstants) {
    this.name = name;
    this.slot = slot;
    this.kind = kind;
    this.nullable = nullable;
    this.width = width;
    this.accessor = accessor;
    this.target = target;
    this.enumConstants = enumConstants;
  }

  Object get(Object record) {
    try {
      return accessor.invoke(record);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("Cannot read component " + name, e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("Cannot read component " + name, e);
    }
  }

  /** Descriptor of the nested table (TABLE, TABLE_LIST), resolved on first use (types can be recursive). */
  TableDescriptor table() {
    TableDescriptor t = table;
    if (t == null) {
      table = t = TableDescriptor.of(target);
    }
    return t;
  }

  /** Descriptor of the union (UNION, UNION_LIST), resolved on first use. */
  UnionDescriptor union() {
    UnionDescriptor u = union;
    if (u == null) {
      union = u = UnionDescriptor.of(target);
    }
    return u;
  }
}
