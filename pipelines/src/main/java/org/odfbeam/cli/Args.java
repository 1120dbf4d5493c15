package org.odfbeam.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Minimal argument parser: positional words, boolean flags and {@code --name VALUE} options.
 * A lone {@code -} is positional (stdin). Options must be read before {@link #expect}, which
 * rejects any option the command did not read.
 */
final class Args {
  private final List<String> raw;
  private final Set<Integer> used;

  Args(List<String> raw) {
    this(List.copyOf(raw), new HashSet<>());
  }

  private Args(List<String> raw, Set<Integer> used) {
    this.raw = raw;
    this.used = used;
  }

  private static boolean isWord(String a) {
    return a.equals("-") || !a.startsWith("-");
  }

  /** Positional words not consumed as command names or option values. */
  List<String> positional() {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      if (!used.contains(i) && isWord(raw.get(i))) {
        words.add(raw.get(i));
      }
    }
    return words;
  }

  /** The same arguments without the first {@code n} positional words (the command name). */
  Args dropPositional(int n) {
    Set<Integer> u = new HashSet<>(used);
    int dropped = 0;
    for (int i = 0; i < raw.size() && dropped < n; i++) {
      if (!u.contains(i) && isWord(raw.get(i))) {
        u.add(i);
        dropped++;
      }
    }
    return new Args(raw, u);
  }

  /** Whether the boolean flag is present (consumes it). */
  boolean flag(String name) {
    boolean found = false;
    for (int i = 0; i < raw.size(); i++) {
      if (raw.get(i).equals(name)) {
        used.add(i);
        found = true;
      }
    }
    return found;
  }

  /** The value of {@code --name VALUE} or {@code --name=VALUE}, or null (consumes it). */
  String option(String name) {
    for (int i = 0; i < raw.size(); i++) {
      String a = raw.get(i);
      if (a.equals(name)) {
        if (i + 1 >= raw.size()) {
          throw new UsageException(name + " needs a value");
        }
        used.add(i);
        used.add(i + 1);
        return raw.get(i + 1);
      }
      if (a.startsWith(name + "=")) {
        used.add(i);
        return a.substring(name.length() + 1);
      }
    }
    return null;
  }

  /** Exactly the positional arguments named by {@code names}; call after reading options. */
  List<String> expect(String synopsis, String... names) {
    for (int i = 0; i < raw.size(); i++) {
      String a = raw.get(i);
      if (!used.contains(i) && !isWord(a) && !a.equals("--verbose") && !a.equals("-v")) {
        throw new UsageException("unknown option '" + a + "' (usage: odf " + synopsis + ")");
      }
    }
    List<String> words = positional();
    if (words.size() != names.length) {
      throw new UsageException((words.size() > names.length ? "unexpected argument '"
          + words.get(names.length) + "'" : "missing " + names[words.size()])
          + " (usage: odf " + synopsis + ")");
    }
    return words;
  }

  /** Like {@link #expect}, for commands taking at least {@code min} positional words (named {@code what}). */
  List<String> expectAtLeast(String synopsis, int min, String what) {
    for (int i = 0; i < raw.size(); i++) {
      String a = raw.get(i);
      if (!used.contains(i) && !isWord(a) && !a.equals("--verbose") && !a.equals("-v")) {
        throw new UsageException("unknown option '" + a + "' (usage: odf " + synopsis + ")");
      }
    }
    List<String> words = positional();
    if (words.size() < min) {
      throw new UsageException("missing " + what + " (usage: odf " + synopsis + ")");
    }
    return words;
  }
}
