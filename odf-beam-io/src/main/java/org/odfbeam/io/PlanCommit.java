package org.odfbeam.io;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.schemas.Schema;
import org.odfbeam.core.chain.BlockRef;
import org.odfbeam.core.chain.ChainState;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.model.Checkpoint;
import org.odfbeam.core.model.SetDataSchema;
import org.odfbeam.core.model.SetVocab;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.data.OdfSchemas;
import org.odfbeam.data.Vocabulary;

/**
 * Reads the dataset's head once per run and fixes the {@link WritePlan}: the head the commit builds on, the first
 * offset, the system time, and the schema slices are written in. Fails here, before any data file is written,
 * when the input schema is incompatible, the dataset's vocabulary is not the one the write was built for (its
 * {@code SetVocab} may have been written after the pipeline was built), or the fixed system time or watermark would
 * go backwards; fails with {@link ConcurrentWriteException} if the head is not the one given to
 * {@code withExpectedHead()}.
 */
final class PlanCommit extends DoFn<String, WritePlan> {
  private static final long serialVersionUID = 1L;

  private final WriteSettings settings;

  PlanCommit(WriteSettings settings) {
    this.settings = settings;
  }

  @ProcessElement
  public void processElement(@Element String dataset, OutputReceiver<WritePlan> out) {
    out.output(plan(settings, Instant.now()));
  }

  /** The plan for the dataset as it is now; {@code now} is the default system time. */
  static WritePlan plan(WriteSettings settings, Instant now) {
    LocalFsDatasetStorage storage = LocalFsDatasetStorage.open(settings.dataset());
    Derivation derivation = settings.derivation();
    if (derivation != null) {
      String head = storage.readHead().map(String::valueOf).orElse(null);
      if (!Objects.equals(head, derivation.outputHead())) {
        throw new ConcurrentWriteException("Cannot write to derivative dataset at " + storage.location()
            + ": another writer moved refs/head from " + (derivation.outputHead() == null ? "<none>"
            : derivation.outputHead()) + " to " + (head == null ? "<none>" : head) + " after its inputs were"
            + " planned; nothing was committed; re-run the pipeline to read the inputs anew", null);
      }
    }
    ExpectedHead expected = settings.expectedHead();
    if (expected != null) {
      String head = storage.readHead().map(String::valueOf).orElse(null);
      if (!Objects.equals(head, expected.blockHash())) {
        throw new ConcurrentWriteException("Cannot write to dataset at " + storage.location() + ": another writer"
            + " moved refs/head from " + expected.describe() + " (given to withExpectedHead()) to "
            + (head == null ? "<none>" : head) + " after the pipeline was built; nothing was committed; re-run the"
            + " pipeline to build on the new head", null);
      }
    }
    if (storage.readHead().isEmpty()) {
      Instant systemTime = settings.systemTime() != null ? settings.systemTime() : now;
      return new WritePlan(true, null, -1, null, null, millis(systemTime), settings.writeSchema(), true, null, null);
    }
    ChainState state = new MetadataChain(storage).state();
    String label = state.datasetId() + " at " + storage.location();
    Instant systemTime = settings.systemTime();
    Instant headTime = state.headSystemTime();
    if (systemTime == null) {
      systemTime = headTime != null && headTime.isAfter(now) ? headTime : now;
    } else if (headTime != null && systemTime.isBefore(headTime)) {
      throw new IllegalArgumentException("Cannot write to dataset " + label + ": withSystemTime() " + systemTime
          + " is before the system time of the head block, " + headTime);
    }
    if (settings.watermark() != null && state.lastWatermark() != null
        && settings.watermark().isBefore(state.lastWatermark())) {
      throw new IllegalArgumentException("Cannot write to dataset " + label + ": withWatermark() "
          + settings.watermark() + " is before the dataset's watermark " + state.lastWatermark());
    }
    Vocabulary vocabulary = vocabularyOf(new MetadataChain(storage));
    if (!vocabulary.equals(settings.vocabulary())) {
      throw new IllegalArgumentException("Cannot write to dataset " + label + ": the write was built for"
          + " vocabulary " + settings.vocabulary() + " (from withVocabulary(), or the dataset's when the pipeline"
          + " was built), but the dataset's vocabulary is now " + vocabulary + "; nothing was written; the"
          + " vocabulary of an existing dataset cannot change");
    }
    SetDataSchema current = state.currentSchema();
    SchemaEvolution.Outcome outcome;
    if (current == null) {
      outcome = new SchemaEvolution.Outcome(settings.writeSchema(), true);
    } else {
      Schema currentBeam = OdfSchemas.toBeam(current);
      try {
        OdfSchemas.checkSystemColumns(currentBeam, vocabulary);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Cannot write to dataset " + label + ": its schema does not start with"
            + " the system columns of its vocabulary " + vocabulary + " (" + e.getMessage() + ")", e);
      }
      outcome = SchemaEvolution.evolve(label, currentBeam, settings.writeSchema());
    }
    Checkpoint checkpoint = state.lastCheckpoint();
    return new WritePlan(false, state.headHash().toString(), state.headSequenceNumber(), state.lastOffset(),
        state.lastWatermark(), millis(systemTime), outcome.target(), outcome.changed(),
        checkpoint == null ? null : checkpoint.physicalHash().toString(),
        SourceStateValue.of(state.lastSourceState()));
  }

  /**
   * The vocabulary of the dataset at the chain's head: its newest {@code SetVocab} (absent names take the
   * defaults), or {@link Vocabulary#DEFAULT} when it has none or no blocks. Walks the chain back to the Seed when
   * there is no {@code SetVocab}.
   */
  static Vocabulary vocabularyOf(MetadataChain chain) {
    for (BlockRef ref : (Iterable<BlockRef>) chain.blocks()::iterator) {
      if (ref.block().event() instanceof SetVocab v) {
        return Vocabulary.of(v);
      }
    }
    return Vocabulary.DEFAULT;
  }

  private static Instant millis(Instant t) {
    return t.truncatedTo(ChronoUnit.MILLIS);
  }
}
