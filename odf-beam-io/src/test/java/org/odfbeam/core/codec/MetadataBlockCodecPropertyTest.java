package org.odfbeam.core.codec;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Arrays;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.odfbeam.core.model.MetadataBlock;

/** Random valid blocks across all event types: encode, decode, encode is byte-identical. */
class MetadataBlockCodecPropertyTest {

  @Property(tries = 500)
  void encodeDecodeEncodeIsByteIdentical(@ForAll("blocks") MetadataBlock block) {
    for (int version : new int[] {3, 2}) {
      byte[] bytes = MetadataBlockCodec.encode(block, version);
      MetadataBlock decoded = MetadataBlockCodec.decode(bytes);
      assertThat(decoded, equalTo(block));
      assertThat(Arrays.equals(MetadataBlockCodec.encode(decoded, version), bytes), equalTo(true));
    }
  }

  @Provide
  Arbitrary<MetadataBlock> blocks() {
    return Arbitraries.randomValue((Random random) -> {
      double presence = new double[] {0.0, 0.3, 0.7, 1.0}[random.nextInt(4)];
      return new RandomModel(random, presence).block();
    });
  }
}
