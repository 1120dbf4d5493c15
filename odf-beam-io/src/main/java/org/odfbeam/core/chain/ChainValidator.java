package org.odfbeam.core.chain;

import org.odfbeam.core.chain.InvalidBlockException.BlockContext;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.model.Seed;
import org.odfbeam.core.multiformats.Multihash;

/**
 * Every append rule of kamu-cli (kamu-data/kamu-cli:src/odf/dataset-impl/src/entities/
 * metadata_chain_validators.rs), checked against a {@link ChainState} in O(1) per block.
 *
 * <p>The same code validates an append (state built from the stored chain) and a full verification
 * (state folded block by block from the Seed). Order: first the rules kamu checks on the block
 * alone, then the rules that compare with earlier blocks; the first violation is thrown.
 */
public final class ChainValidator {
  private ChainValidator() {}

  /**
   * Checks that {@code block}, whose encoded bytes hash to {@code hash}, may follow the chain
   * described by {@code state}. Does not modify the state.
   *
   * @throws InvalidBlockException (a specific subclass) naming the first violated rule
   */
  public static void validate(ChainState state, Multihash hash, MetadataBlock block) {
    BlockContext ctx = context(state, hash, block);
    SourceRules.checkSupported(ctx, block.event());
    BlockOrderRules.checkBlock(ctx, state, block);
    DataEventRules.checkEvent(ctx, block.event());
    SourceRules.checkEvent(ctx, block.event());
    TransformRules.checkSetTransform(ctx, block.event());

    BlockOrderRules.checkLinks(ctx, state, block);
    DataEventRules.checkAgainstChain(ctx, state, block.event());
    TransformRules.checkExecuteTransform(ctx, state, block.event());
    SourceRules.checkAgainstChain(ctx, state, block.event());
    SchemaRules.checkAgainstChain(ctx, state, block.event());
  }

  /** Validates, then folds the block into the state. */
  public static void validateAndAdvance(ChainState state, Multihash hash, MetadataBlock block) {
    validate(state, hash, block);
    state.advance(hash, block);
  }

  static BlockContext context(ChainState state, Multihash hash, MetadataBlock block) {
    String dataset = block.event() instanceof Seed seed && state.datasetId() == null
        ? seed.datasetId().toString() : state.datasetLabel();
    return new BlockContext(block.sequenceNumber(), hash, dataset);
  }
}
