package org.odfbeam.core.codec;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.odfbeam.core.identity.DatasetRef;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.model.AddPushSource;
import org.odfbeam.core.model.Attachments;
import org.odfbeam.core.model.DataField;
import org.odfbeam.core.model.DataSchema;
import org.odfbeam.core.model.DataType;
import org.odfbeam.core.model.DataTypeBinary;
import org.odfbeam.core.model.DataTypeMap;
import org.odfbeam.core.model.DataTypeString;
import org.odfbeam.core.model.DataTypeTimestamp;
import org.odfbeam.core.model.EventTimeSource;
import org.odfbeam.core.model.ExecuteTransform;
import org.odfbeam.core.model.ExecuteTransformInput;
import org.odfbeam.core.model.FetchStep;
import org.odfbeam.core.model.FetchStepFilesGlob;
import org.odfbeam.core.model.FetchStepMqtt;
import org.odfbeam.core.model.FetchStepUrl;
import org.odfbeam.core.model.MergeStrategy;
import org.odfbeam.core.model.MergeStrategyAppend;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.model.MetadataEvent;
import org.odfbeam.core.model.MqttQos;
import org.odfbeam.core.model.MqttTopicSubscription;
import org.odfbeam.core.model.PrepStep;
import org.odfbeam.core.model.ReadStep;
import org.odfbeam.core.model.ReadStepCsv;
import org.odfbeam.core.model.ReadStepNdJson;
import org.odfbeam.core.model.SetAttachments;
import org.odfbeam.core.model.SetDataSchema;
import org.odfbeam.core.model.SetPollingSource;
import org.odfbeam.core.model.SetTransform;
import org.odfbeam.core.model.SourceCaching;
import org.odfbeam.core.model.SourceOrdering;
import org.odfbeam.core.model.TimeUnit;
import org.odfbeam.core.model.Transform;
import org.odfbeam.core.model.TransformInput;
import org.odfbeam.core.model.TransformSql;
import org.odfbeam.core.model.Variant;
import org.odfbeam.core.multiformats.Multihash;

/**
 * Round trips of every event type and every union member: decode(encode(b)) equals b and
 * encode(decode(bytes)) reproduces the bytes, in versions 3 and 2, with optional fields all absent, all
 * present, and mixed.
 */
class MetadataBlockCodecRoundTripTest {
  private static final List<Class<?>> UNIONS = List.of(MetadataEvent.class, DataType.class, ReadStep.class,
      MergeStrategy.class, Transform.class, FetchStep.class, PrepStep.class, EventTimeSource.class,
      SourceCaching.class, Attachments.class);

  static Stream<Arguments> unionMembers() {
    List<Arguments> out = new ArrayList<>();
    for (Class<?> union : UNIONS) {
      for (Class<?> member : union.getPermittedSubclasses()) {
        out.add(Arguments.of(union.getSimpleName() + "." + member.getAnnotation(Variant.class).name(), member));
      }
    }
    return out.stream();
  }

  @Test
  void everyUnionOfTheModelIsCovered() {
    // 13 events + 24 data types + 7 read steps + 5 merge strategies + 1 + 5 + 2 + 3 + 1 + 1
    assertThat(unionMembers().toList(), hasSize(13 + 24 + 7 + 5 + 1 + 5 + 2 + 3 + 1 + 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unionMembers")
  void roundTripsUnionMember(String name, Class<?> member) {
    for (double presence : new double[] {0.0, 1.0, 0.5}) {
      Random random = new Random(name.hashCode() * 31L + (long) (presence * 10));
      RandomModel model = new RandomModel(random, presence);
      for (int i = 0; i < 5; i++) {
        Object value = model.record(member, 1);
        MetadataBlock block = new MetadataBlock(model.instant(), model.multihash(), i, embed(value, model));
        assertRoundTrips(block);
      }
    }
  }

  /** Places a union member into an event so that it can be written as a block. */
  private static MetadataEvent embed(Object member, RandomModel model) {
    ReadStep read = new ReadStepNdJson(null, null, null, null, null);
    MergeStrategy merge = new MergeStrategyAppend();
    if (member instanceof MetadataEvent e) {
      return e;
    } else if (member instanceof DataType t) {
      return new SetDataSchema(null, new DataSchema(List.of(new DataField("f", t, null)), null));
    } else if (member instanceof ReadStep r) {
      return new AddPushSource("source", r, null, merge);
    } else if (member instanceof MergeStrategy m) {
      return new AddPushSource("source", read, null, m);
    } else if (member instanceof Transform t) {
      return new SetTransform(List.of(new TransformInput(DatasetRef.parse("in"), "in")), t);
    } else if (member instanceof FetchStep f) {
      return new SetPollingSource(f, null, read, null, merge);
    } else if (member instanceof PrepStep p) {
      return new SetPollingSource(new FetchStepUrl("http://x", null, null, null), List.of(p, p), read, null, merge);
    } else if (member instanceof EventTimeSource e) {
      return new SetPollingSource(new FetchStepFilesGlob("*.csv", e, null, null), null, read, null, merge);
    } else if (member instanceof SourceCaching c) {
      return new SetPollingSource(new FetchStepUrl("http://x", null, c, null), null, read, null, merge);
    } else if (member instanceof Attachments a) {
      return new SetAttachments(a);
    }
    throw new IllegalArgumentException(member.toString());
  }

  static void assertRoundTrips(MetadataBlock block) {
    for (int version : new int[] {3, 2}) {
      byte[] bytes = MetadataBlockCodec.encode(block, version);
      MetadataBlock decoded = MetadataBlockCodec.decode(bytes);
      assertThat(decoded, equalTo(block));
      assertThat(Arrays.equals(MetadataBlockCodec.encode(decoded, version), bytes), equalTo(true));
      assertThat(MetadataBlockCodec.manifestVersion(bytes), equalTo(version));
    }
  }

  private static final Instant T = Instant.parse("2020-01-01T12:00:00Z");

  @Test
  void optionalScalarsEqualToZeroArePresentAndDifferFromAbsent() {
    MetadataBlock zero = new MetadataBlock(T, null, 0, new AddData(null, 0L, null, null, null, null, null));
    MetadataBlock absent = new MetadataBlock(T, null, 0, new AddData(null, null, null, null, null, null, null));
    assertRoundTrips(zero);
    assertRoundTrips(absent);
    assertThat(((AddData) MetadataBlockCodec.decode(MetadataBlockCodec.encode(zero)).event()).prevOffset(),
        equalTo(0L));
    assertThat(((AddData) MetadataBlockCodec.decode(MetadataBlockCodec.encode(absent)).event()).prevOffset(),
        nullValue());
    assertThat(MetadataBlockCodec.encode(zero), not(equalTo(MetadataBlockCodec.encode(absent))));
  }

  @Test
  void optionalEnumsAndBooleansEqualToZeroArePresent() {
    DataType timestamp = new DataTypeTimestamp(TimeUnit.SECOND, null);
    DataType map = new DataTypeMap(new DataTypeString(), new DataTypeBinary(0L), false);
    ReadStep csv = new ReadStepCsv(null, null, null, null, null, false, false, null, null, null, null);
    FetchStep glob = new FetchStepFilesGlob("*.csv", null, null, SourceOrdering.BY_EVENT_TIME);
    List<MetadataEvent> events = List.of(
        new SetDataSchema(null, new DataSchema(List.of(new DataField("t", timestamp, null),
            new DataField("m", map, null)), null)),
        new AddPushSource("s", csv, null, new MergeStrategyAppend()),
        new SetPollingSource(glob, null, csv, null, new MergeStrategyAppend()),
        new SetPollingSource(new FetchStepMqtt("h", 0, null, null,
            List.of(new MqttTopicSubscription("t", MqttQos.AT_MOST_ONCE))), null, csv, null,
            new MergeStrategyAppend()),
        new ExecuteTransform(List.of(new ExecuteTransformInput(
            new RandomModel(new Random(1), 1).datasetId(), null, Multihash.sha3_256(new byte[1]), 0L, 0L)),
            null, 0L, null, null, null));
    for (MetadataEvent event : events) {
      MetadataBlock block = new MetadataBlock(T, null, 0, event);
      assertRoundTrips(block);
    }
  }

  @Test
  void roundTripsExtremeTimestamps() {
    for (String t : new String[] {"0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2024-12-31T23:59:59.999999999Z",
        "9999-12-31T23:59:59.999999999Z", "-1000-03-01T01:02:03.000000001"}) {
      Instant instant = t.endsWith("Z") ? Instant.parse(t)
          : LocalDateTime.parse("-1000-03-01T01:02:03.000000001").toInstant(ZoneOffset.UTC);
      assertRoundTrips(new MetadataBlock(instant, null, Long.MAX_VALUE,
          new AddData(null, -1L, null, null, instant, null, null)));
    }
  }
}
