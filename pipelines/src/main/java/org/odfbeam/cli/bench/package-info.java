/** Programs used by {@code bench/odf-startup.sh}: the hello-world baseline and a synthetic chain generator. */
package org.odfbeam.cli.bench;
