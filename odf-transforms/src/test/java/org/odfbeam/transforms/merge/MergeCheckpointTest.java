package org.odfbeam.transforms.merge;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.odfbeam.transforms.testing.KamuFixtures.ledger;
import static org.odfbeam.transforms.testing.KamuFixtures.row;

import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.odfbeam.core.model.Checkpoint;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.transforms.InvalidDataException;
import org.odfbeam.transforms.changelog.PrimaryKey;

/** The checkpoint codec: deterministic bytes, exact round trip, strict reading. */
class MergeCheckpointTest {
  private static final Schema SCHEMA = ledger(true);
  private static final PrimaryKey CITY = PrimaryKey.of("city");

  private static MergeCheckpoint state(String... rows) {
    Row[] r = new Row[rows.length];
    for (int i = 0; i < rows.length; i++) {
      r[i] = row(SCHEMA, i, rows[i]);
    }
    return MergeCheckpoint.of(MergeCheckpoint.Kind.CURRENT_STATE, CITY, 41L, SCHEMA, Arrays.asList(r));
  }

  @Test
  void roundTripsAndSortsRowsByKey() {
    MergeCheckpoint c = state("+A 2020 vancouver 1", "+C 2021 kyiv 4", "+A null seattle 2");
    MergeCheckpoint back = MergeCheckpoint.decode(c.encode());
    assertThat(back.kind(), equalTo(MergeCheckpoint.Kind.CURRENT_STATE));
    assertThat(back.primaryKey(), equalTo(CITY));
    assertThat(back.lastOffset(), equalTo(41L));
    assertThat(back.rows().stream().map(r -> r.getString("city")).toList(),
        equalTo(List.of("kyiv", "seattle", "vancouver")));
    assertThat(back.encode(), equalTo(c.encode()));
  }

  @Test
  void encodesEqualStatesToEqualBytesWhateverTheRowOrder() {
    Row vancouver = row(SCHEMA, 3, "+A 2020 vancouver 1");
    Row kyiv = row(SCHEMA, 9, "+C 2021 kyiv 4");
    byte[] a = MergeCheckpoint.of(MergeCheckpoint.Kind.CURRENT_STATE, CITY, 9L, SCHEMA, List.of(vancouver, kyiv))
        .encode();
    byte[] b = MergeCheckpoint.of(MergeCheckpoint.Kind.CURRENT_STATE, CITY, 9L, SCHEMA, List.of(kyiv, vancouver))
        .encode();
    assertThat(Arrays.equals(a, b), equalTo(true));
    Checkpoint ref = MergeCheckpoint.reference(a);
    assertThat(ref.physicalHash(), equalTo(Multihash.sha3_256(a)));
    assertThat(ref.size(), equalTo((long) a.length));
    assertThat(new String(Arrays.copyOf(a, 6), java.nio.charset.StandardCharsets.US_ASCII), equalTo("ODFBMS"));
  }

  @Test
  void roundTripsSeenKeysOfAnEmptyDatasetAndSystemColumns() {
    Schema keys = Schema.builder().addInt32Field("year").addStringField("city").build();
    MergeCheckpoint empty = MergeCheckpoint.of(MergeCheckpoint.Kind.SEEN_KEYS, PrimaryKey.of("year", "city"), null,
        keys, List.of());
    assertThat(MergeCheckpoint.decode(empty.encode()), equalTo(empty));

    Schema system = Schema.builder().addInt64Field("offset").addInt32Field("op").addDateTimeField("system_time")
        .addNullableField("event_time", Schema.FieldType.DATETIME).addStringField("city").build();
    Row r = Row.withSchema(system).addValues(7L, 0, new Instant(1_600_000_000_000L), null, "kyiv").build();
    MergeCheckpoint c = MergeCheckpoint.of(MergeCheckpoint.Kind.CURRENT_STATE, CITY, 7L, system, List.of(r));
    assertThat(MergeCheckpoint.decode(c.encode()).rows(), equalTo(List.of(r)));
  }

  @Test
  void rejectsTwoRowsOfOneKey() {
    InvalidDataException e = assertThrows(InvalidDataException.class,
        () -> state("+A 2020 kyiv 1", "+A 2021 kyiv 2"));
    assertThat(e.getMessage(), containsString("Cannot create merge checkpoint: key city=kyiv has two rows"));
  }

  @Test
  void rejectsBadBytesNamingTheOffset() {
    byte[] good = state("+A 2020 kyiv 1").encode();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MergeCheckpoint.decode("PAR1xxxx".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    assertThat(e.getMessage(), equalTo("Cannot read merge checkpoint at byte 8: not a merge checkpoint (bad magic)"));
    byte[] v2 = good.clone();
    v2[7] = 2;
    e = assertThrows(IllegalArgumentException.class, () -> MergeCheckpoint.decode(v2));
    assertThat(e.getMessage(), containsString("unsupported format version 2, expected 1"));
    e = assertThrows(IllegalArgumentException.class,
        () -> MergeCheckpoint.decode(Arrays.copyOf(good, good.length - 1)));
    assertThat(e.getMessage(), startsWith("Cannot read merge checkpoint at byte"));
    assertThat(e.getMessage(), containsString("truncated row 0"));
    byte[] longer = Arrays.copyOf(good, good.length + 1);
    e = assertThrows(IllegalArgumentException.class, () -> MergeCheckpoint.decode(longer));
    assertThat(e.getMessage(), containsString("trailing bytes"));
  }

  @Test
  void rejectsASchemaAnOdfSchemaCannotHold() {
    Schema s = Schema.builder().addStringField("city")
        .addMapField("tags", Schema.FieldType.STRING, Schema.FieldType.STRING).build();
    MergeCheckpoint c = MergeCheckpoint.of(MergeCheckpoint.Kind.CURRENT_STATE, CITY, null, s, List.of());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::encode);
    assertThat(e.getMessage(), containsString("tags"));
  }
}
