/**
 * ODF data slices for Beam: Parquet files with the ODF system columns, written and read as Beam {@code Row}s the way
 * kamu-cli writes and reads them, with their physical and logical hashes.
 *
 * <ul>
 *   <li>{@link org.odfbeam.data.OdfSchemas}: the one place where ODF {@code DataSchema}, Beam {@code Schema}, Parquet
 *       {@code MessageType} and the Arrow fields arrow-rs derives from Parquet are mapped onto each other.</li>
 *   <li>{@link org.odfbeam.data.SliceWriter}: rows in, one Parquet file plus its {@code DataSlice} out, hashing while
 *       writing.</li>
 *   <li>{@link org.odfbeam.data.SliceReader}: a data file back to rows, with column projection and an offset filter
 *       that skips row groups by their statistics.</li>
 *   <li>{@link org.odfbeam.data.ParquetLogicalHash}: the logical hash (arrow-digest {@code RecordDigestV0}) of any
 *       Parquet file.</li>
 * </ul>
 *
 * <p>Beam, Parquet and (transitively) Hadoop classes are allowed here; {@code org.odfbeam.core} never refers to
 * this package.
 */
package org.odfbeam.data;
