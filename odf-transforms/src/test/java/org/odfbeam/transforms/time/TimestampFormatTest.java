package org.odfbeam.transforms.time;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampFormatTest {
  @Test
  void parsesRfc3339WithAnyOffset() {
    assertThat(TimestampFormat.RFC3339.parse("2020-01-01T12:00:00Z"), equalTo(Instant.parse("2020-01-01T12:00:00Z")));
    assertThat(TimestampFormat.of("RFC3339").parse("2020-01-01T14:00:00.250+02:00"),
        equalTo(Instant.parse("2020-01-01T12:00:00.250Z")));
  }

  @Test
  void parsesKamusDefaultFromPathFormatAsMidnightUtc() {
    // kamu-data/kamu-cli:src/infra/core/tests/tests/ingest/test_fetch.rs (test_fetch_files_glob):
    // "data-2020-10-01.csv" with "%Y-%m-%d" gives 2020-10-01T00:00:00Z.
    assertThat(TimestampFormat.of("%Y-%m-%d").parse("2020-10-01"), equalTo(Instant.parse("2020-10-01T00:00:00Z")));
  }

  @Test
  void parsesStrftimeWithTimeOffsetAndLiterals() {
    assertThat(TimestampFormat.of("%Y%m%d_%H%M%S").parse("20240102_030405"),
        equalTo(Instant.parse("2024-01-02T03:04:05Z")));
    assertThat(TimestampFormat.of("%F %T%:z").parse("2024-01-02 03:04:05+01:00"),
        equalTo(Instant.parse("2024-01-02T02:04:05Z")));
    assertThat(TimestampFormat.of("at %H:%M on %d.%m.%Y (%z)").parse("at 10:30 on 05.06.2023 (-0130)"),
        equalTo(Instant.parse("2023-06-05T12:00:00Z")));
    assertThat(TimestampFormat.of("100%% %F").parse("100% 2021-02-03").toString(), equalTo("2021-02-03T00:00:00Z"));
  }

  @Test
  void parsesJavaPatterns() {
    assertThat(TimestampFormat.of("dd.MM.uuuu HH:mm").parse("31.12.2022 23:59"),
        equalTo(Instant.parse("2022-12-31T23:59:00Z")));
    assertThat(TimestampFormat.of("yyyy-MM-dd").parse("2022-12-31"), equalTo(Instant.parse("2022-12-31T00:00:00Z")));
  }

  @Test
  void rejectsBadFormatsAndValuesNamingThem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimestampFormat.of("%Q"));
    assertThat(e.getMessage(), containsString("unsupported directive '%Q'"));
    e = assertThrows(IllegalArgumentException.class, () -> TimestampFormat.of("%Y-%"));
    assertThat(e.getMessage(), containsString("lone '%'"));
    e = assertThrows(IllegalArgumentException.class, () -> TimestampFormat.of("yyyy-MM-dd bbb"));
    assertThat(e.getMessage(), containsString("Invalid timestamp format 'yyyy-MM-dd bbb'"));
    e = assertThrows(IllegalArgumentException.class, () -> TimestampFormat.of("%Y-%m-%d").parse("2020/10/01"));
    assertThat(e.getMessage(), containsString("Cannot parse timestamp '2020/10/01' with format '%Y-%m-%d'"));
    e = assertThrows(IllegalArgumentException.class, () -> TimestampFormat.of("HH:mm").parse("10:00"));
    assertThat(e.getMessage(), containsString("gives no date"));
  }
}
