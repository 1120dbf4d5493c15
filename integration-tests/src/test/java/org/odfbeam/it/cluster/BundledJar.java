package org.odfbeam.it.cluster;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The jar a cluster test stages with the pipeline ({@code --filesToStage}): everything the job needs that the cluster
 * does not provide.
 *
 * <p>Where it comes from, first match wins:
 * <ol>
 *   <li>the system property {@value #PROPERTY}: the path of a bundled jar built by the build (e.g. the shade
 *       plugin's {@code -bundled} jar of the runner's Maven profile); it must exist;
 *   <li>otherwise a jar this class builds from the test JVM's class path ({@code java.class.path}: test classes,
 *       classes and every dependency jar the surefire execution put there), the way the shade configuration of the
 *       shared stack notes does: the first copy of an entry wins (class-path order, as in the JVM),
 *       {@code META-INF/services/*} files are concatenated, {@code reference.conf} files appended, signature files
 *       and {@code module-info.class} dropped, and the manifest says {@code Multi-Release: true}. Jars the cluster
 *       provides (same file name as on the cluster's class path) are left out, as {@code provided} dependencies are.
 *       It is written to {@code <workDir>/bundled-<runner>.jar} and reused while its inputs are unchanged.
 * </ol>
 */
final class BundledJar {
  /** System property naming a prebuilt bundled jar. */
  static final String PROPERTY = "odf.it.bundledJar";

  private BundledJar() {}

  /** What {@link #locate} returns: the jar and whether it was built (or reused) by this class. */
  record Located(Path jar, boolean built, long bytes) {}

  /**
   * The bundled jar for {@code runner}.
   *
   * @param providedJarNames file names of the jars the cluster provides (left out of a jar built here)
   * @param excludedPrefixes file-name prefixes of further class-path jars to leave out of a jar built here
   * @param workDir where a jar built here goes
   */
  static Located locate(String runner, Set<String> providedJarNames, Set<String> excludedPrefixes, Path workDir) {
    String given = System.getProperty(PROPERTY, "").trim();
    if (!given.isEmpty()) {
      Path jar = Path.of(given).toAbsolutePath();
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException(PROPERTY + " names " + jar + ", which does not exist (build it first)");
      }
      return new Located(jar, false, size(jar));
    }
    Path jar = workDir.resolve("bundled-" + runner + ".jar");
    List<Path> inputs = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      Path p = Path.of(entry).toAbsolutePath();
      String name = p.getFileName().toString();
      if (!Files.exists(p) || providedJarNames.contains(name) || name.startsWith("surefire")
          || name.startsWith("junit-platform-launcher") || excludedPrefixes.stream().anyMatch(name::startsWith)) {
        continue;
      }
      inputs.add(p);
    }
    try {
      Files.createDirectories(workDir);
      String fingerprint = fingerprint(inputs);
      Path stamp = workDir.resolve("bundled-" + runner + ".inputs");
      if (Files.isRegularFile(jar) && Files.isRegularFile(stamp)
          && Files.readString(stamp, StandardCharsets.UTF_8).equals(fingerprint)) {
        return new Located(jar, true, size(jar));
      }
      Path tmp = workDir.resolve("bundled-" + runner + ".jar.tmp");
      write(inputs, tmp);
      Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      Files.writeString(stamp, fingerprint, StandardCharsets.UTF_8);
      return new Located(jar, true, size(jar));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot build " + jar, e);
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Each input with its size and newest modification time (for a directory: of any file under it). */
  private static String fingerprint(List<Path> inputs) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (Path p : inputs) {
      long newest;
      long size;
      if (Files.isDirectory(p)) {
        try (Stream<Path> all = Files.walk(p)) {
          List<Path> files = all.filter(Files::isRegularFile).toList();
          newest = 0;
          size = files.size();
          for (Path f : files) {
            newest = Math.max(newest, Files.getLastModifiedTime(f).toMillis());
          }
        }
      } else {
        newest = Files.getLastModifiedTime(p).toMillis();
        size = Files.size(p);
      }
      sb.append(p).append('\t').append(size).append('\t').append(newest).append('\n');
    }
    return sb.toString();
  }

  private static boolean dropped(String name) {
    String upper = name.toUpperCase(java.util.Locale.ROOT);
    return name.endsWith("/")
        || name.equals("module-info.class") || name.endsWith("/module-info.class")
        || upper.equals("META-INF/MANIFEST.MF") || upper.equals("META-INF/INDEX.LIST")
        || upper.startsWith("META-INF/") && !upper.substring(9).contains("/")
            && (upper.endsWith(".SF") || upper.endsWith(".DSA") || upper.endsWith(".RSA") || upper.endsWith(".EC"));
  }

  private static boolean merged(String name) {
    return name.startsWith("META-INF/services/") && name.indexOf('/', "META-INF/services/".length()) < 0
        || name.equals("reference.conf");
  }

  private static void write(List<Path> inputs, Path out) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(new Attributes.Name("Multi-Release"), "true");
    manifest.getMainAttributes().put(new Attributes.Name("Created-By"), "odf-beam integration tests (BundledJar)");
    Set<String> seen = new HashSet<>();
    Map<String, StringBuilder> mergedFiles = new LinkedHashMap<>();
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(out), manifest)) {
      jar.setLevel(Deflater.BEST_SPEED);
      for (Path input : inputs) {
        if (Files.isDirectory(input)) {
          try (Stream<Path> all = Files.walk(input)) {
            for (Path f : all.filter(Files::isRegularFile).sorted().toList()) {
              String name = input.relativize(f).toString().replace(File.separatorChar, '/');
              try (InputStream in = Files.newInputStream(f)) {
                add(jar, name, in, seen, mergedFiles);
              }
            }
          }
        } else {
          try (ZipFile zip = new ZipFile(input.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
              ZipEntry e = entries.nextElement();
              try (InputStream in = zip.getInputStream(e)) {
                add(jar, e.getName(), in, seen, mergedFiles);
              }
            }
          }
        }
      }
      for (Map.Entry<String, StringBuilder> m : mergedFiles.entrySet()) {
        jar.putNextEntry(new ZipEntry(m.getKey()));
        jar.write(m.getValue().toString().getBytes(StandardCharsets.UTF_8));
        jar.closeEntry();
      }
    }
  }

  private static void add(JarOutputStream jar, String name, InputStream in, Set<String> seen,
      Map<String, StringBuilder> mergedFiles) throws IOException {
    if (dropped(name)) {
      return;
    }
    if (merged(name)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      StringBuilder sb = mergedFiles.computeIfAbsent(name, k -> new StringBuilder());
      sb.append(text);
      if (!text.endsWith("\n")) {
        sb.append('\n');
      }
      return;
    }
    if (!seen.add(name)) {
      return;
    }
    jar.putNextEntry(new ZipEntry(name));
    in.transferTo((OutputStream) jar);
    jar.closeEntry();
  }
}
