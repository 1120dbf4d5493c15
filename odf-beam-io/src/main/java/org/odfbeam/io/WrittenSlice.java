package org.odfbeam.io;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.odfbeam.core.model.DataSlice;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.model.OffsetInterval;
import org.odfbeam.core.multiformats.Multihash;

/**
 * A data file stored in the dataset's {@code data/} under its physical hash but not yet referenced by any block.
 *
 * @param index position of the slice within the commit (0-based; slices are committed in this order)
 * @param slice the slice as the {@code AddData} block will describe it
 * @param maxEventTimeMillis the greatest event time in the slice (epoch millis), {@code null} if all were null
 */
record WrittenSlice(long index, DataSlice slice, @Nullable Long maxEventTimeMillis) {
  static final Coder<WrittenSlice> CODER = new WrittenSliceCoder();

  WrittenSlice {
    Objects.requireNonNull(slice, "WrittenSlice.slice is required");
  }

  /** Records in the slice. */
  long records() {
    return slice.offsetInterval().end() - slice.offsetInterval().start() + 1;
  }

  private static final class WrittenSliceCoder extends AtomicCoder<WrittenSlice> {
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(WrittenSlice value, OutputStream outStream) throws IOException {
      DataOutputStream out = new DataOutputStream(outStream);
      DataSlice s = value.slice();
      out.writeLong(value.index());
      out.writeUTF(s.logicalHash().toString());
      out.writeUTF(s.physicalHash().toString());
      out.writeLong(s.offsetInterval().start());
      out.writeLong(s.offsetInterval().end());
      out.writeLong(s.size());
      out.writeBoolean(value.maxEventTimeMillis() != null);
      if (value.maxEventTimeMillis() != null) {
        out.writeLong(value.maxEventTimeMillis());
      }
      out.flush();
    }

    @Override
    public WrittenSlice decode(InputStream inStream) throws IOException {
      DataInputStream in = new DataInputStream(inStream);
      long index = in.readLong();
      Multihash logical = Multihash.parse(in.readUTF());
      Multihash physical = Multihash.parse(in.readUTF());
      OffsetInterval iv = new OffsetInterval(in.readLong(), in.readLong());
      long size = in.readLong();
      Long maxEvent = in.readBoolean() ? in.readLong() : null;
      return new WrittenSlice(index, new DataSlice(logical, physical, iv, size), maxEvent);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
