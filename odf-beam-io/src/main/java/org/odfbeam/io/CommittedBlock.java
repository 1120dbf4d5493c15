package org.odfbeam.io;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.model.OffsetInterval;

/**
 * A metadata block that a write committed (or found already committed by an earlier attempt of the same write).
 *
 * @param datasetId the dataset's {@code did:odf:…}
 * @param blockHash the block's multihash (multibase, as in {@code refs/head})
 * @param sequenceNumber the block's sequence number
 * @param offsetInterval the offsets of the records an {@code AddData} block added; {@code null} for other events
 */
public record CommittedBlock(String datasetId, String blockHash, long sequenceNumber,
    @Nullable OffsetInterval offsetInterval) {

  /** Checks required fields. */
  public CommittedBlock {
    Objects.requireNonNull(datasetId, "CommittedBlock.datasetId is required");
    Objects.requireNonNull(blockHash, "CommittedBlock.blockHash is required");
  }

  /** The coder of {@code PCollection<CommittedBlock>}. */
  public static Coder<CommittedBlock> coder() {
    return CommittedBlockCoder.INSTANCE;
  }

  private static final class CommittedBlockCoder extends AtomicCoder<CommittedBlock> {
    static final CommittedBlockCoder INSTANCE = new CommittedBlockCoder();
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(CommittedBlock value, OutputStream outStream) throws IOException {
      DataOutputStream out = new DataOutputStream(outStream);
      out.writeUTF(value.datasetId());
      out.writeUTF(value.blockHash());
      out.writeLong(value.sequenceNumber());
      OffsetInterval iv = value.offsetInterval();
      out.writeBoolean(iv != null);
      if (iv != null) {
        out.writeLong(iv.start());
        out.writeLong(iv.end());
      }
      out.flush();
    }

    @Override
    public CommittedBlock decode(InputStream inStream) throws IOException {
      DataInputStream in = new DataInputStream(inStream);
      String id = in.readUTF();
      String hash = in.readUTF();
      long seq = in.readLong();
      OffsetInterval iv = in.readBoolean() ? new OffsetInterval(in.readLong(), in.readLong()) : null;
      return new CommittedBlock(id, hash, seq, iv);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
