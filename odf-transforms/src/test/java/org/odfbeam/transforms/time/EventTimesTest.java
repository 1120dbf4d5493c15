package org.odfbeam.transforms.time;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.Pipeline.PipelineExecutionException;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odfbeam.core.model.EventTimeSourceFromMetadata;
import org.odfbeam.core.model.EventTimeSourceFromPath;
import org.odfbeam.core.model.EventTimeSourceFromSystemTime;
import org.odfbeam.data.Vocabulary;
import org.odfbeam.transforms.InvalidDataException;

@ExtendWith(TestPipelineExtension.class)
class EventTimesTest {
  static final Schema ALL_TYPES = Schema.builder()
      .addStringField("name")
      .addDateTimeField("dt")
      .addLogicalTypeField("d", SqlTypes.DATE)
      .addInt64Field("ms")
      .addStringField("rfc")
      .addStringField("day")
      .addStringField("local")
      .build();

  static final Row ROW = Row.withSchema(ALL_TYPES).addValues("a",
      org.joda.time.Instant.parse("2021-03-04T05:06:07.089Z"), LocalDate.of(2021, 3, 4),
      1_614_834_367_089L, "2021-03-04T07:06:07.089+02:00", "2021-03-04", "04.03.2021 05:06").build();

  /** {@code <element timestamp> <event time column> [<first schema field>]} of each output row. */
  static final class Describe extends DoFn<Row, String> {
    private final String column;

    Describe(String column) {
      this.column = column;
    }

    @ProcessElement
    public void process(@Element Row row, @Timestamp org.joda.time.Instant ts, OutputReceiver<String> out) {
      out.output(ts + " " + row.getDateTime(column) + " first=" + row.getSchema().getField(0).getName()
          + " fields=" + row.getSchema().getFieldCount());
    }
  }

  static PCollection<String> run(PCollection<Row> in, String name, PTransform<PCollection<Row>, PCollection<Row>> t,
      String column) {
    return in.apply(name, t).apply(name + " describe", ParDo.of(new Describe(column)));
  }

  @Test
  void extractsFromEveryColumnTypeAndSetsTimestamps(TestPipeline p) {
    PCollection<Row> in = p.apply(Create.of(List.of(ROW)).withRowSchema(ALL_TYPES));
    String added = " first=event_time fields=8";
    PAssert.that(run(in, "datetime", EventTimes.fromColumn("dt"), "event_time"))
        .containsInAnyOrder("2021-03-04T05:06:07.089Z 2021-03-04T05:06:07.089Z" + added);
    PAssert.that(run(in, "date", EventTimes.fromColumn("d"), "event_time"))
        .containsInAnyOrder("2021-03-04T00:00:00.000Z 2021-03-04T00:00:00.000Z" + added);
    PAssert.that(run(in, "millis", EventTimes.fromColumn("ms"), "event_time"))
        .containsInAnyOrder("2021-03-04T05:06:07.089Z 2021-03-04T05:06:07.089Z" + added);
    PAssert.that(run(in, "rfc3339", EventTimes.fromColumn("rfc"), "event_time"))
        .containsInAnyOrder("2021-03-04T05:06:07.089Z 2021-03-04T05:06:07.089Z" + added);
    PAssert.that(run(in, "strftime", EventTimes.fromColumn("day").withFormat("%Y-%m-%d"), "event_time"))
        .containsInAnyOrder("2021-03-04T00:00:00.000Z 2021-03-04T00:00:00.000Z" + added);
    PAssert.that(run(in, "java", EventTimes.fromColumn("local").withFormat("dd.MM.uuuu HH:mm"), "event_time"))
        .containsInAnyOrder("2021-03-04T05:06:00.000Z 2021-03-04T05:06:00.000Z" + added);
    PAssert.that(run(in, "expression",
            EventTimes.fromExpression(r -> Instant.ofEpochMilli(r.getInt64("ms")).plusSeconds(60)), "event_time"))
        .containsInAnyOrder("2021-03-04T05:07:07.089Z 2021-03-04T05:07:07.089Z" + added);
    // A column named like the vocabulary's event time column is replaced in place by the DATETIME.
    PAssert.that(run(in, "in place", EventTimes.fromColumn("day").withFormat("%Y-%m-%d")
            .withVocabulary(new Vocabulary("offset", "op", "system_time", "day")), "day"))
        .containsInAnyOrder("2021-03-04T00:00:00.000Z 2021-03-04T00:00:00.000Z first=name fields=7");
    p.run().waitUntilFinish();
  }

  static final Schema FILES = Schema.builder().addStringField("file").addNullableField("event_time",
      FieldType.DATETIME).build();

  @Test
  void fromPathAndFromSystemTimeFillOnlyMissingEventTimesAsKamuDoes(TestPipeline p) {
    PCollection<Row> files = p.apply("Files", Create.of(List.of(
            Row.withSchema(FILES).addValues("/in/data-2020-10-01.csv", null).build(),
            Row.withSchema(FILES).addValues("s3://b/x/data-2020-10-02.csv",
                org.joda.time.Instant.parse("2019-01-01T00:00:00Z")).build()))
        .withRowSchema(FILES));
    // The pattern and file name of kamu-data/kamu-cli:src/infra/core/tests/tests/ingest/test_fetch.rs
    EventTimeSourceFromPath fromPath = new EventTimeSourceFromPath("data-(\\d+-\\d+-\\d+)\\.csv", "%Y-%m-%d");
    PAssert.that(run(files, "path column", EventTimes.of(fromPath).withPathColumn("file"), "event_time"))
        .containsInAnyOrder(
            "2020-10-01T00:00:00.000Z 2020-10-01T00:00:00.000Z first=file fields=2",
            "2019-01-01T00:00:00.000Z 2019-01-01T00:00:00.000Z first=file fields=2");

    Schema plain = Schema.builder().addInt32Field("v").build();
    PCollection<Row> rows = p.apply("Plain", Create.of(List.of(Row.withSchema(plain).addValues(1).build()))
        .withRowSchema(plain));
    PAssert.that(run(rows, "fixed path", EventTimes.of(new EventTimeSourceFromPath("_(\\d{8})_", "%Y%m%d"))
            .withPath("/landing/dump_20240229_full.json"), "event_time"))
        .containsInAnyOrder("2024-02-29T00:00:00.000Z 2024-02-29T00:00:00.000Z first=event_time fields=2");
    PAssert.that(run(rows, "default format", EventTimes.of(new EventTimeSourceFromPath("(\\d+-\\d+-\\d+)", null))
            .withPath("2024-05-06.csv"), "event_time"))
        .containsInAnyOrder("2024-05-06T00:00:00.000Z 2024-05-06T00:00:00.000Z first=event_time fields=2");
    PAssert.that(run(rows, "system time", EventTimes.of(new EventTimeSourceFromSystemTime())
            .withSystemTime(Instant.parse("2025-01-01T10:00:00Z")), "event_time"))
        .containsInAnyOrder("2025-01-01T10:00:00.000Z 2025-01-01T10:00:00.000Z first=event_time fields=2");
    p.run().waitUntilFinish();
  }

  @Test
  void refusesFromMetadataAsKamuDoesForFiles() {
    // kamu-data/kamu-cli:src/infra/core/src/services/ingest/fetch_service/file.rs (FilesGlob + FromMetadata)
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EventTimes.of(new EventTimeSourceFromMetadata()));
    assertThat(e.getMessage(), containsString("Cannot extract event time FromMetadata"));
    assertThat(e.getMessage(), containsString("you should use fromPath instead"));
  }

  @Test
  void rejectsMisconfigurationWhenBuiltOrApplied(TestPipeline p) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EventTimes.of(new EventTimeSourceFromPath("data-\\d+\\.csv", null)));
    assertThat(e.getMessage(), containsString("pattern doesn't have group 1"));
    e = assertThrows(IllegalArgumentException.class,
        () -> EventTimes.of(new EventTimeSourceFromPath("data-(\\d+)\\.csv", "%Y%m%d")).withPath("other.csv"));
    assertThat(e.getMessage(), containsString("failed to match pattern data-(\\d+)\\.csv to other.csv"));
    e = assertThrows(IllegalArgumentException.class,
        () -> EventTimes.of(new EventTimeSourceFromSystemTime()).withPathColumn("file"));
    assertThat(e.getMessage(), containsString("applies only to EventTimeSource FromPath"));
    e = assertThrows(IllegalArgumentException.class, () -> EventTimes.fromExpression(r -> null).withFormat("%Y"));
    assertThat(e.getMessage(), containsString("applies only to EventTimes.fromColumn()"));

    PCollection<Row> in = p.apply(Create.of(List.of(ROW)).withRowSchema(ALL_TYPES));
    e = assertThrows(IllegalArgumentException.class, () -> in.apply("missing", EventTimes.fromColumn("nope")));
    assertThat(e.getMessage(), containsString("no column 'nope' in the input; columns are [name, dt"));
    Schema bool = Schema.builder().addBooleanField("flag").build();
    PCollection<Row> flags = p.apply("Flags", Create.empty(bool));
    e = assertThrows(IllegalArgumentException.class, () -> flags.apply("bool", EventTimes.fromColumn("flag")));
    assertThat(e.getMessage(), containsString("column 'flag' has type BOOLEAN"));
    e = assertThrows(IllegalArgumentException.class, () -> in.apply("no path",
        EventTimes.of(new EventTimeSourceFromPath("(\\d+)", null))));
    assertThat(e.getMessage(), containsString("give withPathColumn(column) or withPath(file)"));
    p.enableAbandonedNodeEnforcement(false);
  }

  @Test
  void failsOnANullOrUnparsableValueNamingTheRow(TestPipeline p) {
    Schema s = Schema.builder().addNullableField("at", FieldType.STRING).build();
    p.apply(Create.of(List.of(Row.withSchema(s).addValue("yesterday").build())).withRowSchema(s))
        .apply(EventTimes.fromColumn("at"));
    PipelineExecutionException e = assertThrows(PipelineExecutionException.class, () -> p.run().waitUntilFinish());
    assertThat(e.getCause(), instanceOf(InvalidDataException.class));
    assertThat(e.getCause().getMessage(), containsString(
        "Cannot extract event time from column 'at': Cannot parse timestamp 'yesterday' with format 'rfc3339'"));
  }

  @Test
  void failsOnANullValue(TestPipeline p) {
    Schema s = Schema.builder().addNullableField("at", FieldType.INT64).build();
    p.apply(Create.of(List.of(Row.withSchema(s).addValue(null).build())).withRowSchema(s))
        .apply(EventTimes.fromColumn("at"));
    PipelineExecutionException e = assertThrows(PipelineExecutionException.class, () -> p.run().waitUntilFinish());
    assertThat(e.getCause().getMessage(), startsWith("Cannot extract event time: column 'at' is null in row "));
  }
}
