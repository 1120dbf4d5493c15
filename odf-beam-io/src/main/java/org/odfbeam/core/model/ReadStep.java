package org.odfbeam.core.model;

/**
 * Defines how raw data should be read into the structured form.
 *
 * <p>FlatBuffers union; members (YAML tag = union type id): ReadStepCsv (Csv = 1), ReadStepGeoJson (GeoJson =
 * 2), ReadStepEsriShapefile (EsriShapefile = 3), ReadStepParquet (Parquet = 4), ReadStepJson (Json = 5),
 * ReadStepNdJson (NdJson = 6), ReadStepNdGeoJson (NdGeoJson = 7).
 */
public sealed interface ReadStep
    permits ReadStepCsv, ReadStepGeoJson, ReadStepEsriShapefile, ReadStepParquet, ReadStepJson, ReadStepNdJson, ReadStepNdGeoJson {}
