package org.odfbeam.core.model;

/**
 * Describes a range of data as a closed arithmetic interval of offsets
 *
 * @param start Start of the closed interval [start; end].
 * @param end End of the closed interval [start; end].
 */
public record OffsetInterval(
    long start,
    long end) {}
