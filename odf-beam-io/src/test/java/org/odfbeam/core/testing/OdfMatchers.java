package org.odfbeam.core.testing;

import java.util.Optional;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;
import org.odfbeam.core.chain.BlockRef;
import org.odfbeam.core.chain.DatasetVerifier;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.chain.VerificationReport;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.model.DataSlice;
import org.odfbeam.core.model.ExecuteTransform;
import org.odfbeam.core.model.MetadataEvent;
import org.odfbeam.core.multiformats.Multihash;

/**
 * Hamcrest matchers that read like the domain:
 * <pre>{@code
 * assertThat(ds.chain(), allOf(hasHeadAt(3), hasBlocks(4), isValidChain()));
 * assertThat(ds.chain().head().get(), allOf(blockWithEvent(AddData.class), hasOffsets(10, 19)));
 * assertThat(report, hasProblemFor(blockHash, "content hashes to"));
 * }</pre>
 */
public final class OdfMatchers {
  private OdfMatchers() {}

  /** The chain's head block has sequence number {@code seq}. */
  public static Matcher<MetadataChain> hasHeadAt(long seq) {
    return chainMatcher("a chain with its head at block " + seq, chain -> {
      Optional<BlockRef> head = chain.head();
      return head.isPresent() && head.get().sequenceNumber() == seq
          ? null : "head is " + head.map(BlockRef::toString).orElse("absent");
    });
  }

  /** The chain's head is the given block hash. */
  public static Matcher<MetadataChain> hasHead(Multihash hash) {
    return chainMatcher("a chain with head " + hash, chain -> {
      Optional<Multihash> head = chain.headHash();
      return head.isPresent() && head.get().equals(hash) ? null
          : "head is " + head.map(Multihash::toString).orElse("absent");
    });
  }

  /** Walking from the head yields exactly {@code n} blocks. */
  public static Matcher<MetadataChain> hasBlocks(long n) {
    return chainMatcher("a chain of " + n + " blocks", chain -> {
      long count = chain.blocks().count();
      return count == n ? null : "has " + count + " blocks";
    });
  }

  /** {@link DatasetVerifier} finds no problem in the chain's dataset. */
  public static Matcher<MetadataChain> isValidChain() {
    return chainMatcher("a valid chain", chain -> {
      VerificationReport report = new DatasetVerifier(chain.storage()).verify();
      return report.isValid() ? null : report.summary() + " " + report.problems();
    });
  }

  /** The block carries an event of the given type. */
  public static Matcher<BlockRef> blockWithEvent(Class<? extends MetadataEvent> type) {
    return blockMatcher("a block with a " + type.getSimpleName() + " event", ref ->
        type.isInstance(ref.block().event()) ? null
            : "event is " + ref.block().event().getClass().getSimpleName());
  }

  /** The block's AddData/ExecuteTransform has new data with offsets [start, end]. */
  public static Matcher<BlockRef> hasOffsets(long start, long end) {
    return blockMatcher("a data block with offsets [" + start + ", " + end + "]", ref -> {
      MetadataEvent e = ref.block().event();
      DataSlice data = e instanceof AddData a ? a.newData()
          : e instanceof ExecuteTransform t ? t.newData() : null;
      if (data == null) {
        return "has no new data (" + ref + ")";
      }
      return data.offsetInterval().start() == start && data.offsetInterval().end() == end ? null
          : "has offsets [" + data.offsetInterval().start() + ", " + data.offsetInterval().end()
              + "]";
    });
  }

  /** The block has the given sequence number. */
  public static Matcher<BlockRef> hasSequenceNumber(long seq) {
    return blockMatcher("block number " + seq, ref ->
        ref.sequenceNumber() == seq ? null : "is " + ref);
  }

  /** The report has a problem attributed to {@code block} whose message contains {@code text}. */
  public static Matcher<VerificationReport> hasProblemFor(Multihash block, String text) {
    return new TypeSafeDiagnosingMatcher<>() {
      @Override
      protected boolean matchesSafely(VerificationReport report, Description mismatch) {
        boolean found = report.problems().stream().anyMatch(p -> block.equals(p.blockHash())
            && (p.message().contains(text)));
        if (!found) {
          mismatch.appendText("problems were ").appendValue(report.problems());
        }
        return found;
      }

      @Override
      public void describeTo(Description d) {
        d.appendText("a report with a problem for block " + block + " containing ")
            .appendValue(text);
      }
    };
  }

  /** The report has no problems. */
  public static Matcher<VerificationReport> isCleanReport() {
    return new TypeSafeDiagnosingMatcher<>() {
      @Override
      protected boolean matchesSafely(VerificationReport report, Description mismatch) {
        mismatch.appendText("problems were ").appendValue(report.problems());
        return report.isValid();
      }

      @Override
      public void describeTo(Description d) {
        d.appendText("a report without problems");
      }
    };
  }

  /** Returns null on match, else the mismatch description. */
  private interface Check<T> {
    String mismatch(T item);
  }

  private static Matcher<MetadataChain> chainMatcher(String description, Check<MetadataChain> c) {
    return matcher(description, c);
  }

  private static Matcher<BlockRef> blockMatcher(String description, Check<BlockRef> c) {
    return matcher(description, c);
  }

  private static <T> Matcher<T> matcher(String description, Check<T> check) {
    return new TypeSafeDiagnosingMatcher<T>() {
      @Override
      protected boolean matchesSafely(T item, Description mismatch) {
        String m = check.mismatch(item);
        if (m != null) {
          mismatch.appendText(m);
        }
        return m == null;
      }

      @Override
      public void describeTo(Description d) {
        d.appendText(description);
      }
    };
  }
}
