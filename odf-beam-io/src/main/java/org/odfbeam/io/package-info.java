/**
 * Apache Beam IO for Open Data Fabric datasets: {@link org.odfbeam.io.OdfIO} is the entry point.
 *
 * <p>{@link org.odfbeam.io.OdfIO#read()} ({@link org.odfbeam.io.OdfRead}) plans a read from the metadata chain
 * when the pipeline is built ({@link org.odfbeam.io.ReadPlan}) and reads the data slices it names in parallel;
 * {@link org.odfbeam.io.OdfIO#write()} ({@link org.odfbeam.io.OdfWrite}) writes data slices in parallel and commits
 * them as metadata-chain blocks: {@code AddData} for a root dataset; for a derivative dataset, whose inputs
 * {@link org.odfbeam.io.OdfInputs} reads incrementally, {@code SetTransform} and {@code ExecuteTransform} recording
 * exactly the input intervals read (provenance convention for Beam code: engine {@code beam}, see OdfWrite). Everything else in this package is a package-private stage of one of the two.
 */
package org.odfbeam.io;
