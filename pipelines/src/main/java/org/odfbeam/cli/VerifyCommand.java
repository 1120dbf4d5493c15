package org.odfbeam.cli;

import java.io.IOException;
import java.io.PrintStream;
import org.odfbeam.core.chain.DatasetVerifier;
import org.odfbeam.core.chain.VerificationReport;
import org.odfbeam.core.storage.LocalFsDatasetStorage;

/** {@code odf verify DATASET}. */
final class VerifyCommand implements Command {
  @Override
  public String name() {
    return "verify";
  }

  @Override
  public String synopsis() {
    return "verify DATASET";
  }

  @Override
  public String summary() {
    return "Re-check every block hash, link and chain rule and every data/checkpoint file's size and hash";
  }

  @Override
  public String help() {
    return Command.super.help() + "\nPrints one line per problem ('block <seq> <hash>: <message>'), then a summary\n"
        + "line. Exit 0 if the dataset is valid, 1 if any problem was found.\n";
  }

  @Override
  public int run(Args args, PrintStream out, PrintStream err) throws IOException {
    String dataset = args.expect(synopsis(), "DATASET").get(0);
    VerificationReport report =
        new DatasetVerifier(new LocalFsDatasetStorage(Inputs.datasetDir(dataset))).verify();
    for (VerificationReport.Problem problem : report.problems()) {
      out.println(problem);
    }
    out.println(report.summary());
    return report.isValid() ? 0 : Odf.EXIT_PROBLEMS;
  }
}
