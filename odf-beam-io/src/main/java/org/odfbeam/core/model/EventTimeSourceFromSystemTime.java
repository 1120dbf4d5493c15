package org.odfbeam.core.model;

/**
 * Assigns event time from the system time source.
 */
@Variant(name = "FromSystemTime", id = 3)
public record EventTimeSourceFromSystemTime() implements EventTimeSource {}
