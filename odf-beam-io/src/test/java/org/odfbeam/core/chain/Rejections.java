package org.odfbeam.core.chain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.odfbeam.core.codec.MetadataBlockCodec;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.testing.TestDataset;

/** Asserts an append is rejected by a given rule, with the message, and left the head alone. */
final class Rejections {
  private Rejections() {}

  static <T extends InvalidBlockException> T assertRejected(Class<T> type, TestDataset ds,
      MetadataBlock block, String... fragments) {
    Multihash headBefore = ds.chain().headHash().orElse(null);
    T e = assertThrows(type, () -> ds.chain().append(block));
    Multihash hash = MetadataBlockCodec.hash(MetadataBlockCodec.encode(block));
    assertThat(e.getMessage(), containsString("Cannot append block " + block.sequenceNumber() + " "
        + hash + " to "));
    for (String fragment : fragments) {
      assertThat(e.getMessage(), containsString(fragment));
    }
    assertThat(ds.chain().headHash().orElse(null), equalTo(headBefore));
    return e;
  }
}
