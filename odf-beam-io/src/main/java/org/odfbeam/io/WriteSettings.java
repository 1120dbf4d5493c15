package org.odfbeam.io;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.data.Vocabulary;

/**
 * The resolved configuration of one {@link OdfWrite}, handed to its stages.
 *
 * @param dataset dataset path or {@code file:} URL
 * @param inputSchema schema of the rows the stages get: the input's, plus the event time column a
 *     {@code withEventTime()} function computes
 * @param writeSchema the dataset schema the input maps to: system columns, then the data columns
 * @param vocabulary the names of the system columns: from {@code withVocabulary()} or the dataset's, resolved when
 *     the write was expanded (and checked again by {@link PlanCommit})
 * @param eventTimeColumn input column holding the event time; {@code null} = use the system time
 * @param opColumn input column holding the operation type; {@code null} = every row is an append (0)
 * @param systemTime fixed system time; {@code null} = the time the commit is planned
 * @param watermark fixed watermark; {@code null} = max(previous, max event time)
 * @param maxRecordsPerSlice records per data slice (and thus per {@code AddData} block)
 * @param description {@code SetInfo.description} on creation
 * @param keywords {@code SetInfo.keywords} on creation
 * @param license {@code SetLicense} fields on creation: short name, name, SPDX id (nullable), website
 * @param alias {@code info/alias} written on creation
 * @param derivation the inputs and provenance of a derivative write; {@code null} for a root dataset
 * @param orderBy input columns that order the offsets before event time ({@code withOrderBy}); {@code null} = none
 * @param sourceState the {@code newSourceState} of the commit's last {@code AddData} ({@code withSourceState});
 *     {@code null} = none
 * @param expectedHead the head the commit must build on ({@code withExpectedHead}); {@code null} = whatever the
 *     head is when the commit is planned
 */
record WriteSettings(
    String dataset,
    Schema inputSchema,
    Schema writeSchema,
    Vocabulary vocabulary,
    @Nullable String eventTimeColumn,
    @Nullable String opColumn,
    @Nullable Instant systemTime,
    @Nullable Instant watermark,
    long maxRecordsPerSlice,
    @Nullable String description,
    @Nullable List<String> keywords,
    @Nullable List<String> license,
    @Nullable String alias,
    @Nullable Derivation derivation,
    @Nullable List<String> orderBy,
    @Nullable SourceStateValue sourceState,
    @Nullable ExpectedHead expectedHead) implements Serializable {

  boolean hasInfo() {
    return description != null || keywords != null;
  }
}
