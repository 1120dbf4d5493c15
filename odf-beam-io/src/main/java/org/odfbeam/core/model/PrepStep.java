package org.odfbeam.core.model;

/**
 * Defines the steps to prepare raw data for ingestion.
 *
 * <p>FlatBuffers union; members (YAML tag = union type id): PrepStepDecompress (Decompress = 1), PrepStepPipe
 * (Pipe = 2).
 */
public sealed interface PrepStep
    permits PrepStepDecompress, PrepStepPipe {}
