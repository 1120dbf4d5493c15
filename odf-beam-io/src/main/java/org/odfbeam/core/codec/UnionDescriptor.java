package org.odfbeam.core.codec;

import org.odfbeam.core.model.Variant;

/** A sealed interface of the model seen as a FlatBuffers union: member tables by type id. */
final class UnionDescriptor {
  private static final ClassValue<UnionDescriptor> CACHE = new ClassValue<>() {
    @Override
    protected UnionDescriptor computeValue(Class<?> type) {
      return new UnionDescriptor(type);
    }
  };

  final Class<?> type;
  /** Member record classes indexed by union type id; index 0 (NONE) is null. */
  private final Class<?>[] membersById;

  private UnionDescriptor(Class<?> type) {
    if (!type.isInterface() || !type.isSealed()) {
      throw new IllegalStateException(type.getName() + " is not a sealed interface");
    }
    this.type = type;
    Class<?>[] permitted = type.getPermittedSubclasses();
    int max = 0;
    for (Class<?> m : permitted) {
      max = Math.max(max, variant(m).id());
    }
    membersById = new Class<?>[max + 1];
    for (Class<?> m : permitted) {
      int id = variant(m).id();
      if (id < 1 || id > 255 || membersById[id] != null) {
        throw new IllegalStateException("Bad or duplicate @Variant id " + id + " on " + m.getName());
      }
      membersById[id] = m;
    }
  }

  static UnionDescriptor of(Class<?> type) {
    return CACHE.get(type);
  }

  private static Variant variant(Class<?> member) {
    Variant v = member.getAnnotation(Variant.class);
    if (v == null || !member.isRecord()) {
      throw new IllegalStateException(member.getName() + " must be a record annotated @Variant");
    }
    return v;
  }

  /** The member table for a type id, or null if unknown. */
  TableDescriptor member(int typeId) {
    if (typeId <= 0 || typeId >= membersById.length || membersById[typeId] == null) {
      return null;
    }
    return TableDescriptor.of(membersById[typeId]);
  }

  String name() {
    return type.getSimpleName();
  }
}
