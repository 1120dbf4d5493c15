package org.odfbeam.transforms.merge;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.odfbeam.transforms.changelog.PrimaryKey;

/** {@link MergeCheckpoint#header}: what a merge needs to know about a checkpoint, read without its rows. */
class MergeCheckpointHeaderTest {
  private static final Schema KEYS = Schema.builder().addStringField("city").build();

  private static byte[] encoded() {
    List<Row> rows = List.of(Row.withSchema(KEYS).addValue("kyiv").build(),
        Row.withSchema(KEYS).addValue("odessa").build(), Row.withSchema(KEYS).addValue("lviv").build());
    return MergeCheckpoint.of(MergeCheckpoint.Kind.SEEN_KEYS, PrimaryKey.of("city"), 41L, KEYS, rows).encode();
  }

  @Test
  void theHeaderIsReadWithoutTheRows() {
    byte[] file = encoded();
    MergeCheckpoint.Header whole = MergeCheckpoint.header(file);
    assertThat(whole, equalTo(new MergeCheckpoint.Header(MergeCheckpoint.Kind.SEEN_KEYS, PrimaryKey.of("city"), 41L,
        whole.schema(), 3)));
    assertThat(org.odfbeam.data.OdfSchemas.sameColumns(whole.schema(), KEYS), is(true));
    // A file cut inside its rows still has a readable header; decode() rejects it.
    byte[] cut = Arrays.copyOf(file, file.length - 1);
    assertThrows(IllegalArgumentException.class, () -> MergeCheckpoint.decode(cut));
    assertThat(MergeCheckpoint.header(cut), equalTo(whole));
  }

  @Test
  void aTruncatedHeaderIsAnError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MergeCheckpoint.header(Arrays.copyOf(encoded(), 12)));
    assertThat(e.getMessage(), containsString("Cannot read merge checkpoint at byte"));
    assertThat(e.getMessage(), containsString("input ends after 0 bytes"));
  }

  @Test
  void theOrderOfTheRowsGivenDoesNotChangeTheFile() {
    List<Row> rows = List.of(Row.withSchema(KEYS).addValue("b").build(), Row.withSchema(KEYS).addValue("a").build(),
        Row.withSchema(KEYS).addValue("c").build());
    List<Row> reversed = List.of(rows.get(2), rows.get(1), rows.get(0));
    byte[] a = MergeCheckpoint.of(MergeCheckpoint.Kind.SEEN_KEYS, PrimaryKey.of("city"), 2L, KEYS, rows).encode();
    byte[] b = MergeCheckpoint.of(MergeCheckpoint.Kind.SEEN_KEYS, PrimaryKey.of("city"), 2L, KEYS, reversed)
        .encode();
    assertThat(a, equalTo(b));
    assertThat(MergeCheckpoint.decode(a).rows().stream().map(r -> r.getString("city")).toList(),
        equalTo(List.of("a", "b", "c")));
  }

  @Test
  void twoRowsOfOneKeyAreRejected() {
    List<Row> rows = List.of(Row.withSchema(KEYS).addValue("b").build(), Row.withSchema(KEYS).addValue("a").build(),
        Row.withSchema(KEYS).addValue("b").build());
    RuntimeException e = assertThrows(RuntimeException.class, () -> MergeCheckpoint.of(
        MergeCheckpoint.Kind.SEEN_KEYS, PrimaryKey.of("city"), 2L, KEYS, rows));
    assertThat(e.getMessage(), equalTo("Cannot create merge checkpoint: key city=b has two rows"));
  }
}
