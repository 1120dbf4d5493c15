package org.odfbeam.cli;

import java.io.IOException;
import java.io.PrintStream;
import org.odfbeam.core.chain.DatasetVerifier;
import org.odfbeam.core.chain.VerificationReport;
import java.nio.file.Path;
import org.odfbeam.core.model.DataSlice;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.storage.DatasetStorage;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.core.storage.ObjectKind;
import org.odfbeam.data.ParquetLogicalHash;

/** {@code odf verify DATASET}. */
final class VerifyCommand implements Command {
  @Override
  public String name() {
    return "verify";
  }

  @Override
  public String synopsis() {
    return "verify DATASET [--skip-logical-hashes]";
  }

  @Override
  public String summary() {
    return "Re-check every block hash, link and chain rule, and every data file's size, physical and logical hash";
  }

  @Override
  public String help() {
    return Command.super.help() + "\nPrints one line per problem ('block <seq> <hash>: <message>'), then a summary\n"
        + "line. Exit 0 if the dataset is valid, 1 if any problem was found.\n"
        + "Logical hashes (arrow-digest over each Parquet data file) are recomputed unless\n"
        + "--skip-logical-hashes is given; checkpoints are checked by size and physical hash.\n";
  }

  @Override
  public int run(Args args, PrintStream out, PrintStream err) throws IOException {
    boolean skipLogical = args.flag("--skip-logical-hashes");
    String dataset = args.expect(synopsis(), "DATASET").get(0);
    DatasetVerifier verifier = new DatasetVerifier(new LocalFsDatasetStorage(Inputs.datasetDir(dataset)));
    if (!skipLogical) {
      verifier = verifier.withDataSliceCheck(VerifyCommand::checkLogicalHash);
    }
    VerificationReport report = verifier.verify();
    for (VerificationReport.Problem problem : report.problems()) {
      out.println(problem);
    }
    out.println(report.summary());
    return report.isValid() ? 0 : Odf.EXIT_PROBLEMS;
  }

  /** Recomputes a slice's logical hash from its Parquet file. */
  static String checkLogicalHash(DatasetStorage storage, DataSlice slice) {
    Multihash actual = ParquetLogicalHash.of(Path.of(storage.objectUri(ObjectKind.DATA, slice.physicalHash())));
    return actual.equals(slice.logicalHash()) ? null
        : "data file " + slice.physicalHash() + " has logical hash " + actual + " (expected "
            + slice.logicalHash() + ")";
  }
}
