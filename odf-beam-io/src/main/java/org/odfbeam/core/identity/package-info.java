/**
 * Dataset identity: {@link org.odfbeam.core.identity.DatasetId} ({@code did:odf}),
 * {@link org.odfbeam.core.identity.DatasetIdentity} (id plus Ed25519 key pair),
 * {@link org.odfbeam.core.identity.DatasetName}, {@link org.odfbeam.core.identity.AccountName},
 * {@link org.odfbeam.core.identity.DatasetAlias} and {@link org.odfbeam.core.identity.DatasetRef}.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * DatasetIdentity identity = DatasetIdentity.generate();   // keep identity.keyPair().getPrivate()
 * DatasetId id = identity.id();
 * byte[] seedBytes = id.toBytes();                          // "ed 01" + 32-byte key, for Seed.datasetId
 * DatasetId same = DatasetId.parse(id.toString());          // "did:odf:fed01…"
 * DatasetAlias alias = DatasetAlias.parse("alice/com.example.population");
 * DatasetRef ref = DatasetRef.parse("com.example.population");
 * }</pre>
 *
 * <h2>Compatibility</h2>
 * Follows kamu-data/kamu-cli:src/odf/metadata/src/formats/{did_odf.rs,grammar.rs} and
 * src/odf/metadata/src/dataset/{dataset_id.rs,dataset_identity.rs,dataset_refs.rs}: canonical ids render as lower-case
 * base16; parsing accepts {@code f}, {@code F}, {@code u} and {@code z}; names compare case-insensitively. The
 * {@code DatasetName.MAX_LEN} of 100 that kamu enforces only in its database is not checked here. Remote references
 * (repository names, URLs) and name patterns are not modelled. Parse errors are
 * {@link java.lang.IllegalArgumentException}s naming the value.
 */
package org.odfbeam.core.identity;
