/**
 * The fetch and read steps of kamu-style root-dataset sources ({@code SetPollingSource}, {@code AddPushSource}) as
 * reusable Beam pieces: {@link org.odfbeam.pipelines.ingest.IngestSource} checks a manifest's source,
 * {@link org.odfbeam.pipelines.ingest.FetchPlan} resolves its {@code FilesGlob} or {@code file://} {@code Url} fetch
 * step against the dataset's last source state, and {@link org.odfbeam.pipelines.ingest.ReadFiles} reads the planned
 * files (CSV, NDJSON, JSON, Parquet) into a {@code PCollection<Row>}.
 *
 * <pre>{@code
 * IngestSource source = IngestSource.of(DatasetSnapshotValidator.normalize(ManifestYaml.readSnapshot(yaml)));
 * FetchPlan plan = FetchPlan.of(source, lastSourceState, FetchContext.of(manifestDir, systemTime));
 * if (!plan.upToDate()) {
 *   PCollection<Row> rows = pipeline.apply(ReadFiles.of(source).from(plan));
 *   // preprocess, merge, OdfIO.write(); AddData.newSourceState = plan.newSourceState()
 * }
 * }</pre>
 */
package org.odfbeam.pipelines.ingest;
