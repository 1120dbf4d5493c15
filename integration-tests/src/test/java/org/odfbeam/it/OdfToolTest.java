package org.odfbeam.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code odf} tool's command contracts, run through {@code bin/odf} as scripts run it. */
class OdfToolTest {
  @TempDir
  Path tmp;

  @Test
  void helpListsEveryCommand() throws Exception {
    OdfTool.Result r = OdfTool.run("--help");
    assertThat(r.toString(), r.exitCode(), equalTo(0));
    for (String command : List.of("block hash FILE", "block encode FILE [--out PATH]", "block decode FILE",
        "yaml normalize FILE", "manifest check FILE", "hash physical FILE", "did new", "did parse DID",
        "log DATASET [--yaml]", "verify DATASET")) {
      assertThat(r.stdout(), containsString(command));
    }
  }

  @Test
  void unknownCommandFailsWithoutStackTrace() throws Exception {
    OdfTool.Result r = OdfTool.run("frobnicate");
    assertThat(r.exitCode(), equalTo(2));
    assertThat(r.stdout(), emptyString());
    assertThat(r.stderr(), containsString("unknown command 'frobnicate'"));
    assertThat(r.stderr(), not(containsString("\tat ")));
  }

  @Test
  void missingFileNamesTheFileAndVerboseAddsStackTrace() throws Exception {
    OdfTool.Result r = OdfTool.run("block", "hash", "no/such/block.yaml");
    assertThat(r.exitCode(), equalTo(2));
    assertThat(r.stderr(), containsString("no/such/block.yaml"));
    assertThat(r.stderr(), not(containsString("\tat ")));

    OdfTool.Result verbose = OdfTool.run("--verbose", "block", "hash", "no/such/block.yaml");
    assertThat(verbose.exitCode(), equalTo(2));
    assertThat(verbose.stderr(), containsString("\tat "));
  }

  @Test
  void decodePrintsKamusYamlByteForByte() throws Exception {
    for (String name : List.of("metadata-block-execute-transform.yaml", "metadata-block-set-data-schema.yaml")) {
      String kamuText = resource("/kamu-yaml/" + name);
      Path yaml = write(name, kamuText);
      Path bin = tmp.resolve(name + ".bin");
      assertThat(OdfTool.run("block", "encode", yaml.toString(), "--out", bin.toString()).exitCode(), equalTo(0));

      OdfTool.Result decoded = OdfTool.run("block", "decode", bin.toString());
      assertThat(decoded.toString(), decoded.exitCode(), equalTo(0));
      assertThat(decoded.stdout(), equalTo(kamuText));

      OdfTool.Result normalized = OdfTool.run("yaml", "normalize", yaml.toString());
      assertThat(normalized.stdout(), equalTo(kamuText));
    }
  }

  @Test
  void normalizeRewritesShortFormsAndSpellingsToKamusCanonicalText() throws Exception {
    String canonical = resource("/kamu-yaml/dataset-snapshot-root.yaml");
    String sloppy = canonical
        .replace("kind: Csv", "kind: csv")
        .replace("format: Zip", "format: zip")
        .replace("      cache:\n        kind: Forever\n", "      cache: Forever\n");
    OdfTool.Result r = OdfTool.run("yaml", "normalize", write("sloppy.yaml", sloppy).toString());
    assertThat(r.toString(), r.exitCode(), equalTo(0));
    assertThat(r.stdout(), equalTo(canonical));
  }

  @Test
  void corruptBlockGivesAClearError() throws Exception {
    Path yaml = write("b.yaml", resource("/kamu-yaml/metadata-block-execute-transform.yaml"));
    Path bin = tmp.resolve("b.bin");
    OdfTool.run("block", "encode", yaml.toString(), "--out", bin.toString());
    byte[] bytes = Files.readAllBytes(bin);
    Files.write(bin, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    OdfTool.Result r = OdfTool.run("block", "decode", bin.toString());
    assertThat(r.exitCode(), equalTo(2));
    assertThat(r.stderr(), allOf(startsWith("odf: Cannot decode block " + bin), not(containsString("\tat "))));
  }

  @Test
  void manifestCheckAcceptsValidAndNamesTheFieldAndLineOfInvalid() throws Exception {
    String valid = resource("/kamu-yaml/dataset-snapshot-root.yaml");
    OdfTool.Result ok = OdfTool.run("manifest", "check", write("ok.yaml", valid).toString());
    assertThat(ok.toString(), ok.exitCode(), equalTo(0));

    OdfTool.Result unknownField = OdfTool.run("manifest", "check",
        write("bad.yaml", valid.replace("      header: true\n", "      header: true\n      headr: false\n")).toString());
    assertThat(unknownField.exitCode(), equalTo(1));
    assertThat(unknownField.stderr(), allOf(containsString("headr"), containsString("line 20")));

    OdfTool.Result unknownKind = OdfTool.run("manifest", "check",
        write("kind.yaml", valid.replace("kind: Csv", "kind: Xlsx")).toString());
    assertThat(unknownKind.exitCode(), equalTo(1));
    assertThat(unknownKind.stderr(), allOf(containsString("Xlsx"), containsString("line 18")));

    OdfTool.Result wrongKind = OdfTool.run("manifest", "check",
        write("derivative.yaml", valid.replace("  kind: Root\n", "  kind: Derivative\n")).toString());
    assertThat(wrongKind.exitCode(), equalTo(1));
    assertThat(wrongKind.stderr(), containsString("SetPollingSource"));
  }

  @Test
  void didNewAndParse() throws Exception {
    OdfTool.Result fresh = OdfTool.run("did", "new");
    assertThat(fresh.exitCode(), equalTo(0));
    assertThat(fresh.stdout(), matchesPattern("did:odf:fed01[0-9a-f]{64}\n"));

    // The canonical DID of kamu's seeded test key "multihash"
    // (kamu-data/kamu-cli:src/odf/metadata/tests/tests/test_dataset_id.rs).
    String did = "did:odf:fed012126262ba49e1ba8392c26f7a39e1ba8d756c7469786d3365200c68402ff65dc";
    OdfTool.Result parsed = OdfTool.run("did", "parse", did.toUpperCase().replace("DID:ODF:F", "did:odf:F"));
    assertThat(parsed.toString(), parsed.exitCode(), equalTo(0));
    assertThat(parsed.stdout(), startsWith("did: " + did + "\n"));
    String base58 = parsed.stdout().lines().filter(l -> l.startsWith("base58btc: ")).findFirst().orElseThrow()
        .substring("base58btc: ".length());
    assertThat(OdfTool.run("did", "parse", base58).stdout(), startsWith("did: " + did + "\n"));

    OdfTool.Result bad = OdfTool.run("did", "parse", "did:foo:fed01");
    assertThat(bad.exitCode(), equalTo(2));
    assertThat(bad.stderr(), containsString("did:foo:fed01"));
  }

  @Test
  void hashPhysicalIsSha3OfTheBytes() throws Exception {
    // sha3-256("prev"): open-data-fabric format notes and kamu-cli's test_serde_yaml.rs prevBlockHash.
    OdfTool.Result r = OdfTool.run("hash", "physical", write("prev", "prev").toString());
    assertThat(r.stdout(), equalTo("f16209eb949bd8ff0bb1d827f11809aebc6bd0d5955c7f368469a913c70d196620272\n"));
  }

  private Path write(String name, String text) throws Exception {
    Path p = tmp.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  static String resource(String name) throws Exception {
    try (var in = OdfToolTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
