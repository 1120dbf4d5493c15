/**
 * Storage of one ODF dataset directory: {@link org.odfbeam.core.storage.DatasetStorage} and its local file system
 * implementation {@link org.odfbeam.core.storage.LocalFsDatasetStorage}.
 *
 * <h2>Layout</h2>
 * {@code blocks/<hash>}, {@code data/<hash>}, {@code checkpoints/<hash>} (content-addressed, lower-case base16
 * multihash names), {@code refs/head} (head block hash, no newline) and {@code info/alias}; see
 * {@code the project's shared odf-format-notes.md} 1.1 and kamu-data/kamu-cli:src/odf/dataset/src/entities/dataset_layout.rs.
 *
 * <h2>Writing a block</h2>
 * <pre>{@code
 * DatasetStorage ds = LocalFsDatasetStorage.open("/data/my-dataset");
 * ds.init();
 * ds.moveDataIn(physicalHash, localParquetFile);        // 1. data
 * Multihash block = ds.writeBlock(blockBytes);          // 2. block
 * ds.compareAndSetHead(previousHead, block);            // 3. head; RefCasException if someone else moved it
 * }</pre>
 *
 * <h2>Guarantees and limitations</h2>
 * Staged writes ({@code .pending-*} then atomic rename) mean partial files are never visible under a final name. The
 * head CAS is atomic among users of {@code LocalFsDatasetStorage} on one machine (lock file {@code refs/.head.lock});
 * kamu itself does read-then-write, so do not let kamu and this library write the same directory concurrently. This
 * package only stores bytes: it does not parse or validate blocks (see {@code org.odfbeam.core.chain}).
 */
package org.odfbeam.core.storage;
