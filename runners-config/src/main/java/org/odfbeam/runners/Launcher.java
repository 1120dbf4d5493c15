package org.odfbeam.runners;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

/**
 * Main class of the bundled jar: starts the pipeline class named by the first argument with the remaining arguments.
 *
 * <pre>
 * java -jar pipelines-0.1.0-SNAPSHOT-bundled.jar org.odfbeam.runners.RunnerCheck --runner=flink
 * </pre>
 * Going through {@code java -jar} is what makes the jar's manifest {@code Add-Opens} entry apply: the JDK packages
 * Spark and Flink need opened on Java 17 are opened without {@code --add-opens} flags on the command line.
 */
public final class Launcher {
  private Launcher() {}

  /** {@code args[0]}: the main class; the rest: its arguments. Exits with status 2 on a usage error. */
  public static void main(String[] args) throws Throwable {
    if (args.length == 0 || args[0].startsWith("-")) {
      System.err.println("Usage: java -jar <bundled jar> <main class> [arguments]\n"
          + "  e.g. java -jar pipelines-bundled.jar org.odfbeam.runners.RunnerCheck --runner=flink");
      System.exit(2);
      return;
    }
    Method main;
    try {
      main = Class.forName(args[0]).getMethod("main", String[].class);
    } catch (ClassNotFoundException e) {
      System.err.println("Cannot launch " + args[0] + ": no such class in this jar");
      System.exit(2);
      return;
    } catch (NoSuchMethodException e) {
      System.err.println("Cannot launch " + args[0] + ": it has no public static void main(String[])");
      System.exit(2);
      return;
    }
    if (!Modifier.isStatic(main.getModifiers())) {
      System.err.println("Cannot launch " + args[0] + ": its main method is not static");
      System.exit(2);
      return;
    }
    try {
      main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
