package org.odfbeam.data;

import java.nio.file.Path;
import java.util.Objects;
import org.odfbeam.core.model.DataSlice;

/**
 * A written data file and its {@link DataSlice} (logical hash, physical hash, offset interval, size). The caller
 * moves {@code file} into storage, e.g. {@code storage.moveDataIn(slice.physicalHash(), file)}.
 */
public record SliceFile(DataSlice slice, Path file) {
  /** Checks that both parts are present. */
  public SliceFile {
    Objects.requireNonNull(slice, "SliceFile.slice is required");
    Objects.requireNonNull(file, "SliceFile.file is required");
  }
}
