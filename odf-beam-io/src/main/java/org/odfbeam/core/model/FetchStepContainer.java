package org.odfbeam.core.model;

import java.util.List;
import java.util.Objects;

/**
 * Runs the specified OCI container to fetch data from an arbitrary source.
 *
 * @param image Image name and and an optional tag.
 * @param command Specifies the entrypoint. Not executed within a shell. The default OCI image's ENTRYPOINT is
 * used if this is not provided. (optional)
 * @param args Arguments to the entrypoint. The OCI image's CMD is used if this is not provided. (optional)
 * @param env Environment variables to propagate into or set in the container. (optional)
 */
@Variant(name = "Container", id = 3)
public record FetchStepContainer(
    String image,
    @Nullable List<String> command,
    @Nullable List<String> args,
    @Nullable List<EnvVar> env) implements FetchStep {
  /** Checks required fields and copies lists. */
  public FetchStepContainer {
    Objects.requireNonNull(image, "FetchStepContainer.image is required");
    command = command == null ? null : List.copyOf(command);
    args = args == null ? null : List.copyOf(args);
    env = env == null ? null : List.copyOf(env);
  }
}
