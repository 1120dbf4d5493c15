package org.odfbeam.core.model;

/** Cached {@link Variant} lookups. */
final class Variants {
  private static final ClassValue<Variant> VARIANTS = new ClassValue<>() {
    @Override
    protected Variant computeValue(Class<?> type) {
      Variant v = type.getAnnotation(Variant.class);
      if (v == null) {
        throw new IllegalStateException(type.getName() + " has no @Variant annotation");
      }
      return v;
    }
  };

  private Variants() {}

  static Variant of(Class<?> type) {
    return VARIANTS.get(type);
  }
}
