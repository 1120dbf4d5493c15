package org.odfbeam.core.codec;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.odfbeam.core.identity.DatasetAlias;
import org.odfbeam.core.identity.DatasetId;
import org.odfbeam.core.identity.DatasetRef;
import org.odfbeam.core.model.Bytes;
import org.odfbeam.core.model.ExtraAttributes;
import org.odfbeam.core.model.MetadataBlock;
import org.odfbeam.core.model.MetadataEvent;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.multiformats.Multicodec;
import org.odfbeam.core.multiformats.Multihash;

/**
 * Reflection-driven generator of random but valid model values (test fixture). {@code presence} is the
 * probability that an optional field is present: 0 = all absent, 1 = all present. Nesting of unions is
 * bounded: below {@link #MAX_DEPTH} only union members without nested tables/unions are chosen.
 */
final class RandomModel {
  static final int MAX_DEPTH = 5;

  private final Random random;
  private final double presence;

  RandomModel(Random random, double presence) {
    this.random = random;
    this.presence = presence;
  }

  MetadataBlock block() {
    return new MetadataBlock(instant(), random.nextBoolean() ? multihash() : null, random.nextLong() & Long.MAX_VALUE,
        (MetadataEvent) value(MetadataEvent.class, null, 0));
  }

  /** A random instance of a record, sealed interface, enum or special value type. */
  @SuppressWarnings("unchecked")
  <T> T of(Class<T> type) {
    return (T) value(type, null, 0);
  }

  private Object value(Class<?> t, java.lang.reflect.Type generic, int depth) {
    if (t == boolean.class || t == Boolean.class) {
      return random.nextBoolean();
    }
    if (t == short.class || t == Short.class) {
      return (short) random.nextInt();
    }
    if (t == int.class || t == Integer.class) {
      return pick(0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, random.nextInt());
    }
    if (t == long.class || t == Long.class) {
      return pick(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, random.nextLong(), (long) random.nextInt(1000));
    }
    if (t.isEnum()) {
      Object[] c = t.getEnumConstants();
      return c[random.nextInt(c.length)];
    }
    if (t == String.class) {
      return string();
    }
    if (t == Instant.class) {
      return instant();
    }
    if (t == Multihash.class) {
      return multihash();
    }
    if (t == DatasetId.class) {
      return datasetId();
    }
    if (t == DatasetRef.class) {
      switch (random.nextInt(3)) {
        case 0:
          return DatasetRef.ofId(datasetId());
        case 1:
          return DatasetRef.parse("dataset-" + random.nextInt(100));
        default:
          return DatasetRef.parse("acc" + random.nextInt(10) + "/ds." + random.nextInt(100));
      }
    }
    if (t == DatasetAlias.class) {
      return DatasetAlias.parse("ds" + random.nextInt(100));
    }
    if (t == Bytes.class) {
      byte[] b = new byte[random.nextInt(40)];
      random.nextBytes(b);
      return Bytes.of(b);
    }
    if (t == ExtraAttributes.class) {
      return extra();
    }
    if (t == List.class) {
      Class<?> element = (Class<?>) ((ParameterizedType) generic).getActualTypeArguments()[0];
      int n = random.nextInt(depth >= MAX_DEPTH ? 2 : 4);
      List<Object> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(value(element, null, depth + 1));
      }
      return out;
    }
    if (t.isSealed()) {
      Class<?>[] members = t.getPermittedSubclasses();
      if (depth >= MAX_DEPTH) {
        List<Class<?>> leaves = new ArrayList<>();
        for (Class<?> m : members) {
          if (isLeaf(m)) {
            leaves.add(m);
          }
        }
        if (!leaves.isEmpty()) {
          return record(leaves.get(random.nextInt(leaves.size())), depth + 1);
        }
      }
      return record(members[random.nextInt(members.length)], depth + 1);
    }
    if (t.isRecord()) {
      return record(t, depth + 1);
    }
    throw new IllegalArgumentException("no generator for " + t);
  }

  /** A random record of {@code type}; optional fields present with probability {@code presence}. */
  Object record(Class<?> type, int depth) {
    RecordComponent[] cs = type.getRecordComponents();
    Object[] args = new Object[cs.length];
    Class<?>[] types = new Class<?>[cs.length];
    for (int i = 0; i < cs.length; i++) {
      types[i] = cs[i].getType();
      boolean optional = cs[i].isAnnotationPresent(Nullable.class);
      if (optional && random.nextDouble() >= presence) {
        continue;
      }
      args[i] = value(cs[i].getType(), cs[i].getGenericType(), depth);
    }
    try {
      return type.getDeclaredConstructor(types).newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isLeaf(Class<?> record) {
    for (RecordComponent c : record.getRecordComponents()) {
      Class<?> t = c.getType();
      if (t.isSealed() || t.isRecord() || t == List.class && !c.getGenericType().getTypeName().endsWith("<java.lang.String>")) {
        return false;
      }
    }
    return true;
  }

  @SafeVarargs
  private <T> T pick(T... options) {
    return options[random.nextInt(options.length)];
  }

  String string() {
    int n = random.nextInt(12);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      switch (random.nextInt(6)) {
        case 0:
          sb.appendCodePoint(0x80 + random.nextInt(0xD800 - 0x80)); // BMP below surrogates
          break;
        case 1:
          sb.appendCodePoint(0x10000 + random.nextInt(0x10FFFF - 0x10000)); // supplementary
          break;
        case 2:
          sb.append((char) random.nextInt(0x20)); // control characters
          break;
        default:
          sb.append((char) (0x20 + random.nextInt(0x5f)));
      }
    }
    return sb.toString();
  }

  Instant instant() {
    long seconds = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond()
        + (long) (random.nextDouble() * (Instant.parse("9999-12-31T23:59:59Z").getEpochSecond()
            - Instant.parse("0001-01-01T00:00:00Z").getEpochSecond()));
    return Instant.ofEpochSecond(seconds, random.nextBoolean() ? 0 : random.nextInt(1_000_000_000));
  }

  Multihash multihash() {
    byte[] digest = new byte[32];
    random.nextBytes(digest);
    return Multihash.ofDigest(random.nextBoolean() ? Multicodec.SHA3_256 : Multicodec.ARROW0_SHA3_256, digest);
  }

  DatasetId datasetId() {
    byte[] key = new byte[32];
    random.nextBytes(key);
    return DatasetId.fromPublicKey(key);
  }

  ExtraAttributes extra() {
    Map<String, Object> map = new LinkedHashMap<>();
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      map.put("example.org/" + string(), json(0));
    }
    return ExtraAttributes.of(map);
  }

  private Object json(int depth) {
    switch (random.nextInt(depth > 2 ? 6 : 8)) {
      case 0:
        return null;
      case 1:
        return random.nextBoolean();
      case 2:
        return random.nextLong();
      case 3:
        return Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL) * (random.nextBoolean() ? 1 : -1);
      case 4:
        return random.nextDouble() * 1000;
      case 5:
        return string();
      case 6: {
        List<Object> list = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
          list.add(json(depth + 1));
        }
        return list;
      }
      default: {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = random.nextInt(3); i > 0; i--) {
          map.put(string(), json(depth + 1));
        }
        return map;
      }
    }
  }
}
