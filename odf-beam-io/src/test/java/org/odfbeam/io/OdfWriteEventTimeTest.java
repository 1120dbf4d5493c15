package org.odfbeam.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.model.DataSlice;
import org.odfbeam.core.model.SetDataSchema;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.data.OdfSchemas;
import org.odfbeam.data.Vocabulary;

/** Event time computed by a {@code withEventTime()} function. */
@ExtendWith(TestPipelineExtension.class)
class OdfWriteEventTimeTest {
  static final Schema INPUT = Schema.builder()
      .addStringField("city")
      .addStringField("reported_at")
      .addInt64Field("population")
      .build();

  @TempDir
  Path tmp;

  static Row city(String name, String reportedAt, long population) {
    return Row.withSchema(INPUT).addValues(name, reportedAt, population).build();
  }

  /** Five cities reported at times not in input order; two share a time. */
  static List<Row> cities() {
    return List.of(city("e", "2024-03-05T00:00:00Z", 5), city("a", "2024-03-01T00:00:00Z", 1),
        city("c", "2024-03-03T00:00:00Z", 3), city("b", "2024-03-03T00:00:00Z", 2),
        city("d", "2024-03-04T00:00:00.000999Z", 4));
  }

  /** Parses the {@code reported_at} column: a pure function of the row. */
  static Instant reportedAt(Row r) {
    return Instant.parse(r.getString("reported_at"));
  }

  private static OdfWrite write() {
    return OdfIO.write().withSystemTime(OdfWriteTest.SYSTEM_TIME).withEventTime(OdfWriteEventTimeTest::reportedAt);
  }

  @Test
  void eventTimeComesFromTheFunctionAndOrdersTheOffsets(TestPipeline pipeline) {
    String dataset = tmp.resolve("cities").toString();
    pipeline.apply(Create.of(cities()).withRowSchema(INPUT)).apply(write().to(dataset));
    pipeline.run().waitUntilFinish();

    SetDataSchema schema = (SetDataSchema) OdfWriteTest.forward(dataset).get(1).block().event();
    // The computed column is the event time column, not a data column.
    assertThat(OdfSchemas.toBeam(schema).getFieldNames(),
        contains("offset", "op", "system_time", "event_time", "city", "reported_at", "population"));
    List<Row> rows = OdfWriteTest.readAll(dataset);
    assertThat(rows.stream().map(r -> r.getString("city")).toList(), contains("a", "b", "c", "d", "e"));
    for (Row r : rows) {
      // Stored with millisecond precision, rounded down (d's 999 microseconds are dropped).
      assertThat(r.getDateTime("event_time").getMillis(),
          is(reportedAt(r).toEpochMilli()));
    }
    AddData add = (AddData) OdfWriteTest.forward(dataset).get(2).block().event();
    assertThat(add.newWatermark(), equalTo(Instant.parse("2024-03-05T00:00:00Z")));
    OdfWriteTest.assertVerifies(dataset);
  }

  @Test
  void theOffsetOrderIsTheSameWhateverTheInputOrder() {
    List<Row> shuffled = new ArrayList<>(cities());
    Collections.shuffle(shuffled, new Random(7));
    List<Row> reversed = new ArrayList<>(cities());
    Collections.reverse(reversed);
    String a = tmp.resolve("a").toString();
    String b = tmp.resolve("b").toString();
    String c = tmp.resolve("c").toString();
    OdfWrite write = write().withMaxRecordsPerSlice(2);
    OdfWriteTest.run(a, cities(), INPUT, write);
    OdfWriteTest.run(b, shuffled, INPUT, write);
    OdfWriteTest.run(c, reversed, INPUT, write);
    List<String> expected = describe(OdfWriteTest.slices(a));
    assertThat(expected, hasSize(3));
    assertThat(describe(OdfWriteTest.slices(b)), equalTo(expected));
    assertThat(describe(OdfWriteTest.slices(c)), equalTo(expected));
  }

  private static List<String> describe(List<DataSlice> slices) {
    return slices.stream().map(s -> s.offsetInterval() + " " + s.logicalHash()).toList();
  }

  @Test
  void theComputedColumnIsNamedByTheVocabulary(TestPipeline pipeline) {
    String dataset = tmp.resolve("cities").toString();
    Vocabulary vocab = new Vocabulary("offset", "op", "system_time", "reported");
    OdfWriteTest.run(dataset, cities(), INPUT, write().withVocabulary(vocab));

    PCollection<Row> read = pipeline.apply(OdfIO.read().from(dataset));
    assertThat(read.getSchema().getFieldNames(),
        contains("offset", "op", "system_time", "reported", "city", "reported_at", "population"));
    PAssert.that(read).satisfies(rows -> {
      List<Row> sorted = new ArrayList<>();
      rows.forEach(sorted::add);
      sorted.sort(Comparator.comparingLong(r -> r.getInt64("offset")));
      assertThat(sorted.get(0).getDateTime("reported").getMillis(),
          is(Instant.parse("2024-03-01T00:00:00Z").toEpochMilli()));
      return null;
    });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void aNullEventTimeFailsNamingTheDatasetAndTheRecordAndCommitsNothing() {
    String dataset = tmp.resolve("cities").toString();
    RuntimeException e = assertThrows(RuntimeException.class, () -> OdfWriteTest.run(dataset, cities(), INPUT,
        OdfIO.write().withEventTime(r -> r.getString("city").equals("c") ? null : reportedAt(r))));
    String message = OdfWriteTest.messages(e);
    assertThat(message, containsString("Cannot write to " + dataset
        + ": the withEventTime() function returned null for the record"));
    assertThat(message, containsString("the record {city=c, reported_at=2024-03-03T00:00:00Z, population=3}"));
    assertThat(message, containsString("it must return an event time for every record"));
    assertThat(LocalFsDatasetStorage.open(dataset).readHead(), equalTo(Optional.empty()));
  }

  @Test
  void anEventTimeColumnAndAFunctionExcludeEachOther() {
    IllegalArgumentException columnFirst = assertThrows(IllegalArgumentException.class,
        () -> OdfIO.write().withEventTimeColumn("observed_at").withEventTime(OdfWriteEventTimeTest::reportedAt));
    assertThat(columnFirst.getMessage(), equalTo("withEventTime() cannot be combined with"
        + " withEventTimeColumn(\"observed_at\"): the event time comes either from a column or from a function"));
    IllegalArgumentException functionFirst = assertThrows(IllegalArgumentException.class,
        () -> OdfIO.write().withEventTime(OdfWriteEventTimeTest::reportedAt).withEventTimeColumn("observed_at"));
    assertThat(functionFirst.getMessage(), equalTo("withEventTimeColumn(\"observed_at\") cannot be combined with"
        + " withEventTime(): the event time comes either from a column or from a function"));
    NullPointerException none = assertThrows(NullPointerException.class, () -> OdfIO.write().withEventTime(null));
    assertThat(none.getMessage(), equalTo("withEventTime() requires a function"));
  }

  @Test
  void anInputColumnNamedLikeTheEventTimeColumnIsRejectedWithAFunction() {
    String dataset = tmp.resolve("cities").toString();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OdfIO.write().to(dataset).withEventTime(r -> Instant.EPOCH).settings(OdfWriteTest.INPUT));
    assertThat(e.getMessage(), equalTo("Cannot write to " + dataset + ": the input has a column 'event_time',"
        + " the event time column of the vocabulary, but withEventTime() computes the event time; drop or rename"
        + " that column, or use withEventTimeColumn(\"event_time\") instead of withEventTime()"));
  }
}
