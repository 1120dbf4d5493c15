package org.odfbeam.core.model;

import java.util.List;
import java.util.Objects;

/**
 * Defines a transformation that produces data in a derivative dataset.
 *
 * @param inputs Datasets that will be used as sources.
 * @param transform Transformation that will be applied to produce new data.
 */
@Variant(name = "SetTransform", id = 5)
public record SetTransform(
    List<TransformInput> inputs,
    Transform transform) implements MetadataEvent {
  /** Checks required fields and copies lists. */
  public SetTransform {
    inputs = List.copyOf(Objects.requireNonNull(inputs, "SetTransform.inputs is required"));
    Objects.requireNonNull(transform, "SetTransform.transform is required");
  }
}
