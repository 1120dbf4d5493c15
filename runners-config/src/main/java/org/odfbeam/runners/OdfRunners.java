package org.odfbeam.runners;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.apache.beam.sdk.PipelineRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.runners.PipelineRunnerRegistrar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pipeline options from the command line, with runner presets for ODF work: one option picks the runner, and the
 * defaults it needs are filled in.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   Options options = OdfRunners.fromArgs(Options.class, args);   // Options extends OdfPipelineOptions
 *   run(options);
 * }
 * }</pre>
 *
 * <h2>Choosing the runner</h2>
 * The first of these that is present decides:
 * <ol>
 *   <li>{@code --runner=direct|flink|spark} (any case), or any of Beam's own spellings: {@code DirectRunner},
 *       {@code FlinkRunner}, {@code SparkRunner} (any case), {@code TestFlinkRunner}, fully-qualified class names
 *       such as {@code org.apache.beam.runners.flink.FlinkRunner}, or any other {@code PipelineRunner} class on the
 *       class path (passed through without presets);
 *   <li>the system property {@value #RUNNER_PROPERTY} ({@code -Drunner=spark}: under {@code mvn exec:java} the same
 *       switch also activates the Maven profile that puts the Spark runner on the class path);
 *   <li>the one runner of the three on the class path (the build's profiles put exactly one there).
 * </ol>
 * An unknown name fails with an {@link IllegalArgumentException} listing the valid ones; a known runner that is not
 * on the class path fails with an {@link IllegalStateException} naming the Maven profile that adds it
 * ({@code -P flink}).
 *
 * <h2>Presets</h2>
 * Each default is added only when the arguments do not set that option; user values always win.
 * <table>
 *   <caption>Runner presets</caption>
 *   <tr><th>runner</th><th>defaults</th></tr>
 *   <tr><td>direct</td><td>{@code --enforceImmutability=true --enforceEncodability=true}: the Direct runner's
 *       checks that DoFns do not mutate their inputs and that every element survives its coder stay on</td></tr>
 *   <tr><td>flink</td><td>{@code --flinkMaster=[local]} (an embedded mini cluster in this JVM); for
 *       {@code [local]} also {@code --parallelism=<available processors>} and, unless {@code --flinkConfDir} or
 *       {@code FLINK_CONF_DIR} is set, a generated {@code --flinkConfDir} that makes the embedded cluster work
 *       under {@code mvn exec:java} and keeps its temporary files in a directory deleted at exit</td></tr>
 *   <tr><td>spark</td><td>{@code --sparkMaster=local[<available processors>]}</td></tr>
 * </table>
 * Every runner also gets {@code --appName=<the calling class's simple name>} unless set.
 * A remote Flink master ({@code --flinkMaster=host:8081}) or Spark master ({@code --sparkMaster=spark://…}) gets no
 * defaults beyond the runner class. {@code --help} is passed to Beam untouched.
 *
 * <p>The runners are never referenced at compile time (Flink's kryo 2.24 and Spark's kryo-shaded 4 cannot share a
 * class path): their options are set as arguments and Beam finds them through its registrars.
 */
public final class OdfRunners {
  /** System property that names the runner when {@code --runner} is absent: {@value}. */
  public static final String RUNNER_PROPERTY = "runner";

  private static final Logger LOG = LoggerFactory.getLogger(OdfRunners.class);

  private OdfRunners() {}

  /**
   * {@link OdfPipelineOptions} from {@code args} with the runner preset applied, validated by Beam.
   *
   * @throws IllegalArgumentException for an unknown runner or an invalid option (Beam's message)
   * @throws IllegalStateException if the chosen runner is not on the class path
   */
  public static OdfPipelineOptions fromArgs(String... args) {
    return fromArgs(OdfPipelineOptions.class, args);
  }

  /**
   * Options of type {@code type} (usually a pipeline's {@code Options extends OdfPipelineOptions}) from
   * {@code args} with the runner preset applied, validated by Beam ({@code withValidation()}).
   *
   * @throws IllegalArgumentException for an unknown runner or an invalid option (Beam's message)
   * @throws IllegalStateException if the chosen runner is not on the class path, or a remote cluster named by
   *     {@code --flinkMaster}/{@code --sparkMaster} does not accept connections
   */
  public static <T extends PipelineOptions> T fromArgs(Class<T> type, String... args) {
    List<String> effective = presetArgs(args);
    // A remote cluster that does not answer fails here within seconds, naming its address (the runners would
    // retry for a minute and more, and the Spark runner's error names no address).
    ClusterProbe.checkReachable(effective);
    return PipelineOptionsFactory.fromArgs(effective.toArray(String[]::new)).withValidation().as(type);
  }

  /**
   * The arguments {@link #fromArgs} gives Beam: {@code --runner=} rewritten to the runner's class, followed by the
   * preset's defaults for options not set, and {@code --appName=<simple name of the calling class>} unless set (the
   * Flink job's and Spark application's name; Beam would otherwise name it after this class). Logs the runner and
   * the defaults added, once, at INFO. {@code --help} arguments are returned unchanged.
   *
   * @throws IllegalArgumentException for an unknown runner
   * @throws IllegalStateException if the chosen runner is not on the class path
   */
  public static List<String> presetArgs(String... args) {
    List<String> given = new ArrayList<>(Arrays.asList(args));
    RunnerArgs.Result result = RunnerArgs.apply(given, currentEnvironment());
    if (result.runnerClass() == null) {
      return result.args();
    }
    List<String> effective = new ArrayList<>(result.args());
    if (RunnerArgs.value(given, "appName").isEmpty()) {
      // Beam would name the job after its caller's class, which is this one; name it after the pipeline's.
      effective.add("--appName=" + callerSimpleName());
    }
    if (result.preset() != null) {
      loadExitHookClasses(result.preset());
    }
    LOG.info("Runner {} ({}){}", result.preset() == null ? "without preset" : result.preset().shortName(),
        result.runnerClass(), result.added().isEmpty() ? "" : ", preset defaults " + String.join(" ", result.added()));
    return List.copyOf(effective);
  }

  /** The simple name of the first class on the stack outside this one (the pipeline's main class). */
  private static String callerSimpleName() {
    return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
        .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
            .filter(c -> c != OdfRunners.class)
            .findFirst())
        .map(Class::getSimpleName)
        .filter(name -> !name.isEmpty())
        .orElse("OdfPipeline");
  }

  /**
   * Loads now the classes the runner's JVM shutdown hooks load only at exit: Hadoop's hook (which runs Spark's
   * clean-up) and the hook of embedded Flink's job-graph store. Under {@code mvn exec:java} the pipeline's class
   * loader is closed by then, so these hooks would fail with {@code NoClassDefFoundError} after the build's summary
   * (and Spark's temporary directory would stay behind). Harmless elsewhere; absent classes are ignored.
   */
  private static void loadExitHookClasses(RunnerPreset preset) {
    for (String name : preset.exitHookClasses()) {
      try {
        Class.forName(name, true, classLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        LOG.debug("Class {} used by a shutdown hook is not on the class path", name, e);
      }
    }
  }

  private static RunnerArgs.Environment currentEnvironment() {
    ClassLoader loader = classLoader();
    String property = System.getProperty(RUNNER_PROPERTY);
    return new RunnerArgs.Environment(Runtime.getRuntime().availableProcessors(), name -> isPresent(name, loader),
        registeredRunners(loader), property == null || property.isBlank() ? null : property.trim(),
        System.getenv("FLINK_CONF_DIR") != null, EmbeddedFlinkConf::directory);
  }

  /** The loader Beam resolves runners with: the thread's context class loader (exec:java sets it). */
  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : OdfRunners.class.getClassLoader();
  }

  private static boolean isPresent(String className, ClassLoader loader) {
    try {
      Class.forName(className, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static List<String> registeredRunners(ClassLoader loader) {
    List<String> names = new ArrayList<>();
    try {
      for (PipelineRunnerRegistrar registrar : ServiceLoader.load(PipelineRunnerRegistrar.class, loader)) {
        for (Class<? extends PipelineRunner<?>> runner : registrar.getPipelineRunners()) {
          names.add(runner.getName());
        }
      }
    } catch (ServiceConfigurationError | LinkageError e) {
      // A registrar that cannot load is a broken runner; the runner check reports it by name later.
      LOG.debug("Cannot list registered runners", e);
    }
    return names;
  }
}
