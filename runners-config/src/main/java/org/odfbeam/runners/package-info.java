/**
 * Runner presets and shared pipeline options for the Direct, Flink and Spark runners. Lands with the runners issue; the module exists so the build layout is final.
 */
package org.odfbeam.runners;
