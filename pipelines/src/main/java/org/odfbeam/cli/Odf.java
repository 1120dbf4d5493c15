package org.odfbeam.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code odf} command-line tool: inspects, hashes and verifies ODF metadata and datasets.
 *
 * <p>Run it with {@code bin/odf} from a checkout. Every command prints its result on stdout and
 * every error on stderr with a non-zero exit code; {@code --verbose} adds stack traces. The
 * inspection commands load only the ODF core (no Beam, Flink, Spark or Hadoop classes), so they
 * start as fast as a plain JVM program.
 *
 * <pre>{@code
 * bin/odf block hash block.yaml        # f1620...
 * bin/odf log /data/my-dataset
 * bin/odf verify file:///data/my-dataset
 * }</pre>
 */
public final class Odf {

  /** Exit code for a command that ran and found problems (e.g. {@code verify}, {@code manifest check}). */
  static final int EXIT_PROBLEMS = 1;
  /** Exit code for bad usage or an error that stopped the command. */
  static final int EXIT_ERROR = 2;

  private static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
  private static final Map<String, Command> COMMANDS = new TreeMap<>();

  static {
    register(new BlockCommands.Hash());
    register(new BlockCommands.Encode());
    register(new BlockCommands.Decode());
    register(new ManifestCommands.Normalize());
    register(new ManifestCommands.Check());
    register(new HashCommands.Physical());
    register(new HashCommands.Logical());
    register(new SchemaCommand());
    register(new TailCommand());
    register(new DidCommands.New());
    register(new DidCommands.Parse());
    register(new LogCommand());
    register(new VerifyCommand());
    register(new PipelineCommands.PullCommand());
    register(new PipelineCommands.IngestCommand());
  }

  private Odf() {}

  private static void register(Command command) {
    COMMANDS.put(command.name(), command);
  }

  public static void main(String[] args) {
    // Libraries (Hadoop's codec pool) log at INFO; the tool's output is its result, so only warnings
    // and errors reach stderr unless --verbose asks for more.
    if (System.getProperty(LOG_LEVEL) == null) {
      boolean verbose = Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v");
      System.setProperty(LOG_LEVEL, verbose ? "info" : "warn");
    }
    PrintStream out = new PrintStream(new java.io.BufferedOutputStream(
        new java.io.FileOutputStream(java.io.FileDescriptor.out), 1 << 16), false, StandardCharsets.UTF_8);
    int code = run(Arrays.asList(args), out, System.err);
    out.flush();
    System.exit(code);
  }

  /**
   * Runs one command as {@code main} does, printing to {@code out} and {@code err}, without exiting; returns the
   * exit code (0 ok, {@value #EXIT_PROBLEMS} problems found, {@value #EXIT_ERROR} error).
   */
  public static int run(List<String> argv, PrintStream out, PrintStream err) {
    Args args = new Args(argv);
    boolean verbose = args.flag("--verbose") | args.flag("-v");
    try {
      if (args.positional().isEmpty() || args.flag("--help") || args.flag("-h")
          || args.positional().get(0).equals("help")) {
        List<String> words = args.positional().isEmpty() ? List.of() : args.positional();
        if (!words.isEmpty() && words.get(0).equals("help")) {
          words = words.subList(1, words.size());
        }
        Command command = find(words);
        out.print(command == null ? usage() : command.help());
        out.flush();
        return 0;
      }
      Command command = find(args.positional());
      if (command == null) {
        err.println("odf: unknown command '" + String.join(" ", args.positional())
            + "'. Run 'odf --help' for the list of commands.");
        return EXIT_ERROR;
      }
      int words = command.name().split(" ").length;
      Args rest = args.dropPositional(words);
      int code = command.run(rest, out, err);
      out.flush();
      return code;
    } catch (UsageException e) {
      out.flush();
      err.println("odf: " + e.getMessage());
      return EXIT_ERROR;
    } catch (RuntimeException | java.io.IOException | Error e) {
      out.flush();
      err.println("odf: " + describe(e));
      if (verbose) {
        e.printStackTrace(err);
      }
      return EXIT_ERROR;
    }
  }

  private static String describe(Throwable e) {
    StringBuilder message = new StringBuilder(
        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    if (e instanceof java.nio.file.NoSuchFileException) {
      message.insert(0, "No such file: ");
    } else if (e instanceof java.nio.file.AccessDeniedException) {
      message.insert(0, "Permission denied: ");
    }
    Throwable cause = e.getCause();
    if (cause != null && cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
      message.append(": ").append(cause.getMessage());
    }
    return message.toString();
  }

  private static Command find(List<String> words) {
    for (int n = Math.min(2, words.size()); n >= 1; n--) {
      Command command = COMMANDS.get(String.join(" ", words.subList(0, n)));
      if (command != null) {
        return command;
      }
    }
    return null;
  }

  static String usage() {
    StringBuilder b = new StringBuilder();
    b.append("odf: inspect, hash, verify and read Open Data Fabric metadata and datasets\n\n");
    b.append("Usage: odf [--verbose] COMMAND [ARGS]\n\nCommands:\n");
    for (Command c : COMMANDS.values()) {
      b.append(String.format("  %-46s %s%n", c.synopsis(), c.summary()));
    }
    b.append("\nDATASET is a dataset directory or a file:// URL. FILE may be '-' for stdin.\n");
    b.append("Run 'odf help COMMAND' for details. Errors go to stderr with a non-zero exit code;\n");
    b.append("--verbose adds stack traces.\n");
    return b.toString();
  }
}
