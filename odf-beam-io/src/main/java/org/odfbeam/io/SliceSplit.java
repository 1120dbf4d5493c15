package org.odfbeam.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * One unit of reading work: the rows with {@code fromOffset <= offset <= toOffset} of one data file. A slice is
 * cut into several splits along its row groups so that one {@code processElement} call emits a bounded number of
 * rows; splits of one slice have disjoint offset ranges, so every row is read exactly once.
 *
 * @param file absolute local path of the data file ({@code data/<physical hash>})
 * @param fromOffset first offset to read (inclusive)
 * @param toOffset last offset to read (inclusive)
 * @param part index of this split within its slice; part 0 counts the slice and its file size in the metrics
 * @param fileBytes size of the whole data file in bytes (from the chain's {@code DataSlice.size})
 */
record SliceSplit(String file, long fromOffset, long toOffset, int part, long fileBytes) {
  SliceSplit {
    Objects.requireNonNull(file, "SliceSplit.file is required");
    if (fromOffset > toOffset) {
      throw new IllegalArgumentException("SliceSplit of " + file + " needs fromOffset <= toOffset, but was "
          + fromOffset + " > " + toOffset);
    }
  }

  /** Number of offsets covered. */
  long rows() {
    return toOffset - fromOffset + 1;
  }

  /** Deterministic binary coder: path, offsets, part, size. */
  static final class Coder extends AtomicCoder<SliceSplit> {
    private static final Coder INSTANCE = new Coder();

    static Coder of() {
      return INSTANCE;
    }

    private Coder() {}

    @Override
    public void encode(SliceSplit value, OutputStream out) throws IOException {
      StringUtf8Coder.of().encode(value.file(), out);
      VarLongCoder.of().encode(value.fromOffset(), out);
      VarLongCoder.of().encode(value.toOffset(), out);
      VarIntCoder.of().encode(value.part(), out);
      VarLongCoder.of().encode(value.fileBytes(), out);
    }

    @Override
    public SliceSplit decode(InputStream in) throws IOException {
      return new SliceSplit(StringUtf8Coder.of().decode(in), VarLongCoder.of().decode(in),
          VarLongCoder.of().decode(in), VarIntCoder.of().decode(in), VarLongCoder.of().decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
