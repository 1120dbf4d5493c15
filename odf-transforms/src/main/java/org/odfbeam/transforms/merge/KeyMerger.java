package org.odfbeam.transforms.merge;

import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.transforms.changelog.Operation;

/** The per-key rule of a keyed merge strategy: what to emit for one primary key. */
interface KeyMerger extends Serializable {

  /**
   * Emits the output for one key, in the order the records must get offsets.
   *
   * @param key the key's description for messages ({@code city=kyiv})
   * @param news the key's new rows, in no particular order
   * @param olds the key's records in the dataset (its current state, or every record for a ledger)
   */
  void merge(String key, List<Row> news, List<Row> olds, Output out);

  /** Whether the order column orders by key and position (else it is empty and event time orders). */
  default boolean ordersByKey() {
    return true;
  }

  /** Receives a key's output. */
  interface Output {
    /** Emits an output row holding {@code source}'s values with operation {@code op}. */
    void emit(Row source, Operation op);

    /** Emits an input row, unchanged, to the rejected output. */
    void reject(Row input);
  }
}
