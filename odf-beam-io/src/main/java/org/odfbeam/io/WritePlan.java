package org.odfbeam.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.schemas.Schema;
import org.odfbeam.core.model.Nullable;

/**
 * What one write builds on, fixed once per pipeline run before any data file is written: the dataset head it
 * expects, where offsets continue, the system time of the commit and the schema the slices are written in.
 *
 * @param create whether the dataset has no blocks yet (the commit starts with Seed)
 * @param headHash the expected head (multibase), {@code null} when creating
 * @param headSequenceNumber sequence number of the expected head ({@code -1} when creating)
 * @param lastOffset last offset in the dataset, {@code null} if it has no data
 * @param lastWatermark the dataset's watermark, {@code null} if none
 * @param systemTime the system time of every row and block of this commit (millisecond precision)
 * @param targetSchema the schema the slices are written in (system columns first)
 * @param schemaChanged whether the commit must record {@code targetSchema} with a {@code SetDataSchema}
 * @param lastCheckpoint the {@code newCheckpoint} hash (multibase) of the dataset's last {@code AddData}, which the
 *     commit's first {@code AddData} carries as {@code prevCheckpoint}; {@code null} if none
 * @param lastSourceState the {@code newSourceState} of the dataset's last {@code AddData}, {@code null} if none
 */
record WritePlan(
    boolean create,
    @Nullable String headHash,
    long headSequenceNumber,
    @Nullable Long lastOffset,
    @Nullable Instant lastWatermark,
    Instant systemTime,
    Schema targetSchema,
    boolean schemaChanged,
    @Nullable String lastCheckpoint,
    @Nullable SourceStateValue lastSourceState) implements Serializable {

  static final Coder<WritePlan> CODER = new WritePlanCoder();

  WritePlan {
    Objects.requireNonNull(systemTime, "WritePlan.systemTime is required");
    Objects.requireNonNull(targetSchema, "WritePlan.targetSchema is required");
  }

  /** The offset of the first record this write adds. */
  long firstOffset() {
    return lastOffset == null ? 0 : lastOffset + 1;
  }

  /** Java serialization framed as a byte array: a plan is one small element per run. */
  private static final class WritePlanCoder extends AtomicCoder<WritePlan> {
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(WritePlan value, OutputStream outStream) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(value);
      }
      ByteArrayCoder.of().encode(bytes.toByteArray(), outStream);
    }

    @Override
    public WritePlan decode(InputStream inStream) throws IOException {
      byte[] bytes = ByteArrayCoder.of().decode(inStream);
      try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
        return (WritePlan) in.readObject();
      } catch (ClassNotFoundException e) {
        throw new IOException("Cannot decode write plan: " + e.getMessage(), e);
      }
    }
  }
}
