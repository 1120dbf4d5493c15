package org.odfbeam.core.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Width in bytes of an ODF enum in FlatBuffers; enums without this annotation are 4 bytes (int32).
 * Only {@link TimeUnit} (int16) uses it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EnumWidth {
  /** 1, 2 or 4. */
  int value();
}
