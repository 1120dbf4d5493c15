/**
 * The metadata chain of an ODF dataset: reading, validated appends with compare-and-swap, and full
 * verification, byte- and rule-compatible with kamu-cli.
 *
 * <h2>Reading</h2>
 * {@link org.odfbeam.core.chain.MetadataChain#blocks()} walks from {@code refs/head} to the Seed,
 * newest first and lazily; each element is a {@link org.odfbeam.core.chain.BlockRef} (hash, decoded
 * block, stored bytes). {@link org.odfbeam.core.chain.MetadataChain#state()} folds the chain into a
 * {@link org.odfbeam.core.chain.ChainState}: last offset, checkpoint, watermark, source state and
 * schema, i.e. what the next {@code AddData} must carry.
 *
 * <h2>Writing</h2>
 * <pre>{@code
 * MetadataChain chain = new MetadataChain(storage);
 * ChainState s = chain.state();
 * Multihash file = storage.putData(parquetBytes);                     // 1. data (and checkpoint)
 * MetadataBlock block = new MetadataBlock(now, s.headHash(), s.headSequenceNumber() + 1,
 *     new AddData(prevCheckpoint, s.lastOffset(), slice, checkpoint, watermark, null, null));
 * chain.append(block);                                                // 2. block, 3. refs/head (CAS)
 * }</pre>
 * Failures: {@link org.odfbeam.core.chain.InvalidBlockException} (one subclass per kamu rule,
 * nothing written), {@link org.odfbeam.core.storage.RefCasException} (lost a race, ref unchanged),
 * {@link org.odfbeam.core.chain.CommitStateUnknownException} (ref may have moved: don't clean up).
 *
 * <h2>Verifying</h2>
 * {@link org.odfbeam.core.chain.DatasetVerifier#verify()} re-hashes blocks, re-checks every rule in
 * one forward pass and checks each data/checkpoint file's size and physical hash, collecting all
 * problems in a {@link org.odfbeam.core.chain.VerificationReport}.
 *
 * <h2>Rules</h2>
 * {@link org.odfbeam.core.chain.ChainValidator} ports
 * kamu-data/kamu-cli:src/odf/dataset-impl/src/entities/metadata_chain_validators.rs with kamu's
 * messages (src/odf/dataset/src/entities/metadata_chain.rs). Deviations: DisablePushSource /
 * DisablePollingSource are rejected (kamu panics); schema compatibility against a legacy
 * {@code rawArrowSchema} is not checked (needs Arrow); the missing-system-columns warning is not
 * emitted.
 */
package org.odfbeam.core.chain;
