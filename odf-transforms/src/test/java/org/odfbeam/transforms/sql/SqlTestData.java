package org.odfbeam.transforms.sql;

import java.time.Instant;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;

/** Two small inputs shaped like what {@code OdfInputs.get()} gives: system columns, then data columns. */
final class SqlTestData {
  static final Schema CITIES = Schema.builder()
      .addInt64Field("offset").addInt32Field("op").addDateTimeField("system_time").addDateTimeField("event_time")
      .addStringField("city").addStringField("country").addInt64Field("population")
      .build();
  static final Schema COUNTRIES = Schema.builder()
      .addInt64Field("offset").addInt32Field("op").addDateTimeField("system_time").addDateTimeField("event_time")
      .addStringField("code").addStringField("name")
      .build();
  static final Instant SYSTEM_TIME = Instant.parse("2024-01-01T00:00:00Z");

  private SqlTestData() {}

  static org.joda.time.Instant day(int dayOfJanuary) {
    return org.joda.time.Instant.parse(String.format("2023-01-%02dT00:00:00Z", dayOfJanuary));
  }

  static List<Row> cities() {
    return List.of(
        city(0, 1, "Tokyo", "JP", 37_400_000),
        city(1, 1, "Osaka", "JP", 19_100_000),
        city(2, 2, "Nara", "JP", 350_000),
        city(3, 2, "Vancouver", "CA", 2_600_000),
        city(4, 3, "Toronto", "CA", 6_300_000),
        city(5, 3, "Banff", "CA", 8_000));
  }

  static List<Row> countries() {
    return List.of(
        Row.withSchema(COUNTRIES).addValues(0L, 0, sys(), day(1), "JP", "Japan").build(),
        Row.withSchema(COUNTRIES).addValues(1L, 0, sys(), day(1), "CA", "Canada").build());
  }

  private static Row city(long offset, int day, String name, String country, long population) {
    return Row.withSchema(CITIES).addValues(offset, 0, sys(), day(day), name, country, population).build();
  }

  private static org.joda.time.Instant sys() {
    return new org.joda.time.Instant(SYSTEM_TIME.toEpochMilli());
  }

  /** The inputs as tables "cities" and "countries". */
  static PCollectionTuple tables(Pipeline p) {
    PCollection<Row> cities = p.apply("Cities", Create.of(cities()).withRowSchema(CITIES));
    PCollection<Row> countries = p.apply("Countries", Create.of(countries()).withRowSchema(COUNTRIES));
    return PCollectionTuple.of("cities", cities).and("countries", countries);
  }
}
