package org.odfbeam.core.codec;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Internal failure while decoding; collects the field path on its way up (each table level prepends its field
 * name) and is turned into an {@link org.odfbeam.core.OdfFormatException} by {@link MetadataBlockCodec}.
 * No stack trace: it is always converted.
 */
final class DecodeError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Deque<String> path = new ArrayDeque<>();

  DecodeError(String message) {
    super(message, null, false, false);
  }

  DecodeError(String message, Throwable cause) {
    super(message, cause, false, false);
  }

  /** Prepends a field name ({@code "newData"}) or an index ({@code "[2]"}). */
  DecodeError at(String segment) {
    path.addFirst(segment);
    return this;
  }

  String path() {
    StringBuilder sb = new StringBuilder();
    for (String s : path) {
      if (sb.length() > 0 && !s.startsWith("[")) {
        sb.append('.');
      }
      sb.append(s);
    }
    return sb.toString();
  }
}
