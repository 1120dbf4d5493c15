/**
 * Runner presets and shared pipeline options for odf-beam pipelines on the Direct, Flink and Spark runners.
 *
 * <p>{@link org.odfbeam.runners.OdfRunners#fromArgs} turns a command line into pipeline options: one option
 * ({@code --runner=direct|flink|spark}, or Beam's runner class names) picks the runner and the defaults each needs
 * for ODF work are filled in (an embedded Flink cluster with one slot per core, Spark {@code local[cores]}, the Direct
 * runner's enforcement checks). {@link org.odfbeam.runners.OdfPipelineOptions} holds the options every pipeline
 * shares (workspace, fixed system time, slice size) and {@link org.odfbeam.runners.OdfSettings} their validated
 * values. No runner is needed at compile time; the build's Maven profiles put exactly one on the class path (see
 * the module's README).
 */
package org.odfbeam.runners;
