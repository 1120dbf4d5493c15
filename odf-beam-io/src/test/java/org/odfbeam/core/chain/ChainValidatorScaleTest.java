package org.odfbeam.core.chain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.odfbeam.core.codec.MetadataBlockCodec;
import org.odfbeam.core.identity.DatasetId;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.model.DataSlice;
import org.odfbeam.core.model.DatasetKind;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.model.MetadataEvent;
import org.odfbeam.core.model.OffsetInterval;
import org.odfbeam.core.model.Seed;
import org.odfbeam.core.model.SetDataSchema;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.testing.TestDatasets;

/** One forward pass: validating 10,000 blocks takes one O(1) step per block. */
class ChainValidatorScaleTest {
  @Test
  void validatesATenThousandBlockChainInOnePass() {
    ChainState state = ChainState.empty();
    Multihash prev = null;
    long start = System.nanoTime();
    for (long seq = 0; seq < 10_000; seq++) {
      MetadataEvent event;
      if (seq == 0) {
        event = new Seed(DatasetId.newRandom(), DatasetKind.ROOT);
      } else if (seq == 1) {
        event = new SetDataSchema(null, TestDatasets.defaultSchema());
      } else {
        long first = (seq - 2) * 10;
        Multihash file = Multihash.sha3_256(Long.toString(seq).getBytes());
        event = new AddData(null, first == 0 ? null : first - 1,
            new DataSlice(file, file, new OffsetInterval(first, first + 9), 100), null,
            TestDatasets.T0.plusSeconds(seq), null, null);
      }
      MetadataBlock block = new MetadataBlock(Instant.EPOCH.plusSeconds(seq), prev, seq, event);
      Multihash hash = MetadataBlockCodec.hash(MetadataBlockCodec.encode(block));
      ChainValidator.validateAndAdvance(state, hash, block);
      prev = hash;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(state.headSequenceNumber(), equalTo(9_999L));
    assertThat(state.lastOffset(), equalTo(99_979L));
    assertThat(took, lessThan(Duration.ofSeconds(20)));
  }
}
