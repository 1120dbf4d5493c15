package org.odfbeam.core.storage;

/** The content-addressed object directories of an ODF dataset (format notes 1.1). */
public enum ObjectKind {
  /** {@code blocks/<hash>}: metadata block files named by their SHA3-256 multihash. */
  BLOCK("blocks", "block"),
  /** {@code data/<hash>}: Parquet data part files named by their physical hash. */
  DATA("data", "data file"),
  /** {@code checkpoints/<hash>}: opaque checkpoint files named by their physical hash. */
  CHECKPOINT("checkpoints", "checkpoint");

  private final String directory;
  private final String description;

  ObjectKind(String directory, String description) {
    this.directory = directory;
    this.description = description;
  }

  /** The directory name inside the dataset, e.g. {@code blocks}. */
  public String directory() {
    return directory;
  }

  /** A human-readable name for messages, e.g. {@code data file}. */
  public String description() {
    return description;
  }
}
