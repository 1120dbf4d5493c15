package org.odfbeam.core.chain;

import org.odfbeam.core.chain.InvalidBlockException.BlockContext;
import org.odfbeam.core.model.Checkpoint;
import org.odfbeam.core.model.DataEvent;
import org.odfbeam.core.model.DataSlice;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.storage.DatasetStorage;
import org.odfbeam.core.storage.ObjectKind;

/** Append-time check that the data and checkpoint files a block declares were stored first. */
final class ObjectRules {
  private ObjectRules() {}

  static void checkObjectsPresent(BlockContext ctx, DatasetStorage storage, MetadataBlock block) {
    if (!(block.event() instanceof DataEvent e)) {
      return;
    }
    DataSlice data = e.newData();
    Checkpoint checkpoint = e.newCheckpoint();
    if (data != null && !storage.containsObject(ObjectKind.DATA, data.physicalHash())) {
      throw missing(ctx, storage, ObjectKind.DATA, "newData", data.physicalHash());
    }
    if (checkpoint != null
        && !storage.containsObject(ObjectKind.CHECKPOINT, checkpoint.physicalHash())) {
      throw missing(ctx, storage, ObjectKind.CHECKPOINT, "newCheckpoint",
          checkpoint.physicalHash());
    }
  }

  private static MissingObjectException missing(BlockContext ctx, DatasetStorage storage,
      ObjectKind kind, String field, Multihash hash) {
    return new MissingObjectException(ctx, field + " declares " + kind.description() + " " + hash
        + " which is not in storage; store data and checkpoint files before the block (expected "
        + storage.objectUri(kind, hash)
        + ", found nothing)");
  }
}
