/**
 * Binary codecs for ODF metadata: {@link org.odfbeam.core.codec.MetadataBlockCodec} reads and writes
 * kamu-cli-compatible FlatBuffers blocks (Manifest versions 2 and 3) generically over the records of
 * {@code org.odfbeam.core.model}, without flatc-generated classes.
 */
package org.odfbeam.core.codec;
