package org.odfbeam.runners;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.options.ApplicationNameOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.util.IllegalMutationException;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.core.chain.BlockRef;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.io.OdfIO;

/**
 * {@link OdfRunners} on this class path's runner. The module's default profile puts the Direct runner here; the
 * Direct-only checks are skipped under {@code -P flink} or {@code -P spark}.
 */
class OdfRunnersTest {
  static final String DIRECT = "org.apache.beam.runners.direct.DirectRunner";
  static final String FLINK = "org.apache.beam.runners.flink.FlinkRunner";

  /** A pipeline's own options, as pipelines declare them. */
  public interface SmokeOptions extends OdfPipelineOptions {
    @Description("Dataset to write")
    @Default.String("smoke")
    String getOutput();

    void setOutput(String value);
  }

  @TempDir
  Path tmp;

  /** Breaks the Beam model: changes its input element. */
  static final class MutateInput extends DoFn<List<Integer>, Integer> {
    @ProcessElement
    public void process(@Element List<Integer> in, OutputReceiver<Integer> out) {
      in.add(3);
      out.output(in.size());
    }
  }

  static boolean onClassPath(String className) {
    try {
      Class.forName(className, false, OdfRunnersTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  static Object option(PipelineOptions options, String optionsInterface, String getter) throws Exception {
    @SuppressWarnings("unchecked")
    Class<? extends PipelineOptions> type = (Class<? extends PipelineOptions>) Class.forName(optionsInterface);
    Method m = type.getMethod(getter);
    return m.invoke(options.as(type));
  }

  @Test
  void directPresetReachesBeamsOptions() throws Exception {
    assumeTrue(onClassPath(DIRECT));
    OdfPipelineOptions options = OdfRunners.fromArgs("--runner=direct", "--enforceEncodability=false");
    assertThat(options.getRunner().getName(), equalTo(DIRECT));
    assertThat(option(options, "org.apache.beam.runners.direct.DirectOptions", "isEnforceImmutability"),
        equalTo(true));
    assertThat(option(options, "org.apache.beam.runners.direct.DirectOptions", "isEnforceEncodability"),
        equalTo(false));
  }

  @Test
  void aPipelinesOwnOptionsAreParsedWithTheRunners() {
    assumeTrue(onClassPath(DIRECT));
    SmokeOptions options = OdfRunners.fromArgs(SmokeOptions.class, "--runner=DirectRunner", "--output=cities",
        "--workspace=/data", "--systemTime=2026-01-01T00:00:00Z");
    assertThat(options.getOutput(), equalTo("cities"));
    assertThat(OdfSettings.of(options).dataset(options.getOutput()), equalTo("/data/cities"));
  }

  @Test
  void withoutRunnerTheOnlyOneOnTheClassPathIsUsed() {
    assumeTrue(System.getProperty(OdfRunners.RUNNER_PROPERTY) == null);
    List<String> args = OdfRunners.presetArgs("--workspace=/data");
    assertThat(args.get(0), equalTo("--workspace=/data"));
    assertThat(args.get(1), containsString("--runner=org.apache.beam.runners."));
  }

  @Test
  void theJobIsNamedAfterTheCallingClass() {
    assumeTrue(onClassPath(DIRECT));
    assertThat(OdfRunners.fromArgs("--runner=direct").as(ApplicationNameOptions.class).getAppName(),
        equalTo("OdfRunnersTest"));
    assertThat(OdfRunners.fromArgs("--runner=direct", "--appName=cities").as(ApplicationNameOptions.class)
        .getAppName(), equalTo("cities"));
  }

  @Test
  void beamRejectsAnOptionOfAnotherRunner() {
    assumeTrue(onClassPath(DIRECT));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OdfRunners.fromArgs("--runner=direct", "--sparkMaster=local[1]"));
    assertThat(e.getMessage(), containsString("sparkMaster"));
  }

  @Test
  void flinkMissingFromTheClassPathNamesItsProfile() {
    assumeFalse(onClassPath(FLINK));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> OdfRunners.fromArgs("--runner=flink"));
    assertThat(e.getMessage(), allOf(containsString("Cannot run on flink: " + FLINK + " is not on the class path"),
        containsString("-P flink")));
  }

  @Test
  void anUnknownRunnerListsTheValidOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OdfRunners.fromArgs("--runner=storm"));
    assertThat(e.getMessage(), containsString("Unknown runner 'storm' (from --runner=storm): valid runners are "
        + "direct, flink, spark"));
  }

  /** The preset keeps the Direct runner's immutability check on: a DoFn mutating its input fails the run. */
  @Test
  void directCatchesADoFnMutatingItsInput() {
    assumeTrue(onClassPath(DIRECT));
    Pipeline p = Pipeline.create(OdfRunners.fromArgs("--runner=direct"));
    p.apply(Create.of(List.<List<Integer>>of(List.of(1, 2))).withCoder(ListCoder.of(VarIntCoder.of())))
        .apply(ParDo.of(new MutateInput()));
    RuntimeException e = assertThrows(RuntimeException.class, () -> p.run().waitUntilFinish());
    Throwable t = e;
    while (t != null && !(t instanceof IllegalMutationException)) {
      t = t.getCause();
    }
    assertThat("IllegalMutationException in " + e, t, instanceOf(IllegalMutationException.class));
  }

  /** {@link OdfSettings#applyTo} reaches the write: fixed system time, slices of at most 4 records. */
  @Test
  void settingsConfigureTheWrite() throws Exception {
    assumeTrue(onClassPath(DIRECT));
    OdfPipelineOptions options = OdfRunners.fromArgs("--runner=direct", "--workspace=" + tmp,
        "--systemTime=2026-01-01T00:00:00Z", "--maxRecordsPerSlice=4");
    OdfSettings odf = OdfSettings.of(options);
    Schema schema = Schema.builder().addInt64Field("n").build();
    List<Row> rows = new ArrayList<>();
    for (long n = 0; n < 10; n++) {
      rows.add(Row.withSchema(schema).addValue(n).build());
    }
    Pipeline p = Pipeline.create(options);
    p.apply(Create.of(rows).withRowSchema(schema)).apply(odf.applyTo(OdfIO.write().to(odf.dataset("numbers"))));
    assertThat(p.run().waitUntilFinish(), equalTo(PipelineResult.State.DONE));

    Path dataset = tmp.resolve("numbers");
    assertThat(Files.isDirectory(dataset.resolve("refs")), equalTo(true));
    List<Long> sliceSizes = new ArrayList<>();
    for (BlockRef ref : new MetadataChain(new LocalFsDatasetStorage(dataset))) {
      assertThat(ref.block().systemTime(), equalTo(Instant.parse("2026-01-01T00:00:00Z")));
      if (ref.block().event() instanceof AddData add && add.newData() != null) {
        sliceSizes.add(add.newData().offsetInterval().end() - add.newData().offsetInterval().start() + 1);
      }
    }
    assertThat(sliceSizes, contains(2L, 4L, 4L));
    assertThat(OdfRunners.presetArgs("--runner=direct"), hasItem("--enforceImmutability=true"));
  }
}
