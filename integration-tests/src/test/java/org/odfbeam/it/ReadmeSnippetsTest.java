package org.odfbeam.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's {@code OdfIO} examples are the compiled and tested code of {@code OdfIOExamples}: every region
 * between {@code // readme:begin NAME} and {@code // readme:end} must appear in README.md as a {@code java} code
 * block, verbatim apart from its common indentation.
 */
class ReadmeSnippetsTest {
  private static final Path EXAMPLES =
      Path.of("integration-tests/src/test/java/org/odfbeam/examples/OdfIOExamples.java");

  @Test
  void everyExampleRegionIsInTheReadmeVerbatim() throws IOException {
    Map<String, String> regions = regions(Files.readAllLines(OdfTool.REPO.resolve(EXAMPLES)));
    assertThat(regions.keySet(), hasItems("write", "read", "derive", "guarantees"));
    String readme = Files.readString(OdfTool.REPO.resolve("README.md"));
    for (Map.Entry<String, String> region : regions.entrySet()) {
      assertThat("README.md lacks the '" + region.getKey() + "' example of " + EXAMPLES + " (copy it verbatim)",
          readme, containsString("```java\n" + region.getValue() + "```\n"));
    }
  }

  /** The named regions, each with its common indentation removed and a newline after every line. */
  static Map<String, String> regions(List<String> lines) {
    Map<String, String> regions = new LinkedHashMap<>();
    String name = null;
    List<String> body = new ArrayList<>();
    for (String line : lines) {
      String t = line.strip();
      if (t.startsWith("// readme:begin ")) {
        name = t.substring("// readme:begin ".length()).strip();
        body.clear();
      } else if (t.equals("// readme:end") && name != null) {
        regions.put(name, dedent(body));
        name = null;
      } else if (name != null) {
        body.add(line);
      }
    }
    return regions;
  }

  private static String dedent(List<String> body) {
    int indent = Integer.MAX_VALUE;
    for (String l : body) {
      if (!l.isBlank()) {
        indent = Math.min(indent, l.length() - l.stripLeading().length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String l : body) {
      out.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
    }
    return out.toString();
  }
}
