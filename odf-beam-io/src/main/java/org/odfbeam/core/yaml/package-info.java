/**
 * YAML and JSON for ODF: a position-aware node tree ({@link org.odfbeam.core.yaml.YamlNode}) and reader,
 * an emitter that reproduces kamu-cli's serde_yaml output byte for byte
 * ({@link org.odfbeam.core.yaml.YamlEmitter}), the generic model mapper
 * ({@link org.odfbeam.core.yaml.ModelYaml}), the manifest facade ({@link org.odfbeam.core.yaml.ManifestYaml})
 * and {@code kamu add}'s snapshot checks ({@link org.odfbeam.core.yaml.DatasetSnapshotValidator}).
 */
package org.odfbeam.core.yaml;
