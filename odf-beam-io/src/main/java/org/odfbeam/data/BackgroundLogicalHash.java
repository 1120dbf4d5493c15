package org.odfbeam.data;

import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.odfbeam.core.arrow.LogicalHasher;
import org.odfbeam.core.multiformats.Multihash;

/**
 * The logical hash of the rows of one slice, computed entirely off the Parquet write path: the writer hands each
 * (immutable) {@link Row} to {@link #add(Row)}, which only stores the reference; every full batch of
 * {@link LogicalHasher#KAMU_BATCH_SIZE} rows (kamu's batching) is assembled ({@link RowAssembler}) and hashed on a
 * per-instance daemon thread while the next batch is collected.
 *
 * <p>Memory: at most two batches of row references (one being hashed, one being collected); {@link #add(Row)} blocks
 * when the hasher falls behind. A failure on the background thread is rethrown by the next {@link #add(Row)} that
 * completes a batch, or by {@link #finish()}. {@link #close()} stops the thread; {@link #finish()} also does.
 *
 * <p>Rows and their values (byte arrays, lists) must not be mutated after being added. Not thread-safe (one
 * producer).
 */
final class BackgroundLogicalHash implements AutoCloseable {
  private static final int BATCH = LogicalHasher.KAMU_BATCH_SIZE;

  private final LogicalHashAssembler assembler;
  private final RowAssembler rows;
  private final ExecutorService executor;
  private Row[] filling = new Row[BATCH];
  private Row[] spare = new Row[BATCH];
  private int count;
  private Future<?> pending;

  /**
   * Prepares the hash of rows of {@code schema}.
   *
   * @throws org.odfbeam.core.arrow.UnsupportedArrowTypeException if arrow-digest cannot hash a column
   */
  BackgroundLogicalHash(Schema schema) {
    this.assembler = new LogicalHashAssembler(OdfSchemas.toParquet(schema));
    this.rows = new RowAssembler(schema, assembler);
    this.executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "odf-logical-hash");
      t.setDaemon(true);
      return t;
    });
  }

  /** Adds the next row; hands a full batch to the background thread (waiting for the previous one first). */
  void add(Row row) {
    filling[count++] = row;
    if (count == BATCH) {
      submit();
    }
  }

  private void submit() {
    awaitPending(); // the previous batch is hashed: its array can be refilled
    Row[] batch = filling;
    int n = count;
    filling = spare;
    spare = batch;
    count = 0;
    pending = executor.submit(() -> assemble(batch, n));
  }

  private void assemble(Row[] batch, int n) {
    for (int i = 0; i < n; i++) {
      rows.add(batch[i]);
    }
    Arrays.fill(batch, 0, n, null);
  }

  private void awaitPending() {
    if (pending == null) {
      return;
    }
    try {
      pending.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while computing the logical hash", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("Cannot compute the logical hash: " + c, c);
    } finally {
      pending = null;
    }
  }

  /** Hashes the remaining rows and returns the logical hash; stops the background thread. */
  Multihash finish() {
    try {
      if (count > 0) {
        submit();
      }
      awaitPending();
      return assembler.finish(); // the last batch was partial (or empty): hashed by endRecord only when full
    } finally {
      close();
    }
  }

  /** Stops the background thread, discarding pending work, and drops the buffered rows. Idempotent. */
  @Override
  public void close() {
    executor.shutdownNow();
    filling = spare = new Row[0];
    count = 0;
  }
}
