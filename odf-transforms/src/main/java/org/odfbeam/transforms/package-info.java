/**
 * ODF-aware PTransforms (merge strategies, event time and watermarks, changelog and retractions, temporal join, SQL). Lands with the transforms issue; the module exists so the build layout is final.
 */
package org.odfbeam.transforms;
