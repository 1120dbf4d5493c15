package org.odfbeam.pipelines;

import org.odfbeam.core.model.Nullable;

/** The one progress line per dataset that the pipelines and {@code odf pull}/{@code odf ingest} print. */
public final class Progress {
  private Progress() {}

  /**
   * {@code <verb> <dataset>: <n> records in <m> blocks, head <hash>} or {@code <verb> <dataset>: up to date, head
   * <hash>}, e.g. {@code ingest weather.stations: 37 records in 4 blocks, head f1620…}.
   */
  public static String line(String verb, String dataset, long records, int blocks, @Nullable String head,
      boolean upToDate) {
    String h = head == null ? "none" : head;
    if (upToDate) {
      return verb + " " + dataset + ": up to date, head " + h;
    }
    return verb + " " + dataset + ": " + records + (records == 1 ? " record" : " records") + " in " + blocks
        + (blocks == 1 ? " block" : " blocks") + ", head " + h;
  }
}
