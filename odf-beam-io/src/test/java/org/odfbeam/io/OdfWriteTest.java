package org.odfbeam.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.core.chain.BlockRef;
import org.odfbeam.core.chain.DatasetVerifier;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.chain.VerificationReport;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.model.DataSlice;
import org.odfbeam.core.model.MetadataEvent;
import org.odfbeam.core.model.Seed;
import org.odfbeam.core.model.SetDataSchema;
import org.odfbeam.core.model.SetInfo;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.core.storage.ObjectKind;
import org.odfbeam.data.OdfSchemas;
import org.odfbeam.data.SliceReader;

@ExtendWith(TestPipelineExtension.class)
class OdfWriteTest {
  static final Instant SYSTEM_TIME = Instant.parse("2024-01-01T12:00:00Z");
  static final Schema INPUT = Schema.builder()
      .addDateTimeField("event_time")
      .addStringField("city")
      .addInt64Field("population")
      .build();

  @TempDir
  Path tmp;

  static Row city(long eventMillis, String name, long population) {
    return Row.withSchema(INPUT).addValues(new org.joda.time.Instant(eventMillis), name, population).build();
  }

  /** Ten cities; event times deliberately not in input order, two share an event time. */
  static List<Row> tenCities() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rows.add(city(1_000_000L * ((i * 7) % 10 / 2), "city-" + i, 100L * i));
    }
    return rows;
  }

  static void run(String dataset, List<Row> rows, Schema schema, OdfWrite write) {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    p.apply(Create.of(rows).withRowSchema(schema)).apply(write.to(dataset));
    p.run().waitUntilFinish();
  }

  static void run(String dataset, List<Row> rows, OdfWrite write) {
    run(dataset, rows, INPUT, write);
  }

  static List<BlockRef> forward(String dataset) {
    List<BlockRef> blocks = new MetadataChain(LocalFsDatasetStorage.open(dataset)).blocks()
        .collect(Collectors.toCollection(ArrayList::new));
    Collections.reverse(blocks);
    return blocks;
  }

  static List<DataSlice> slices(String dataset) {
    return forward(dataset).stream().map(b -> b.block().event())
        .filter(AddData.class::isInstance).map(e -> ((AddData) e).newData()).toList();
  }

  static List<Row> readAll(String dataset) {
    LocalFsDatasetStorage storage = LocalFsDatasetStorage.open(dataset);
    SetDataSchema schema = new MetadataChain(storage).state().currentSchema();
    SliceReader reader = SliceReader.of(OdfSchemas.toBeam(schema));
    List<Row> rows = new ArrayList<>();
    for (DataSlice s : slices(dataset)) {
      reader.read(storage.objectPath(ObjectKind.DATA, s.physicalHash()), rows::add);
    }
    return rows;
  }

  static void assertVerifies(String dataset) {
    VerificationReport report = new DatasetVerifier(LocalFsDatasetStorage.open(dataset)).verify();
    assertThat(report.summary(), report.isValid(), is(true));
  }

  static String messages(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      b.append(t.getMessage()).append('\n');
    }
    return b.toString();
  }

  @Test
  void writesANewRootDatasetThatReadsBackInEventTimeOrder(TestPipeline pipeline) {
    String dataset = tmp.resolve("cities").toString();
    PCollection<CommittedBlock> out = pipeline
        .apply(Create.of(tenCities()).withRowSchema(INPUT))
        .apply(OdfIO.write().to(dataset).withSystemTime(SYSTEM_TIME)
            .withInfo("Cities", List.of("geo")).withAlias("cities"));
    PAssert.that(out).satisfies(blocks -> {
      List<Long> seq = new ArrayList<>();
      blocks.forEach(b -> seq.add(b.sequenceNumber()));
      Collections.sort(seq);
      assertThat(seq, contains(0L, 1L, 2L, 3L));
      return null;
    });
    pipeline.run().waitUntilFinish();

    List<MetadataEvent> events = forward(dataset).stream().map(b -> b.block().event()).toList();
    assertThat(events.get(0), instanceOf(Seed.class));
    assertThat(events.get(1), equalTo(new SetInfo("Cities", List.of("geo"))));
    assertThat(events.get(2), instanceOf(SetDataSchema.class));
    AddData add = (AddData) events.get(3);
    assertThat(add.prevOffset(), is((Long) null));
    assertThat(add.newData().offsetInterval().start(), is(0L));
    assertThat(add.newData().offsetInterval().end(), is(9L));
    assertThat(add.newWatermark(), equalTo(Instant.ofEpochMilli(4_000_000L)));
    assertThat(forward(dataset).get(3).block().systemTime(), equalTo(SYSTEM_TIME));
    assertThat(LocalFsDatasetStorage.open(dataset).readAlias().orElseThrow().toString(), equalTo("cities"));

    List<Row> rows = readAll(dataset);
    assertThat(rows, hasSize(10));
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      assertThat(r.getInt64("offset"), is((long) i));
      assertThat(r.getInt32("op"), is(0));
      assertThat(r.getDateTime("system_time").getMillis(), is(SYSTEM_TIME.toEpochMilli()));
      if (i > 0) {
        Row prev = rows.get(i - 1);
        assertThat("event time order at offset " + i,
            prev.getDateTime("event_time").getMillis() <= r.getDateTime("event_time").getMillis(), is(true));
      }
    }
    assertVerifies(dataset);
  }

  @Test
  void sameInputGivesIdenticalOffsetsAndLogicalHashesWhateverTheOrder() {
    List<Row> rows = tenCities();
    List<Row> shuffled = new ArrayList<>(rows);
    Collections.shuffle(shuffled, new Random(42));
    List<Row> reversed = new ArrayList<>(rows);
    Collections.reverse(reversed);
    String a = tmp.resolve("a").toString();
    String b = tmp.resolve("b").toString();
    String c = tmp.resolve("c").toString();
    OdfWrite write = OdfIO.write().withSystemTime(SYSTEM_TIME).withMaxRecordsPerSlice(4);
    run(a, rows, write);
    run(b, shuffled, write);
    run(c, reversed, write);
    List<String> expected = describe(slices(a));
    assertThat(expected, hasSize(3));
    assertThat(describe(slices(b)), equalTo(expected));
    assertThat(describe(slices(c)), equalTo(expected));
  }

  private static List<String> describe(List<DataSlice> slices) {
    return slices.stream().map(s -> s.offsetInterval() + " " + s.logicalHash()).toList();
  }

  @Test
  void secondRunContinuesOffsetsAndWatermark() {
    String dataset = tmp.resolve("cities").toString();
    run(dataset, tenCities(), OdfIO.write().withSystemTime(SYSTEM_TIME));
    run(dataset, List.of(city(9_000_000L, "late", 1), city(2_000_000L, "early", 2)),
        OdfIO.write().withSystemTime(SYSTEM_TIME.plusSeconds(60)));
    List<BlockRef> blocks = forward(dataset);
    assertThat(blocks, hasSize(4));
    AddData second = (AddData) blocks.get(3).block().event();
    assertThat(second.prevOffset(), is(9L));
    assertThat(second.newData().offsetInterval().start(), is(10L));
    assertThat(second.newData().offsetInterval().end(), is(11L));
    assertThat(second.newWatermark(), equalTo(Instant.ofEpochMilli(9_000_000L)));
    List<Row> rows = readAll(dataset);
    assertThat(rows.get(10).getString("city"), equalTo("early"));
    assertThat(rows.get(11).getString("city"), equalTo("late"));
    assertVerifies(dataset);
  }

  @Test
  void maxRecordsPerSliceSplitsTheCommitIntoSeveralBlocks() {
    String dataset = tmp.resolve("cities").toString();
    run(dataset, tenCities(), OdfIO.write().withSystemTime(SYSTEM_TIME).withMaxRecordsPerSlice(3));
    List<DataSlice> slices = slices(dataset);
    assertThat(slices.stream().map(s -> s.offsetInterval().start() + "-" + s.offsetInterval().end()).toList(),
        contains("0-2", "3-5", "6-8", "9-9"));
    List<AddData> adds = forward(dataset).stream().map(b -> b.block().event())
        .filter(AddData.class::isInstance).map(AddData.class::cast).toList();
    assertThat(adds.get(1).prevOffset(), is(2L));
    assertThat(adds.get(3).prevOffset(), is(8L));
    assertVerifies(dataset);
  }

  @Test
  void systemTimeIsUsedAsEventTimeWithoutAnEventTimeColumn() {
    Schema noEvent = Schema.builder().addStringField("city").build();
    String dataset = tmp.resolve("cities").toString();
    run(dataset, List.of(Row.withSchema(noEvent).addValue("b").build(), Row.withSchema(noEvent).addValue("a").build()),
        noEvent, OdfIO.write().withSystemTime(SYSTEM_TIME));
    List<Row> rows = readAll(dataset);
    assertThat(rows.get(0).getDateTime("event_time").getMillis(), is(SYSTEM_TIME.toEpochMilli()));
    AddData add = (AddData) forward(dataset).get(2).block().event();
    assertThat(add.newWatermark(), equalTo(SYSTEM_TIME));
    assertVerifies(dataset);
  }

  @Test
  void incompatibleSchemaFailsBeforeAnyFileIsWritten() throws IOException {
    String dataset = tmp.resolve("cities").toString();
    run(dataset, tenCities(), OdfIO.write().withSystemTime(SYSTEM_TIME));
    LocalFsDatasetStorage storage = LocalFsDatasetStorage.open(dataset);
    var head = storage.readHead();
    List<Path> dataBefore = list(storage.root().resolve("data"));

    Schema changed = Schema.builder()
        .addDateTimeField("event_time")
        .addStringField("city")
        .addStringField("population")
        .build();
    Row row = Row.withSchema(changed).addValues(new org.joda.time.Instant(0), "x", "many").build();
    RuntimeException e = assertThrows(RuntimeException.class,
        () -> run(dataset, List.of(row), changed, OdfIO.write().withSystemTime(SYSTEM_TIME.plusSeconds(1))));
    String message = messages(e);
    assertThat(message, containsString("the input schema is not compatible with the dataset's"));
    assertThat(message, containsString("column 'population' changed type from INT64 NOT NULL to STRING NOT NULL"));
    assertThat(message, containsString("dataset schema: offset INT64 NOT NULL"));
    assertThat(message, containsString("population STRING NOT NULL"));
    assertThat(storage.readHead(), equalTo(head));
    assertThat(list(storage.root().resolve("data")), equalTo(dataBefore));
  }

  @Test
  void nullableColumnIntoNonNullableAndRemovedColumnAreIncompatible() {
    String dataset = tmp.resolve("cities").toString();
    run(dataset, tenCities(), OdfIO.write().withSystemTime(SYSTEM_TIME));
    Schema changed = Schema.builder()
        .addDateTimeField("event_time")
        .addNullableField("city", FieldType.STRING)
        .build();
    Row row = Row.withSchema(changed).addValues(new org.joda.time.Instant(0), null).build();
    RuntimeException e = assertThrows(RuntimeException.class,
        () -> run(dataset, List.of(row), changed, OdfIO.write().withSystemTime(SYSTEM_TIME.plusSeconds(1))));
    assertThat(messages(e), containsString("column 'population' is missing from the input"));
    assertThat(messages(e), containsString("column 'city' is nullable in the input but not in the dataset"));
  }

  @Test
  void newNullableColumnIsAddedWithANewSetDataSchema() {
    String dataset = tmp.resolve("cities").toString();
    run(dataset, tenCities(), OdfIO.write().withSystemTime(SYSTEM_TIME));
    Schema wider = Schema.builder()
        .addDateTimeField("event_time")
        .addStringField("city")
        .addInt64Field("population")
        .addNullableField("country", FieldType.STRING)
        .build();
    Row row = Row.withSchema(wider).addValues(new org.joda.time.Instant(5_000_000L), "x", 1L, "XY").build();
    run(dataset, List.of(row), wider, OdfIO.write().withSystemTime(SYSTEM_TIME.plusSeconds(1)));
    List<BlockRef> blocks = forward(dataset);
    assertThat(blocks.get(3).block().event(), instanceOf(SetDataSchema.class));
    // The new slice carries the added column (older slices read it as null: OdfReadSchemaEvolutionTest).
    LocalFsDatasetStorage storage = LocalFsDatasetStorage.open(dataset);
    SliceReader reader = SliceReader.of(OdfSchemas.toBeam(new MetadataChain(storage).state().currentSchema()));
    List<Row> added = new ArrayList<>();
    reader.read(storage.objectPath(ObjectKind.DATA, slices(dataset).get(1).physicalHash()), added::add);
    assertThat(added.get(0).getInt64("offset"), is(10L));
    assertThat(added.get(0).getString("country"), equalTo("XY"));
    assertVerifies(dataset);
  }

  @Test
  void emptyInputCommitsNothing() {
    String dataset = tmp.resolve("cities").toString();
    run(dataset, List.of(), OdfIO.write().withSystemTime(SYSTEM_TIME));
    assertThat(LocalFsDatasetStorage.open(dataset).readHead(), equalTo(Optional.empty()));
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  @Test
  void writesFloatingPointColumnsDeterministically() {
    Schema schema = Schema.builder().addDateTimeField("event_time").addStringField("city")
        .addDoubleField("ratio").addNullableField("score", Schema.FieldType.FLOAT).build();
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      rows.add(Row.withSchema(schema).addValues(new org.joda.time.Instant(1_000L * (i % 4)), "c" + i,
          i / 3.0, i % 5 == 0 ? null : (float) -i).build());
    }
    List<Row> reversed = new ArrayList<>(rows);
    java.util.Collections.reverse(reversed);
    String a = tmp.resolve("fp-a").toString();
    String b = tmp.resolve("fp-b").toString();
    run(a, rows, schema, OdfIO.write().withSystemTime(SYSTEM_TIME).withMaxRecordsPerSlice(5));
    run(b, reversed, schema, OdfIO.write().withSystemTime(SYSTEM_TIME).withMaxRecordsPerSlice(5));

    assertThat(slices(a), hasSize(3));
    assertThat(slices(a).stream().map(DataSlice::logicalHash).toList(),
        equalTo(slices(b).stream().map(DataSlice::logicalHash).toList()));
    assertVerifies(a);
  }

  @Test
  void mapColumnsAreRejectedNamingTheColumn() {
    Schema schema = Schema.builder().addStringField("city")
        .addMapField("tags", Schema.FieldType.STRING, Schema.FieldType.STRING).build();
    String dataset = tmp.resolve("maps").toString();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(dataset,
        List.of(Row.withSchema(schema).addValues("x", java.util.Map.of("a", "b")).build()), schema,
        OdfIO.write()));
    assertThat(e.getMessage(), containsString("Cannot map column 'tags' of Beam type MAP"));
  }
}
