package org.odfbeam.pipelines.ingest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Date and timestamp formats. */
class TimeFormatTest {
  @Test
  void rfc3339IsLenientLikeDataFusion() {
    // kamu-data/kamu-cli:src/infra/ingest-datafusion/tests/tests/test_reader_ndjson.rs,
    // test_read_ndjson_format_timestamp
    TimeFormat f = TimeFormat.of(null);
    assertThat(f.parseInstant("2022-09-25 01:02:03"), equalTo(Instant.parse("2022-09-25T01:02:03Z")));
    assertThat(f.parseInstant("2022-09-25T01:02:03"), equalTo(Instant.parse("2022-09-25T01:02:03Z")));
    assertThat(f.parseInstant("2022-09-25T01:02:03Z"), equalTo(Instant.parse("2022-09-25T01:02:03Z")));
    assertThat(f.parseInstant("2022-09-25T01:02:03-01:00"), equalTo(Instant.parse("2022-09-25T02:02:03Z")));
    assertThat(f.parseInstant("2022-09-25"), equalTo(Instant.parse("2022-09-25T00:00:00Z")));
    assertThat(f.parseInstant("2022-09-25T01:02:03.123456789+0530"),
        equalTo(Instant.parse("2022-09-24T19:32:03.123456789Z")));
    assertThrows(DateTimeException.class, () -> f.parseInstant("9/25/2022 1:02:03"));
    assertThat(f.parseDate("2022-09-25"), equalTo(LocalDate.of(2022, 9, 25)));
  }

  @Test
  void strftimeFormatsAsKamuWritesThem() {
    // kamu-data/kamu-cli:src/infra/core/tests/tests/ingest/test_fetch.rs, test_fetch_files_glob: "%Y-%m-%d"
    assertThat(TimeFormat.of("%Y-%m-%d").parseInstant("2020-10-01"), equalTo(Instant.parse("2020-10-01T00:00:00Z")));
    assertThat(TimeFormat.of("%Y%m%dT%H%M%S%.f%:z").parseInstant("20201001T102030.5+02:00"),
        equalTo(Instant.parse("2020-10-01T08:20:30.5Z")));
    assertThat(TimeFormat.of("%d %b %Y").parseDate("01 Oct 2020"), equalTo(LocalDate.of(2020, 10, 1)));
    assertThat(TimeFormat.of("%s").parseInstant("1601510400"), equalTo(Instant.parse("2020-10-01T00:00:00Z")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimeFormat.of("%Y-%q"));
    assertThat(e.getMessage(), equalTo("invalid format '%Y-%q': unsupported specifier %q"));
  }

  @Test
  void otherFormatsAreJavaPatterns() {
    assertThat(TimeFormat.of("yyyy-MM-dd HH:mm").parseInstant("2020-10-01 10:20"),
        equalTo(Instant.parse("2020-10-01T10:20:00Z")));
    assertThat(TimeFormat.of("dd.MM.yyyy").parseDate("01.10.2020"), equalTo(LocalDate.of(2020, 10, 1)));
    assertThat(assertThrows(IllegalArgumentException.class, () -> TimeFormat.of("yyyy-MM-dd {")).getMessage(),
        containsString("invalid format 'yyyy-MM-dd {'"));
  }
}
