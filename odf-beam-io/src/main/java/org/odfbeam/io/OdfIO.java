package org.odfbeam.io;

/**
 * Apache Beam transforms for reading and writing Open Data Fabric datasets.
 *
 * <h2>Reading</h2>
 * <pre>{@code
 * PCollection<Row> rows = pipeline.apply(OdfIO.read().from("/data/cities"));
 * }</pre>
 * See {@link OdfRead} for time travel, incremental reads and column projection.
 *
 * <h2>Writing</h2>
 * <pre>{@code
 * rows.apply(OdfIO.write().to("/data/cities"));
 * }</pre>
 * See {@link OdfWrite} for dataset creation, system and event time, slicing and the commit protocol.
 *
 * <h2>Deriving</h2>
 * <pre>{@code
 * OdfInputs in = OdfInputs.of(pipeline, "/data/big-cities").add("cities", "/data/cities");
 * in.get("cities").apply(...).apply(OdfIO.write().to("/data/big-cities").derivedFrom(in));
 * }</pre>
 * See {@link OdfInputs} and "Derivative writes" in {@link OdfWrite}: incremental reads of the inputs, recorded
 * in {@code ExecuteTransform} blocks.
 *
 * <p>Both work on any runner (Direct, Flink, Spark) and never use runner-specific features.
 */
public final class OdfIO {
  private OdfIO() {}

  /** A transform reading a dataset's records as {@code Row}s with the dataset's schema. */
  public static OdfRead read() {
    return OdfRead.create();
  }

  /** A transform committing {@code Row}s to a root dataset, or to a derivative one with {@code derivedFrom}. */
  public static OdfWrite write() {
    return OdfWrite.create();
  }
}
