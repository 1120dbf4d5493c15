package org.odfbeam.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.odfbeam.core.testing.OdfMatchers.blockWithEvent;
import static org.odfbeam.core.testing.OdfMatchers.hasBlocks;
import static org.odfbeam.core.testing.OdfMatchers.hasOffsets;
import static org.odfbeam.core.testing.OdfMatchers.isValidChain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.transforms.Select;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.core.chain.BlockRef;
import org.odfbeam.core.chain.MetadataChain;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.model.DataSlice;
import org.odfbeam.core.model.ExecuteTransform;
import org.odfbeam.core.model.MetadataEvent;
import org.odfbeam.core.model.Seed;
import org.odfbeam.core.model.SetDataSchema;
import org.odfbeam.core.model.SetTransform;
import org.odfbeam.core.model.SetVocab;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.core.storage.LocalFsDatasetStorage;
import org.odfbeam.core.storage.ObjectKind;
import org.odfbeam.data.OdfSchemas;
import org.odfbeam.data.ParquetLogicalHash;
import org.odfbeam.data.SliceReader;
import org.odfbeam.data.Vocabulary;

/** Writes with a custom vocabulary: recorded as SetVocab, used for the system columns, kept by later writes. */
@ExtendWith(TestPipelineExtension.class)
class OdfWriteVocabularyTest {
  /** Only the operation type, system time and event time columns are renamed; offset keeps its default name. */
  static final Vocabulary CASES = new Vocabulary("offset", "operation", "ingested_at", "reported_date");
  /** The input frees the default names: {@code op} and {@code event_time} are plain data columns here. */
  static final Schema INPUT = Schema.builder()
      .addDateTimeField("reported_date")
      .addStringField("op")
      .addStringField("event_time")
      .addInt64Field("cases")
      .build();

  @TempDir
  Path tmp;

  static Row report(long reportedMillis, String op, long cases) {
    return Row.withSchema(INPUT).addValues(new org.joda.time.Instant(reportedMillis), op, "as " + op, cases).build();
  }

  static List<Row> reports() {
    return List.of(report(3_000L, "c", 30), report(1_000L, "a", 10), report(2_000L, "b", 20));
  }

  private static List<MetadataEvent> events(String dataset) {
    return OdfWriteTest.forward(dataset).stream().map(b -> b.block().event()).toList();
  }

  private static MetadataChain chain(String dataset) {
    return new MetadataChain(LocalFsDatasetStorage.open(dataset));
  }

  private static List<String> parquetColumns(Path file) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      return schema.getFields().stream().map(Type::getName).toList();
    }
  }

  private static List<Path> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  @Test
  void createsTheDatasetWithSetVocabBeforeSetDataSchemaAndTheSystemColumnsNamedByIt() throws IOException {
    String dataset = tmp.resolve("cases").toString();
    OdfWriteTest.run(dataset, reports(), INPUT, OdfIO.write().withSystemTime(OdfWriteTest.SYSTEM_TIME)
        .withVocabulary(CASES).withInfo("Cases", List.of("health")));

    List<MetadataEvent> events = events(dataset);
    assertThat(events.stream().map(e -> e.getClass().getSimpleName()).toList(),
        contains("Seed", "SetInfo", "SetVocab", "SetDataSchema", "AddData"));
    // Only the names that differ from the defaults; offset is absent (= default "offset").
    assertThat(events.get(2), equalTo(new SetVocab(null, "operation", "ingested_at", "reported_date")));
    Schema schema = OdfSchemas.toBeam((SetDataSchema) events.get(3));
    assertThat(schema.getFieldNames(),
        contains("offset", "operation", "ingested_at", "reported_date", "op", "event_time", "cases"));

    LocalFsDatasetStorage storage = LocalFsDatasetStorage.open(dataset);
    DataSlice slice = ((AddData) events.get(4)).newData();
    Path file = storage.objectPath(ObjectKind.DATA, slice.physicalHash());
    assertThat(parquetColumns(file), equalTo(schema.getFieldNames()));
    assertThat(ParquetLogicalHash.of(file), equalTo(slice.logicalHash()));
    // Offsets follow the event time: the reported_date column.
    assertThat(((AddData) events.get(4)).newWatermark(), equalTo(Instant.ofEpochMilli(3_000L)));
    assertThat(chain(dataset), allOf(hasBlocks(5), isValidChain()));
  }

  @Test
  void readsBackWithTheColumnsNamedByTheVocabulary(TestPipeline pipeline) {
    String dataset = tmp.resolve("cases").toString();
    OdfWriteTest.run(dataset, reports(), INPUT, OdfIO.write().withSystemTime(OdfWriteTest.SYSTEM_TIME)
        .withVocabulary(CASES));

    PCollection<Row> read = pipeline.apply(OdfIO.read().from(dataset));
    assertThat(read.getSchema().getFieldNames(),
        contains("offset", "operation", "ingested_at", "reported_date", "op", "event_time", "cases"));
    PAssert.that(read).satisfies(rows -> {
      List<Row> sorted = new ArrayList<>();
      rows.forEach(sorted::add);
      sorted.sort(Comparator.comparingLong(r -> r.getInt64("offset")));
      assertThat(sorted.stream().map(r -> r.getString("op")).toList(), contains("a", "b", "c"));
      assertThat(sorted.stream().map(r -> r.getInt32("operation")).toList(), contains(0, 0, 0));
      assertThat(sorted.get(0).getDateTime("ingested_at").getMillis(),
          is(OdfWriteTest.SYSTEM_TIME.toEpochMilli()));
      assertThat(sorted.get(2).getDateTime("reported_date").getMillis(), is(3_000L));
      return null;
    });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void aLaterWriteWithoutWithVocabularyUsesTheDatasetsVocabulary() {
    String dataset = tmp.resolve("cases").toString();
    OdfWriteTest.run(dataset, reports(), INPUT, OdfIO.write().withSystemTime(OdfWriteTest.SYSTEM_TIME)
        .withVocabulary(CASES));
    WriteSettings resolved = OdfIO.write().to(dataset).settings(INPUT);
    assertThat(resolved.vocabulary(), equalTo(CASES));
    assertThat(resolved.eventTimeColumn(), equalTo("reported_date"));

    OdfWriteTest.run(dataset, List.of(report(5_000L, "e", 50), report(4_000L, "d", 40)), INPUT,
        OdfIO.write().withSystemTime(OdfWriteTest.SYSTEM_TIME.plusSeconds(60)));

    List<MetadataEvent> events = events(dataset);
    // Seed, SetVocab, SetDataSchema, AddData, AddData: no second SetVocab or SetDataSchema.
    assertThat(events, hasSize(5));
    assertThat(events.stream().filter(SetVocab.class::isInstance).count(), is(1L));
    BlockRef head = chain(dataset).head().orElseThrow();
    assertThat(head, allOf(blockWithEvent(AddData.class), hasOffsets(3, 4)));
    assertThat(((AddData) head.block().event()).newWatermark(), equalTo(Instant.ofEpochMilli(5_000L)));
    List<Row> rows = readAll(dataset);
    assertThat(rows.stream().map(r -> r.getString("op")).toList(), contains("a", "b", "c", "d", "e"));
    assertThat(rows.get(3).getDateTime("ingested_at").getMillis(),
        is(OdfWriteTest.SYSTEM_TIME.plusSeconds(60).toEpochMilli()));
    assertThat(chain(dataset), isValidChain());
  }

  /** All records in offset order, read with vocabulary {@link #CASES} (OdfWriteTest.readAll assumes the default). */
  private static List<Row> readAll(String dataset) {
    LocalFsDatasetStorage storage = LocalFsDatasetStorage.open(dataset);
    SliceReader reader = SliceReader.of(OdfIO.read().from(dataset).plan().schema()).withVocabulary(CASES);
    List<Row> rows = new ArrayList<>();
    for (DataSlice s : OdfWriteTest.slices(dataset)) {
      reader.read(storage.objectPath(ObjectKind.DATA, s.physicalHash()), rows::add);
    }
    return rows;
  }

  @Test
  void aDifferentVocabularyForAnExistingDatasetFailsWhenTheWriteIsBuiltNamingBoth() throws IOException {
    String dataset = tmp.resolve("cases").toString();
    OdfWriteTest.run(dataset, reports(), INPUT, OdfIO.write().withSystemTime(OdfWriteTest.SYSTEM_TIME)
        .withVocabulary(CASES));
    LocalFsDatasetStorage storage = LocalFsDatasetStorage.open(dataset);
    Optional<Multihash> head = storage.readHead();
    List<Path> data = list(storage.root().resolve("data"));

    Vocabulary other = new Vocabulary("offset", "op", "system_time", "reported_date");
    Schema input = Schema.builder().addDateTimeField("reported_date").addInt64Field("cases").build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OdfWriteTest.run(dataset,
        List.of(Row.withSchema(input).addValues(new org.joda.time.Instant(0), 1L).build()), input,
        OdfIO.write().withVocabulary(other)));
    assertThat(e.getMessage(), containsString("Cannot write to dataset did:odf:"));
    assertThat(e.getMessage(), containsString("withVocabulary() was given " + other));
    assertThat(e.getMessage(), containsString("but the dataset's vocabulary is " + CASES));
    assertThat(e.getMessage(), containsString("the vocabulary of an existing dataset cannot change"));
    assertThat(storage.readHead(), equalTo(head));
    assertThat(list(storage.root().resolve("data")), equalTo(data));
  }

  @Test
  void theDefaultVocabularyForADatasetWithoutSetVocabIsAccepted() {
    String dataset = tmp.resolve("cities").toString();
    OdfWriteTest.run(dataset, OdfWriteTest.tenCities(), OdfIO.write().withSystemTime(OdfWriteTest.SYSTEM_TIME)
        .withVocabulary(Vocabulary.DEFAULT));
    assertThat(events(dataset).stream().filter(SetVocab.class::isInstance).count(), is(0L));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OdfIO.write().to(dataset).withVocabulary(CASES).settings(INPUT));
    assertThat(e.getMessage(), containsString("withVocabulary() was given " + CASES));
    assertThat(e.getMessage(), containsString("but the dataset's vocabulary is " + Vocabulary.DEFAULT
        + " (it has no SetVocab)"));
  }

  @Test
  void aVocabularyWrittenAfterThePipelineWasBuiltFailsThePlanBeforeAnyFileIsWritten() throws IOException {
    String dataset = tmp.resolve("cases").toString();
    Pipeline late = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    Schema input = Schema.builder().addDateTimeField("reported_date").addInt64Field("cases").build();
    late.apply(Create.of(Row.withSchema(input).addValues(new org.joda.time.Instant(0), 1L).build())
            .withRowSchema(input))
        .apply(OdfIO.write().to(dataset).withSystemTime(OdfWriteTest.SYSTEM_TIME.plusSeconds(60)));
    // Built for a new dataset (default vocabulary); another writer creates it with CASES before the run.
    OdfWriteTest.run(dataset, reports(), INPUT, OdfIO.write().withSystemTime(OdfWriteTest.SYSTEM_TIME)
        .withVocabulary(CASES));
    LocalFsDatasetStorage storage = LocalFsDatasetStorage.open(dataset);
    Optional<Multihash> head = storage.readHead();
    List<Path> data = list(storage.root().resolve("data"));

    RuntimeException e = assertThrows(RuntimeException.class, () -> late.run().waitUntilFinish());
    String message = OdfWriteTest.messages(e);
    assertThat(message, containsString("the write was built for vocabulary " + Vocabulary.DEFAULT));
    assertThat(message, containsString("but the dataset's vocabulary is now " + CASES));
    assertThat(storage.readHead(), equalTo(head));
    assertThat(list(storage.root().resolve("data")), equalTo(data));
  }

  @Test
  void inputColumnsAreMatchedByTheVocabularysNames() {
    String dataset = tmp.resolve("new").toString();
    Schema withOffset = Schema.builder().addInt64Field("offset").addStringField("city").build();
    IllegalArgumentException assigned = assertThrows(IllegalArgumentException.class,
        () -> OdfIO.write().to(dataset).withVocabulary(CASES).settings(withOffset));
    assertThat(assigned.getMessage(), containsString("the input has a column 'offset', but the write assigns it"));

    // Under CASES, "system_time" is an ordinary data column and "operation" the operation type column.
    Schema free = Schema.builder().addDateTimeField("system_time").addInt32Field("operation")
        .addStringField("city").build();
    WriteSettings settings = OdfIO.write().to(dataset).withVocabulary(CASES).settings(free);
    assertThat(settings.opColumn(), equalTo("operation"));
    assertThat(settings.eventTimeColumn(), is(nullValue()));
    assertThat(settings.writeSchema().getFieldNames(),
        contains("offset", "operation", "ingested_at", "reported_date", "system_time", "city"));

    Schema both = Schema.builder().addDateTimeField("observed").addDateTimeField("reported_date")
        .addStringField("city").build();
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> OdfIO.write().to(dataset).withVocabulary(CASES).withEventTimeColumn("observed").settings(both));
    assertThat(twice.getMessage(), containsString("the input has a column 'reported_date' (the name of the"
        + " vocabulary's event time column) besides the event time column 'observed'"));
  }

  @Test
  void withVocabularyRequiresAVocabulary() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> OdfIO.write().withVocabulary(null));
    assertThat(e.getMessage(), equalTo("withVocabulary() requires a vocabulary"));
  }

  @Test
  void aDerivativeDatasetCanHaveItsOwnVocabulary() {
    String root = tmp.resolve("cases").toString();
    String out = tmp.resolve("big-cases").toString();
    OdfWriteTest.run(root, reports(), INPUT, OdfIO.write().withSystemTime(OdfWriteTest.SYSTEM_TIME)
        .withVocabulary(CASES));

    Vocabulary derived = new Vocabulary("n", "operation", "system_time", "day");
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    OdfInputs in = OdfInputs.of(p, out).add("cases", root);
    in.get("cases")
        .apply(Select.<Row>fieldNames("reported_date", "op", "cases")
            .withOutputSchema(Schema.builder().addDateTimeField("day").addStringField("label")
                .addInt64Field("cases").build()))
        .apply(OdfIO.write().to(out).derivedFrom(in).withVocabulary(derived)
            .withSystemTime(OdfWriteTest.SYSTEM_TIME.plusSeconds(1)));
    p.run().waitUntilFinish();

    List<MetadataEvent> events = events(out);
    assertThat(events.get(0), instanceOf(Seed.class));
    assertThat(events.get(1), instanceOf(SetTransform.class));
    assertThat(events.get(2), equalTo(new SetVocab("n", "operation", null, "day")));
    assertThat(OdfSchemas.toBeam((SetDataSchema) events.get(3)).getFieldNames(),
        contains("n", "operation", "system_time", "day", "label", "cases"));
    assertThat(events.get(4), instanceOf(ExecuteTransform.class));
    assertThat(OdfIO.read().from(out).plan().schema().getFieldNames(),
        contains("n", "operation", "system_time", "day", "label", "cases"));
    assertThat(chain(out), isValidChain());
  }
}
