package org.odfbeam.core.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record as a member of a FlatBuffers union (a sealed interface of this package).
 *
 * <p>{@code name} is the YAML tag (the {@code kind} value, PascalCase as kamu writes it, e.g. {@code Csv},
 * {@code AddData}); {@code id} is the 1-based FlatBuffers union type id (declaration order in the fbs union).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Variant {
  /** YAML tag of the member. */
  String name();

  /** FlatBuffers union type id, 1-based. */
  int id();
}
