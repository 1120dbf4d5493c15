package org.odfbeam.transforms.join;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.odfbeam.transforms.join.TemporalJoinTest.A;
import static org.odfbeam.transforms.join.TemporalJoinTest.LISTINGS;
import static org.odfbeam.transforms.join.TemporalJoinTest.TRADES;
import static org.odfbeam.transforms.join.TemporalJoinTest.listing;
import static org.odfbeam.transforms.join.TemporalJoinTest.listings;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.odfbeam.data.Vocabulary;
import org.odfbeam.transforms.InvalidDataException;

/** The version model alone: which table row is valid when, independent of arrival order. */
class VersionHistoryTest {
  static final JoinLayout LAYOUT = JoinLayout.of(TRADES, LISTINGS, List.of("exchange", "ticker"),
      List.of("exchange", "symbol"), Vocabulary.DEFAULT, Vocabulary.DEFAULT, "", false);

  /** The lot valid at each second 0..6 for key (X, A), as TemporalJoinTest's comments derive it by hand. */
  static List<Object> lotsOfXA(VersionHistory h) {
    List<Object> lots = new ArrayList<>();
    for (int s = 0; s <= 6; s++) {
      Row v = h.versionAt(s * 1000L);
      lots.add(v == null ? null : v.getInt32("lot"));
    }
    return lots;
  }

  @Test
  void resolvesEachEventTimeToTheRowWithTheGreatestOffsetWhateverTheArrivalOrder() {
    List<Row> xa = listings().stream().filter(r -> r.getString("exchange").equals("X")).toList();
    Random random = new Random(42);
    for (int i = 0; i < 200; i++) {
      List<Row> shuffled = new ArrayList<>(xa);
      Collections.shuffle(shuffled, random);
      VersionHistory h = new VersionHistory(LAYOUT);
      h.addAll(shuffled);
      // t=0 nothing; t=1 the -C of 10 (offset 7); t=2 the +C 12; t=3.. the +C 35 (offset 4 beats 2 and 3)
      assertThat(lotsOfXA(h), contains(null, null, 12, 35, 35, 35, 35));
      assertThat(h.size(), equalTo(3));
    }
  }

  @Test
  void keepsOnlyTheRowsThatDecideLookups() {
    VersionHistory h = new VersionHistory(LAYOUT);
    h.addAll(listings().stream().filter(r -> r.getString("exchange").equals("X")).toList());
    VersionHistory compacted = new VersionHistory(LAYOUT);
    compacted.addAll(h.rows());
    assertThat(lotsOfXA(compacted), equalTo(lotsOfXA(h)));
    assertThat(compacted.rows().stream().map(r -> r.getInt64("offset")).toList(), contains(7L, 8L, 4L));
  }

  @Test
  void anEqualRowWithTheSameOffsetIsADuplicateNotAConflict() {
    VersionHistory h = new VersionHistory(LAYOUT);
    h.add(listing(0, A, 1, "X", "A", 10));
    h.add(listing(0, A, 1, "X", "A", 10));
    assertThat(h.versionAt(1000).getInt32("lot"), equalTo(10));
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> h.add(listing(0, A, 1, "X", "A", 11)));
    assertThat(e.getMessage(), containsString(
        "Cannot join temporal table: table key exchange=X, symbol=A has two different rows with offset 0"));
  }

  @Test
  void readsDateEventTimesAsMidnightUtc() {
    Schema table = Schema.builder().addInt64Field("offset").addInt32Field("op")
        .addField("event_time", Schema.FieldType.logicalType(SqlTypes.DATE)).addStringField("exchange")
        .addStringField("symbol").addInt32Field("lot").build();
    JoinLayout layout = JoinLayout.of(TRADES, table, List.of("exchange", "ticker"), List.of("exchange", "symbol"),
        Vocabulary.DEFAULT, Vocabulary.DEFAULT, "", false);
    VersionHistory h = new VersionHistory(layout);
    h.add(Row.withSchema(table).addValues(0L, A, LocalDate.ofEpochDay(1), "X", "A", 5).build());
    assertThat(h.versionAt(86_400_000L - 1), nullValue());
    assertThat(h.versionAt(86_400_000L).getInt32("lot"), equalTo(5));
  }
}
