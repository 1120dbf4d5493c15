package org.odfbeam.core.yaml;

import java.nio.file.*;
import java.util.*;
import java.util.stream.*;
import org.junit.jupiter.api.Test;

class ScratchExamplesTest {
  @Test
  void all() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.walk(Paths.get("/work/ref/examples"))) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().collect(Collectors.toList());
    }
    int ok = 0, fail = 0;
    for (Path p : files) {
      String text = Files.readString(p);
      if (!text.contains("kind: DatasetSnapshot")) continue;
      try {
        var snaps = ManifestYaml.readSnapshots(text);
        for (var sn : snaps) DatasetSnapshotValidator.normalize(sn);
        String norm = ManifestYaml.normalize(text);
        if (!ManifestYaml.normalize(norm).equals(norm)) throw new RuntimeException("not idempotent");
        ok++;
      } catch (RuntimeException e) {
        fail++;
        System.out.println("FAIL " + p + ": " + e.getMessage());
      }
    }
    System.out.println("OK " + ok + " FAIL " + fail);
  }
}
