package org.odfbeam.core.yaml;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A YAML mapping whose entries keep their source (or insertion) order. Keys are scalars and unique.
 *
 * @param entries the entries in order
 * @param line 1-based source line, 0 if built in code
 * @param column 1-based source column, 0 if built in code
 */
public record YamlMapping(List<Entry> entries, int line, int column) implements YamlNode {

  /** One {@code key: value} pair. */
  public record Entry(YamlScalar key, YamlNode value) {
    public Entry {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }
  }

  public YamlMapping {
    entries = List.copyOf(entries);
    Set<String> seen = new HashSet<>();
    for (Entry e : entries) {
      if (!seen.add(e.key().value())) {
        throw new IllegalArgumentException("Duplicate mapping key '" + e.key().value() + "'");
      }
    }
  }

  /** An empty mapping at an unknown position. */
  public static YamlMapping empty() {
    return new YamlMapping(List.of(), 0, 0);
  }

  /** The value stored under {@code key}, or null. */
  public YamlNode get(String key) {
    for (Entry e : entries) {
      if (e.key().value().equals(key)) {
        return e.value();
      }
    }
    return null;
  }

  /** The entry stored under {@code key}, or null. */
  public Entry entry(String key) {
    for (Entry e : entries) {
      if (e.key().value().equals(key)) {
        return e;
      }
    }
    return null;
  }

  /** The keys in order. */
  public List<String> keys() {
    List<String> keys = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      keys.add(e.key().value());
    }
    return keys;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  @Override
  public String describe() {
    return "a mapping";
  }

  /** Builds mappings in code (position 0); keys are emitted in insertion order. */
  public static Builder builder() {
    return new Builder();
  }

  /** Mutable builder of a {@link YamlMapping}. */
  public static final class Builder {
    private final List<Entry> entries = new ArrayList<>();

    private Builder() {}

    /** Appends {@code key: value}; a null value is skipped (absent optional field). */
    public Builder put(String key, YamlNode value) {
      if (value != null) {
        entries.add(new Entry(YamlScalar.string(key), value));
      }
      return this;
    }

    public YamlMapping build() {
      return new YamlMapping(entries, 0, 0);
    }
  }
}
