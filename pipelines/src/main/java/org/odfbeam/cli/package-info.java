/**
 * The {@code odf} command-line tool ({@code bin/odf}). Inspection commands depend only on
 * {@code org.odfbeam.core}; see {@link org.odfbeam.cli.Odf} for the command list.
 */
package org.odfbeam.cli;
