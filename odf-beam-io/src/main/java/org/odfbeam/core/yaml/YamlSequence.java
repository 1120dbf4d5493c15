package org.odfbeam.core.yaml;

import java.util.List;

/**
 * A YAML sequence.
 *
 * @param items the items in order
 * @param line 1-based source line, 0 if built in code
 * @param column 1-based source column, 0 if built in code
 */
public record YamlSequence(List<YamlNode> items, int line, int column) implements YamlNode {

  public YamlSequence {
    items = List.copyOf(items);
  }

  /** A sequence built in code (position 0). */
  public static YamlSequence of(List<? extends YamlNode> items) {
    return new YamlSequence(List.copyOf(items), 0, 0);
  }

  @Override
  public String describe() {
    return "a sequence";
  }
}
