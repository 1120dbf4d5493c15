package org.odfbeam.core.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an optional ODF field: {@code null} means absent (omitted from FlatBuffers and YAML).
 *
 * <p>Codecs read it from the record component ({@link java.lang.reflect.RecordComponent#isAnnotationPresent}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.METHOD, ElementType.FIELD})
public @interface Nullable {}
