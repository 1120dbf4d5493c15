/**
 * Arrow types as arrow-rs sees a Parquet file, the ODF logical hash (a streaming port of kamu-data/arrow-digest's
 * {@code RecordDigestV0<Sha3_256>}) and the decoder of legacy raw Arrow schemas ({@code SetDataSchema.rawArrowSchema}).
 *
 * <p>Plain Java: no Beam, Parquet or Hadoop types. Callers read data with whatever library they like and feed it
 * column by column, batch by batch, into {@link org.odfbeam.core.arrow.LogicalHasher}.
 */
package org.odfbeam.core.arrow;
