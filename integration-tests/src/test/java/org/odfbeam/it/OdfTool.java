package org.odfbeam.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code bin/odf} from the repository root as a user would, capturing exit code and output. */
final class OdfTool {
  /** The outcome of one invocation. */
  record Result(int exitCode, String stdout, String stderr, byte[] stdoutBytes) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }

  static final Path REPO = locateRepo();
  /** Where {@code odf log} keeps its line cache during the tests (not the user's ~/.cache). */
  static final Path CACHE = createCacheDir();

  private OdfTool() {}

  private static Path createCacheDir() {
    try {
      return Files.createDirectories(REPO.resolve("integration-tests/target/odf-cache"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Path locateRepo() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("bin/odf"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("Cannot find bin/odf above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  static Result run(String... args) throws IOException, InterruptedException {
    return runWithInput(null, args);
  }

  static Result runWithInput(byte[] stdin, String... args) throws IOException, InterruptedException {
    return runWith(java.util.Map.of(), stdin, args);
  }

  /** Runs with extra environment variables (e.g. {@code ODF_JAVA_OPTS}). */
  static Result runWith(java.util.Map<String, String> env, byte[] stdin, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(REPO.resolve("bin/odf").toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(REPO.toFile());
    pb.environment().put("ODF_CACHE_DIR", CACHE.toString());
    pb.environment().putAll(env);
    Path err = Files.createTempFile("odf-stderr", ".txt");
    pb.redirectError(err.toFile());
    if (stdin == null) {
      pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    }
    Process p = pb.start();
    if (stdin != null) {
      try (var in = p.getOutputStream()) {
        in.write(stdin);
      }
    }
    byte[] out;
    try (InputStream is = p.getInputStream()) {
      out = is.readAllBytes();
    }
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("bin/odf " + String.join(" ", args) + " did not finish in 120 s");
    }
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    Files.delete(err);
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), stderr, out);
  }
}
