package org.odfbeam.core.model;

import java.util.List;
import java.util.Objects;

/**
 * Executes external command to process the data using piped input/output.
 *
 * @param command Command to execute and its arguments.
 */
@Variant(name = "Pipe", id = 2)
public record PrepStepPipe(
    List<String> command) implements PrepStep {
  /** Checks required fields and copies lists. */
  public PrepStepPipe {
    command = List.copyOf(Objects.requireNonNull(command, "PrepStepPipe.command is required"));
  }
}
