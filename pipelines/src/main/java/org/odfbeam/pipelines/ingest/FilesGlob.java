package org.odfbeam.pipelines.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files a {@code FilesGlob} path matches, with the rules of the Rust {@code glob} crate kamu uses (default
 * options): {@code ?} is one character and {@code *} any characters within a path component (also a leading
 * dot), {@code [abc]}, {@code [a-z]} and {@code [!a]} are character classes, a component {@code **} is any number of
 * directories (also none); {@code **} inside a longer component is an error; everything else, braces included, is
 * literal. Only regular files match (symbolic links are followed). Relative patterns are resolved against a base
 * directory.
 */
final class FilesGlob {
  private FilesGlob() {}

  /** Code-point order of names: Rust's {@code String} order (UTF-8 bytes). */
  static final Comparator<String> NAME_ORDER = (a, b) -> {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  };

  /** The absolute pattern: {@code pattern} resolved against {@code base} when relative. */
  static Path absolute(Path base, String pattern) {
    Path p = Path.of(pattern);
    return (p.isAbsolute() ? p : base.resolve(p)).normalize();
  }

  private static boolean isPattern(String component) {
    return component.indexOf('*') >= 0 || component.indexOf('?') >= 0 || component.indexOf('[') >= 0;
  }

  /**
   * Checks a pattern's syntax without listing anything.
   *
   * @throws IllegalArgumentException naming the pattern and the problem
   */
  static void validate(String pattern) {
    Path p = Path.of(pattern);
    for (int i = 0; i < p.getNameCount(); i++) {
      String part = p.getName(i).toString();
      if (part.contains("**") && !part.equals("**")) {
        throw new IllegalArgumentException("Invalid glob '" + pattern + "': '**' must be a whole path component,"
            + " but is in '" + part + "'");
      }
      if (isPattern(part) && !part.equals("**")) {
        regex(pattern, part);
      }
    }
  }

  /**
   * Matching regular files, sorted by path.
   *
   * @throws IllegalArgumentException if the pattern is invalid (e.g. {@code a**})
   */
  static List<Path> match(Path base, String pattern) {
    Path abs = absolute(base, pattern);
    Path dir = abs.getRoot();
    int first = -1;
    for (int i = 0; i < abs.getNameCount(); i++) {
      String part = abs.getName(i).toString();
      if (isPattern(part)) {
        first = i;
        break;
      }
      dir = dir == null ? abs.getName(i) : dir.resolve(part);
    }
    if (first < 0) {
      return Files.isRegularFile(abs) ? List.of(abs) : List.of();
    }
    List<Pattern> components = new ArrayList<>();
    boolean recursive = false;
    for (int i = first; i < abs.getNameCount(); i++) {
      String part = abs.getName(i).toString();
      if (part.equals("**")) {
        components.add(null);
        recursive = true;
      } else if (part.contains("**")) {
        throw new IllegalArgumentException("Invalid glob '" + pattern + "': '**' must be a whole path component,"
            + " but is in '" + part + "'");
      } else {
        components.add(regex(pattern, part));
      }
    }
    if (dir == null || !Files.isDirectory(dir)) {
      return List.of();
    }
    Path root = dir;
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root, recursive ? Integer.MAX_VALUE : components.size(),
        FileVisitOption.FOLLOW_LINKS)) {
      s.filter(p -> !p.equals(root) && matches(components, 0, root.relativize(p), 0) && Files.isRegularFile(p))
          .forEach(out::add);
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalStateException("Cannot list the files matching '" + abs + "': " + e.getMessage(), e);
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  private static boolean matches(List<Pattern> pattern, int pi, Path path, int si) {
    if (pi == pattern.size()) {
      return si == path.getNameCount();
    }
    Pattern p = pattern.get(pi);
    if (p == null) {
      for (int k = si; k <= path.getNameCount(); k++) {
        if (matches(pattern, pi + 1, path, k)) {
          return true;
        }
      }
      return false;
    }
    return si < path.getNameCount() && p.matcher(path.getName(si).toString()).matches()
        && matches(pattern, pi + 1, path, si + 1);
  }

  /** One path component of a glob as a regular expression. */
  private static Pattern regex(String pattern, String component) {
    StringBuilder re = new StringBuilder();
    int i = 0;
    while (i < component.length()) {
      char c = component.charAt(i++);
      if (c == '*') {
        re.append(".*");
      } else if (c == '?') {
        re.append('.');
      } else if (c == '[') {
        int close = component.indexOf(']', i + 1 + (i < component.length() && component.charAt(i) == '!' ? 1 : 0));
        if (close < 0) {
          throw new IllegalArgumentException("Invalid glob '" + pattern + "': '[' without a closing ']' in '"
              + component + "'");
        }
        String body = component.substring(i, close);
        i = close + 1;
        re.append('[');
        if (body.startsWith("!")) {
          re.append('^');
          body = body.substring(1);
        }
        for (char b : body.toCharArray()) {
          if (b != '-' && !Character.isLetterOrDigit(b)) {
            re.append('\\');
          }
          re.append(b);
        }
        re.append(']');
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }
}
