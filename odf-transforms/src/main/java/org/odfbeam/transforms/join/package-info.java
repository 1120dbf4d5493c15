/**
 * Temporal ("as of") joins: {@link org.odfbeam.transforms.join.TemporalJoin} enriches each row of a stream with the
 * version of a keyed ODF changelog table valid at the row's event time, with multi-column keys and the table's
 * retractions and corrections honoured, in batch and in streaming (watermark-driven).
 */
package org.odfbeam.transforms.join;
