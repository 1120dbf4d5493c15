package org.odfbeam.core;

/**
 * Malformed input to one of the ODF codecs (FlatBuffers blocks, YAML/JSON manifests, multiformats).
 *
 * <p>The message names what is wrong and where, e.g. {@code "Cannot decode metadata block:
 * content.event.newData.offsetInterval: table offset 4711 is out of bounds (buffer size 312)"}.
 */
public class OdfFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with the given message. */
  public OdfFormatException(String message) {
    super(message);
  }

  /** Creates an exception with the given message and cause. */
  public OdfFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
