package org.odfbeam.bench;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the benchmark main {@link OdfIoVsParquetIo} from rotting: runs it end to end on the Direct runner with 1,000
 * rows (the direct surefire execution runs {@code bench/*IT}, with ParquetIO's Avro on the class path) and checks
 * the lines it prints. Times are not checked: the Direct runner is for correctness only.
 */
class OdfIoVsParquetIoIT {
  @TempDir
  Path dir;

  @Test
  void runsEveryPhaseAndPrintsTheRatiosAndPeakHeap() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<OdfIoVsParquetIo.Measurement> measurements;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      measurements = OdfIoVsParquetIo.run(new String[] {"--runner=direct", "--rows=1000", "--repeats=1",
          "--tailPairs=1", "--dir=" + dir}, out);
    }
    String text = bytes.toString(StandardCharsets.UTF_8);

    assertThat(text, containsString("OdfIO vs ParquetIO on direct: 1,000 rows x 8 columns, 1 repeat(s), 10 records"
        + " per OdfIO slice"));
    for (String phase : List.of("write ParquetIO", "write OdfIO", "read ParquetIO", "read OdfIO",
        "tail: 1% dataset, full OdfIO", "tail: last 1% OdfIO")) {
      assertThat(text, containsString("\n" + phase + " "));
    }
    assertThat(text, matchesPattern("(?s).*\nRESULT write: OdfIO / ParquetIO = \\d+\\.\\d\\d; target <= 1\\.25:"
        + " (met|NOT MET)\n.*"));
    assertThat(text, matchesPattern("(?s).*\nRESULT read: OdfIO / ParquetIO = \\d+\\.\\d\\d; target <= 1\\.10:"
        + " (met|NOT MET)\n.*"));
    // 1,000 rows in slices of 10: the last 1% is exactly the last of 100 slices, so about 1% of the bytes.
    assertThat(text, matchesPattern("(?s).*\nRESULT tail: last 1% \\(10 of 1,000 records, [0-9.]+ of [0-9.]+ MiB ="
        + " [0-9]\\.\\d% of the files\\) / full read of a 10-row dataset = \\d+\\.\\d\\d, / full read ="
        + " \\d+\\.\\d{3}; target <= 1\\.50 and <= 2% of the bytes: (met|NOT MET)\n.*"));
    assertThat(text, matchesPattern("(?s).*\nRESULT heap: peak \\d+ MiB, most in use after a collection \\d+ MiB,"
        + " of max \\d+ MiB: every phase ran in the heap\n.*"));

    // the tail-sized dataset, then 2 writes, 2 reads, 2 tail reads
    assertThat(measurements, hasSize(1 + 6));
    assertThat(measurements.stream().map(OdfIoVsParquetIo.Measurement::seconds).toList(), everyItem(greaterThan(0.0)));
    assertThat(measurements.stream().filter(m -> m.phase().equals("tail: last 1%")).map(m -> m.records()).toList(),
        equalTo(List.of(10L)));
    // nothing left behind without --keep
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.toList(), hasSize(0));
    }
  }
}
