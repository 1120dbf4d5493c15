/**
 * Event time and watermarks: {@link org.odfbeam.transforms.time.EventTimes} gives rows an event time column and
 * element timestamps (from a column, an expression or an ODF {@code EventTimeSource});
 * {@link org.odfbeam.transforms.time.OdfWatermarks} reads a dataset with Beam watermarks that follow its blocks' ODF
 * watermarks and computes the watermark a derivative commit may record. Guide: {@code odf-transforms/docs/event-time.md}.
 */
package org.odfbeam.transforms.time;
