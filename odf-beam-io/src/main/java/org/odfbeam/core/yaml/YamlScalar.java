package org.odfbeam.core.yaml;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A YAML scalar: its text, the style it was written in, and its position.
 *
 * <p>A {@link Style#PLAIN} scalar is resolved the way kamu's YAML library (serde_yaml_ng 0.10, which keeps
 * serde_yaml 0.9's rules) resolves untagged plain scalars: {@code ~}/{@code null}/empty is null,
 * {@code true}/{@code True}/{@code TRUE} (and false) are booleans ({@code yes}/{@code no}/{@code on} are
 * strings), integers in decimal or {@code 0x}/{@code 0o}/{@code 0b} radix (no {@code _} separators;
 * leading-zero digit strings such as {@code 0123} stay strings), floats as Rust parses them plus
 * {@code .inf}/{@code -.inf}/{@code .nan}; anything else is a string. Every other style is a string.
 *
 * <p>For emitting, build scalars with {@link #string}, {@link #integer}, {@link #bool}, {@link #floating}
 * or {@link #nullValue}; {@link YamlEmitter} chooses the output style itself.
 *
 * @param value the scalar's text (after unescaping / folding)
 * @param style the source style; any non-plain style marks an explicit string
 * @param line 1-based source line, 0 if built in code
 * @param column 1-based source column, 0 if built in code
 */
public record YamlScalar(String value, Style style, int line, int column) implements YamlNode {

  /** How a scalar is written in YAML text (JSON strings are reported as {@link #DOUBLE_QUOTED}). */
  public enum Style {
    PLAIN,
    SINGLE_QUOTED,
    DOUBLE_QUOTED,
    LITERAL,
    FOLDED
  }

  /** What a scalar resolves to. */
  public enum Type {
    NULL,
    BOOL,
    INT,
    FLOAT,
    STRING
  }

  public YamlScalar {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(style, "style");
  }

  /** A string scalar (never resolved to another type). */
  public static YamlScalar string(String value) {
    return new YamlScalar(value, Style.DOUBLE_QUOTED, 0, 0);
  }

  /** An integer scalar. */
  public static YamlScalar integer(long value) {
    return new YamlScalar(Long.toString(value), Style.PLAIN, 0, 0);
  }

  /** An integer scalar. */
  public static YamlScalar integer(BigInteger value) {
    return new YamlScalar(value.toString(), Style.PLAIN, 0, 0);
  }

  /** An unsigned 64-bit integer scalar (the bits of {@code value} read as unsigned). */
  public static YamlScalar unsignedInteger(long value) {
    return new YamlScalar(Long.toUnsignedString(value), Style.PLAIN, 0, 0);
  }

  /** A boolean scalar. */
  public static YamlScalar bool(boolean value) {
    return new YamlScalar(value ? "true" : "false", Style.PLAIN, 0, 0);
  }

  /** A float scalar, written as serde_yaml writes f64 (ryu shortest form, {@code .inf}, {@code .nan}). */
  public static YamlScalar floating(double value) {
    return new YamlScalar(ScalarResolver.formatFloat(value), Style.PLAIN, 0, 0);
  }

  /** The null scalar. */
  public static YamlScalar nullValue() {
    return new YamlScalar("null", Style.PLAIN, 0, 0);
  }

  /** The resolved type (see the class comment). */
  public Type type() {
    return style == Style.PLAIN ? ScalarResolver.resolve(value) : Type.STRING;
  }

  public boolean isNull() {
    return type() == Type.NULL;
  }

  /** The boolean value; only valid when {@link #type()} is BOOL. */
  public boolean asBoolean() {
    return value.charAt(0) == 't' || value.charAt(0) == 'T';
  }

  /** The integer value; only valid when {@link #type()} is INT. */
  public BigInteger asBigInteger() {
    return ScalarResolver.parseInteger(value);
  }

  /** The float value; valid when {@link #type()} is FLOAT or INT. */
  public double asDouble() {
    Type t = type();
    if (t == Type.INT) {
      return asBigInteger().doubleValue();
    }
    return ScalarResolver.parseFloat(value);
  }

  @Override
  public String describe() {
    switch (type()) {
      case NULL:
        return "null";
      case BOOL:
        return "boolean `" + value + "`";
      case INT:
        return "integer `" + value + "`";
      case FLOAT:
        return "floating point `" + value + "`";
      default:
        return "string \"" + value + "\"";
    }
  }
}
