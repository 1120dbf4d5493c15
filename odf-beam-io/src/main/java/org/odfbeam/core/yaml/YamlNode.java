package org.odfbeam.core.yaml;

/**
 * A node of a parsed (or to-be-emitted) YAML document: a {@link YamlMapping} with ordered entries, a
 * {@link YamlSequence} or a {@link YamlScalar}.
 *
 * <p>Every node remembers where it started in its source text ({@link #line()}, {@link #column()}, both
 * 1-based); nodes built in code (for emitting) have position 0.
 */
public sealed interface YamlNode permits YamlMapping, YamlSequence, YamlScalar {

  /** 1-based source line where this node starts, or 0 when the node was not parsed from text. */
  int line();

  /** 1-based source column where this node starts, or 0 when the node was not parsed from text. */
  int column();

  /** A short human-readable name of the node kind ("a mapping", "a sequence", "a string", ...). */
  String describe();
}
