package org.odfbeam.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.odfbeam.core.chain.BlockRef;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.model.DataEvent;
import org.odfbeam.core.model.DataSlice;
import org.odfbeam.core.model.MetadataEvent;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.model.SetDataSchema;
import org.odfbeam.core.model.SetVocab;
import org.odfbeam.core.storage.LocalFsDatasetStorage;

/**
 * What the data commands ({@code schema}, {@code tail}) need from a dataset's chain: the current
 * schema and vocabulary and the data slices, newest first. Reads the chain from the head once.
 */
record DatasetState(LocalFsDatasetStorage storage, @Nullable SetDataSchema schema, @Nullable SetVocab vocab,
    List<DataSlice> slicesNewestFirst) {

  static DatasetState read(String dataset) {
    Path dir = Inputs.datasetDir(dataset);
    LocalFsDatasetStorage storage = new LocalFsDatasetStorage(dir);
    SetDataSchema schema = null;
    SetVocab vocab = null;
    List<DataSlice> slices = new ArrayList<>();
    for (BlockRef ref : new MetadataChain(storage)) {
      MetadataEvent event = ref.block().event();
      if (event instanceof SetDataSchema e && schema == null) {
        schema = e;
      } else if (event instanceof SetVocab e && vocab == null) {
        vocab = e;
      } else if (event instanceof DataEvent e && e.newData() != null) {
        slices.add(e.newData());
      }
    }
    return new DatasetState(storage, schema, vocab, slices);
  }

  /** The schema, or a usage error naming the dataset if it has none yet. */
  SetDataSchema requireSchema(String dataset) {
    if (schema == null) {
      throw new UsageException("Dataset '" + dataset + "' has no schema yet (no SetDataSchema block)");
    }
    return schema;
  }
}
