/**
 * Multiformats as kamu-cli implements them: {@link org.odfbeam.core.multiformats.Varint},
 * {@link org.odfbeam.core.multiformats.Multicodec}, {@link org.odfbeam.core.multiformats.Multibase} and
 * {@link org.odfbeam.core.multiformats.Multihash}.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * Multihash h = Multihash.sha3_256(blockBytes);      // block / physical hash
 * String name = h.toString();                        // "f1620…", the file name under blocks/
 * Multihash same = Multihash.parse(name);            // accepts f, F, u, z
 * byte[] fb = h.toBytes();                           // binary form stored in FlatBuffers
 * }</pre>
 *
 * <h2>Compatibility</h2>
 * Behaviour follows kamu-data/kamu-cli:src/utils/multiformats/src (multihash.rs, multibase.rs, multicodec.rs):
 * base16 lower-case output; strict binary parsing (known code, exact digest length, at most 32 digest bytes,
 * minimal varints). All errors are {@link java.lang.IllegalArgumentException}s naming the offending value.
 */
package org.odfbeam.core.multiformats;
