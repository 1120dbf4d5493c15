package org.odfbeam.io;

import java.io.InputStream;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.apache.beam.sdk.util.ReleaseInfo;
import org.odfbeam.core.identity.DatasetId;
import org.odfbeam.core.identity.DatasetRef;
import org.odfbeam.core.model.ExecuteTransformInput;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.model.SetTransform;
import org.odfbeam.core.model.TransformInput;

/**
 * What makes a write derivative: its inputs as planned against the output when the pipeline was built, the output
 * head they were planned against, and the provenance text recorded in {@code SetTransform}.
 *
 * @param outputHead the output's head (multibase) when the inputs were planned, null if it had no blocks
 * @param inputs the inputs in {@code SetTransform} order
 * @param transform the transform recorded in {@code SetTransform}: Beam-code provenance or the SQL that ran
 * @param recordsSetTransform whether the commit records {@link #setTransform()}: the output has none, or a
 *     different one (other aliases or provenance)
 */
record Derivation(@Nullable String outputHead, List<DerivedInput> inputs, RecordedTransform transform,
    boolean recordsSetTransform) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** {@code TransformSql.engine} recorded for Beam code: not an engine kamu can run. */
  static final String ENGINE = "beam";

  Derivation {
    inputs = List.copyOf(Objects.requireNonNull(inputs, "Derivation.inputs is required"));
    Objects.requireNonNull(transform, "Derivation.transform is required");
  }

  /** Whether any input has blocks the output has not consumed. */
  boolean advancesInputs() {
    return inputs.stream().anyMatch(DerivedInput::advances);
  }

  /** {@code queryInputs} of the first {@code ExecuteTransform} of a commit: every input's new interval. */
  List<ExecuteTransformInput> consumedInputs() {
    return inputs.stream().map(DerivedInput::consumed).toList();
  }

  /** {@code queryInputs} of later {@code ExecuteTransform}s of the same commit: nothing new. */
  List<ExecuteTransformInput> carriedInputs() {
    return inputs.stream().map(DerivedInput::carriedAfterConsumed).toList();
  }

  /**
   * The output watermark the inputs allow: the minimum of the inputs' watermarks at the blocks read, or null when
   * some input has none (then the output's watermark does not move).
   */
  @Nullable Instant inputWatermark() {
    Instant min = null;
    for (DerivedInput in : inputs) {
      if (in.headWatermark() == null) {
        return null;
      }
      if (min == null || in.headWatermark().isBefore(min)) {
        min = in.headWatermark();
      }
    }
    return min;
  }

  /** The {@code SetTransform} recording the inputs and the provenance of this write. */
  SetTransform setTransform() {
    List<TransformInput> refs = new ArrayList<>();
    for (DerivedInput in : inputs) {
      refs.add(new TransformInput(DatasetRef.ofId(DatasetId.parse(in.datasetId())), in.alias()));
    }
    return new SetTransform(refs, transform.toModel());
  }

  /** {@code TransformSql.version}: "{@code <Beam SDK version> odf-beam <odf-beam version>}". */
  static String version() {
    return ReleaseInfo.getReleaseInfo().getSdkVersion() + " odf-beam " + odfBeamVersion();
  }

  /** The odf-beam artifact version, written into {@code odf-beam.properties} by the build. */
  static String odfBeamVersion() {
    try (InputStream in = Derivation.class.getResourceAsStream("odf-beam.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version");
        if (v != null && !v.isBlank()) {
          return v;
        }
      }
    } catch (java.io.IOException e) {
      // fall through
    }
    return "unknown";
  }
}
