/**
 * ODF SQL transforms ({@code Transform::Sql}) run with Beam SQL: {@link org.odfbeam.transforms.sql.OdfSql} runs the
 * multi-step queries of a derivative dataset over its inputs, registered as tables under their aliases, checks
 * everything when the pipeline is built, and tells which transform the derivative must record
 * ({@link org.odfbeam.transforms.sql.OdfSql#recordedTransform()}).
 * Guide: the README, section "SQL transforms with Beam SQL".
 */
package org.odfbeam.transforms.sql;
