package org.odfbeam.cli;

import java.io.IOException;
import java.io.PrintStream;

/** One {@code odf} command. */
interface Command {

  /** The words that select the command, e.g. {@code "block hash"}. */
  String name();

  /** The command line shape, e.g. {@code "block hash FILE"}. */
  String synopsis();

  /** One line for {@code odf --help}. */
  String summary();

  /** The full help text, ending with a newline. */
  default String help() {
    return "Usage: odf " + synopsis() + "\n\n" + summary() + "\n";
  }

  /** Runs the command; returns the exit code. */
  int run(Args args, PrintStream out, PrintStream err) throws IOException;
}
