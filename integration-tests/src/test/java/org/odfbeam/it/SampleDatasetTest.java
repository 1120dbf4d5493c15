package org.odfbeam.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

/** The README's main job: the bundled sample dataset verifies and logs. */
class SampleDatasetTest {
  @Test
  void bundledSampleDatasetVerifiesAndLogs() throws Exception {
    OdfTool.Result verify = OdfTool.run("verify", "examples/sample-dataset");
    assertThat(verify.toString(), verify.exitCode(), equalTo(0));
    assertThat(verify.stdout(), startsWith("Verified 7 blocks"));

    OdfTool.Result log = OdfTool.run("log", "examples/sample-dataset");
    assertThat(log.toString(), log.exitCode(), equalTo(0));
    assertThat(log.stdout().lines().toList(), hasSize(7));
  }
}
