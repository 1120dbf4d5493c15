/**
 * The ODF core as plain Java: no Beam, Flink, Spark or Hadoop types. See {@code docs/architecture.md}.
 */
package org.odfbeam.core;
