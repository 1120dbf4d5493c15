package org.odfbeam.core.codec;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.List;

import org.odfbeam.core.identity.DatasetAlias;
import org.odfbeam.core.identity.DatasetId;
import org.odfbeam.core.identity.DatasetRef;
import org.odfbeam.core.model.Bytes;
import org.odfbeam.core.model.EnumWidth;
import org.odfbeam.core.model.ExtraAttributes;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.model.Variant;
import org.odfbeam.core.multiformats.Multihash;

/**
 * A model record seen as a FlatBuffers table: fields in component order with slot numbers, the canonical
 * constructor, and its union type id if it is a union member.
 * Built once per class, lazily, on first use.
 */
final class TableDescriptor {
  private static final ClassValue<TableDescriptor> CACHE = new ClassValue<>() {
    @Override
    protected TableDescriptor computeValue(Class<?> type) {
      return new TableDescriptor(type);
    }
  };

  final Class<?> type;
  final FieldDescriptor[] fields;
  /** Number of vtable slots (a union field takes two). */
  final int slotCount;
  /** Union type id from {@code @Variant}, or 0. */
  final int variantId;
  /**
   * The canonical constructor. Core reflection rather than a spreader {@code MethodHandle}: on JDK 17 spinning
   * the spreader's lambda forms cost ~100 ms in a cold JVM (measured: first block decode 53 ms vs 120-210 ms),
   * while steady-state decoding is the same.
   */
  private final Constructor<?> constructor;

  private TableDescriptor(Class<?> type) {
    if (!type.isRecord()) {
      throw new IllegalStateException(type.getName() + " is not a record");
    }
    this.type = type;
    Variant variant = type.getAnnotation(Variant.class);
    this.variantId = variant == null ? 0 : variant.id();
    RecordComponent[] components = type.getRecordComponents();
    fields = new FieldDescriptor[components.length];
    Class<?>[] parameterTypes = new Class<?>[components.length];
    int slot = 0;
    try {
      for (int i = 0; i < components.length; i++) {
        RecordComponent c = components[i];
        parameterTypes[i] = c.getType();
        fields[i] = describe(c, slot);
        slot += fields[i].kind == FieldKind.UNION ? 2 : 1;
      }
      this.slotCount = slot;
      this.constructor = type.getConstructor(parameterTypes);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("Cannot access record " + type.getName(), e);
    }
  }

  static TableDescriptor of(Class<?> type) {
    return CACHE.get(type);
  }

  Object construct(Object[] args) throws Throwable {
    try {
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static FieldDescriptor describe(RecordComponent c, int slot) {
    Class<?> t = c.getType();
    boolean nullable = c.isAnnotationPresent(Nullable.class);
    String name = c.getName();
    if (t.isPrimitive() && nullable) {
      throw new IllegalStateException(c + ": @Nullable on a primitive");
    }
    if (!t.isPrimitive() && !nullable && isBoxedScalar(t)) {
      throw new IllegalStateException(c + ": required scalars must be primitives");
    }
    FieldKind kind;
    Class<?> target = null;
    Object[] constants = null;
    int width = 4;
    if (t == boolean.class || t == Boolean.class) {
      kind = FieldKind.BOOL;
      width = 1;
    } else if (t == short.class || t == Short.class) {
      kind = FieldKind.SHORT;
      width = 2;
    } else if (t == int.class || t == Integer.class) {
      kind = FieldKind.INT;
    } else if (t == long.class || t == Long.class) {
      kind = FieldKind.LONG;
      width = 8;
    } else if (t.isEnum()) {
      kind = FieldKind.ENUM;
      EnumWidth w = t.getAnnotation(EnumWidth.class);
      width = w == null ? 4 : w.value();
      if (width != 1 && width != 2 && width != 4) {
        throw new IllegalStateException(t.getName() + ": @EnumWidth must be 1, 2 or 4");
      }
      target = t;
      constants = t.getEnumConstants();
    } else if (t == Instant.class) {
      kind = FieldKind.TIMESTAMP;
      width = 16;
    } else if (t == String.class) {
      kind = FieldKind.STRING;
    } else if (t == DatasetRef.class) {
      kind = FieldKind.DATASET_REF;
    } else if (t == DatasetAlias.class) {
      kind = FieldKind.DATASET_ALIAS;
    } else if (t == Multihash.class) {
      kind = FieldKind.MULTIHASH;
    } else if (t == DatasetId.class) {
      kind = FieldKind.DATASET_ID;
    } else if (t == Bytes.class) {
      kind = FieldKind.BYTES;
    } else if (t == ExtraAttributes.class) {
      kind = FieldKind.EXTRA;
    } else if (t.isRecord()) {
      kind = FieldKind.TABLE;
      target = t;
    } else if (t.isInterface() && t.isSealed()) {
      kind = FieldKind.UNION;
      target = t;
    } else if (t == List.class) {
      Type g = c.getGenericType();
      if (!(g instanceof ParameterizedType p) || !(p.getActualTypeArguments()[0] instanceof Class<?> e)) {
        throw new IllegalStateException(c + ": unsupported list type " + g);
      }
      if (e == String.class) {
        kind = FieldKind.STRING_LIST;
      } else if (e.isRecord()) {
        kind = FieldKind.TABLE_LIST;
      } else if (e.isInterface() && e.isSealed()) {
        kind = FieldKind.UNION_LIST;
      } else {
        throw new IllegalStateException(c + ": unsupported list element type " + e.getName());
      }
      target = e;
    } else {
      throw new IllegalStateException(c + ": unsupported component type " + t.getName());
    }
    return new FieldDescriptor(name, slot, kind, nullable, width, c.getAccessor(), target, constants);
  }

  private static boolean isBoxedScalar(Class<?> t) {
    return t == Boolean.class || t == Short.class || t == Integer.class || t == Long.class;
  }
}
