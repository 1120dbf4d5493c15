package org.odfbeam.core.yaml;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.odfbeam.core.model.Bytes;
import org.odfbeam.core.model.ExtraAttributes;
import org.odfbeam.core.model.Name;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.model.Variant;

/**
 * Generic, reflection-driven mapping between {@link YamlNode} trees and the records of
 * {@code org.odfbeam.core.model}, following kamu's serde rules
 * (kamu-data/kamu-cli:src/odf/metadata/src/serde/yaml/derivations_generated.rs and formats.rs).
 *
 * <ul>
 *   <li>Records: keys are the component names (or {@link Name}) in component order; unknown keys are errors
 *       ({@code deny_unknown_fields}); {@link Nullable} components may be absent or null and are omitted
 *       on output when null.
 *   <li>Sealed interfaces (unions): internally tagged with {@code kind}; a tag matches the {@link Variant}
 *       name in PascalCase, camelCase (first letter lower-cased) or all-lowercase and nothing else.
 *       {@code DataType}, {@code EventTimeSource} and {@code SourceCaching} also accept a bare string (kamu's
 *       {@code UnionOrString}); output is always the long form.
 *   <li>Enums: PascalCase of the constant ({@code BY_EVENT_TIME} -> {@code ByEventTime}), read with the
 *       same three spellings.
 *   <li>Value types: {@link Instant} as RFC 3339 (written as chrono's {@code AutoSi} with {@code Z}),
 *       {@link Bytes} as standard base64, {@link ExtraAttributes} as a nested map (keys sorted), and any
 *       class with a public static {@code parse(String)} (Multihash, DatasetId, DatasetRef, DatasetAlias) as
 *       its {@code toString()}.
 *   <li>Inside a union member serde buffers the map first, so a string field then needs a scalar that
 *       resolves to a string ({@code engine: 123} fails there, as in kamu); outside any union every scalar
 *       is accepted as text.
 * </ul>
 *
 * <p>Descriptors are cached per record class.
 */
public final class ModelYaml {

  private static final List<String> SHORT_FORM_UNIONS =
      List.of("DataType", "EventTimeSource", "SourceCaching");
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private static final ClassValue<RecordInfo> RECORDS =
      new ClassValue<>() {
        @Override
        protected RecordInfo computeValue(Class<?> type) {
          return RecordInfo.of(type);
        }
      };

  private static final ClassValue<java.util.Optional<Method>> PARSE_METHODS =
      new ClassValue<>() {
        @Override
        protected java.util.Optional<Method> computeValue(Class<?> type) {
          return java.util.Optional.ofNullable(findParseMethod(type));
        }
      };

  private static final ClassValue<UnionInfo> UNIONS =
      new ClassValue<>() {
        @Override
        protected UnionInfo computeValue(Class<?> type) {
          return UnionInfo.of(type);
        }
      };

  private ModelYaml() {}

  /** A decoding failure: the node where it happened, its field path and the reason. */
  public static final class MappingException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient YamlNode node;
    private final String path;
    private final String reason;

    MappingException(YamlNode node, String path, String reason, Throwable cause) {
      super((path.isEmpty() ? "" : path + ": ") + reason, cause);
      this.node = node;
      this.path = path;
      this.reason = reason;
    }

    /** The node that could not be decoded (its line is where the problem is). */
    public YamlNode node() {
      return node;
    }

    /** The field path, e.g. {@code content.metadata[0].read}. */
    public String path() {
      return path;
    }

    /** The problem, without the path. */
    public String reason() {
      return reason;
    }
  }

  // ============================================================================================
  // Decoding

  /**
   * Decodes {@code node} as {@code type}.
   *
   * @param path the field path of {@code node}, used in error messages (e.g. {@code "content"})
   * @throws MappingException naming the path and the node when the node does not fit the type
   */
  public static <T> T decode(YamlNode node, Class<T> type, String path) {
    return type.cast(decodeValue(node, type, path, false));
  }

  private static Object decodeValue(YamlNode node, Type type, String path, boolean buffered) {
    if (type instanceof ParameterizedType pt) {
      Class<?> raw = (Class<?>) pt.getRawType();
      if (raw == List.class) {
        YamlSequence seq = expect(node, YamlSequence.class, "a sequence", path);
        List<Object> out = new ArrayList<>(seq.items().size());
        for (int i = 0; i < seq.items().size(); i++) {
          Object item =
              decodeValue(seq.items().get(i), pt.getActualTypeArguments()[0], path + "[" + i + "]", buffered);
          if (item == null) {
            throw new MappingException(seq.items().get(i), path + "[" + i + "]", "invalid null item", null);
          }
          out.add(item);
        }
        return out;
      }
      throw new IllegalStateException("Unsupported model type " + type);
    }
    Class<?> cls = (Class<?>) type;
    if (cls == String.class) {
      return string(node, path, buffered, "a string");
    }
    if (cls == long.class || cls == Long.class) {
      return integer(node, path, LONG_MIN, U64_MAX, "u64/i64").longValue();
    }
    if (cls == int.class || cls == Integer.class) {
      return integer(
              node,
              path,
              BigInteger.valueOf(Integer.MIN_VALUE),
              BigInteger.valueOf(0xFFFFFFFFL),
              "u32/i32")
          .intValue();
    }
    if (cls == short.class || cls == Short.class) {
      return integer(
              node, path, BigInteger.valueOf(Short.MIN_VALUE), BigInteger.valueOf(0xFFFF), "u16/i16")
          .shortValue();
    }
    if (cls == boolean.class || cls == Boolean.class) {
      YamlScalar s = expect(node, YamlScalar.class, "a boolean", path);
      if (s.type() != YamlScalar.Type.BOOL) {
        throw invalidType(s, path, "a boolean");
      }
      return s.asBoolean();
    }
    if (cls == double.class || cls == Double.class) {
      YamlScalar s = expect(node, YamlScalar.class, "a float", path);
      if (s.type() != YamlScalar.Type.FLOAT && s.type() != YamlScalar.Type.INT) {
        throw invalidType(s, path, "a float");
      }
      return s.asDouble();
    }
    if (cls == Instant.class) {
      String text = string(node, path, buffered, "an RFC 3339 timestamp");
      try {
        return OffsetDateTime.parse(text.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
            .toInstant();
      } catch (DateTimeParseException e) {
        throw new MappingException(node, path, "invalid RFC 3339 timestamp '" + text + "'", e);
      }
    }
    if (cls == Bytes.class) {
      String text = string(node, path, buffered, "a base64 string");
      try {
        return Bytes.fromBase64(text);
      } catch (IllegalArgumentException e) {
        throw new MappingException(node, path, "invalid base64 '" + text + "': " + e.getMessage(), e);
      }
    }
    if (cls == ExtraAttributes.class) {
      YamlMapping map = expect(node, YamlMapping.class, "a mapping", path);
      try {
        return ExtraAttributes.of(jsonMap(map));
      } catch (IllegalArgumentException e) {
        throw new MappingException(node, path, e.getMessage(), e);
      }
    }
    if (cls.isEnum()) {
      String text = string(node, path, buffered, "a string");
      for (Object c : cls.getEnumConstants()) {
        if (matchesName(enumName((Enum<?>) c), text)) {
          return c;
        }
      }
      List<String> names = new ArrayList<>();
      for (Object c : cls.getEnumConstants()) {
        names.add(enumName((Enum<?>) c));
      }
      throw new MappingException(
          node,
          path,
          "unknown variant '" + text + "' (expected one of: " + String.join(", ", names) + ")",
          null);
    }
    Method parse = parseMethod(cls);
    if (parse != null) {
      String text = string(node, path, buffered, "a string");
      try {
        return parse.invoke(null, text);
      } catch (InvocationTargetException e) {
        Throwable c = e.getCause();
        throw new MappingException(node, path, String.valueOf(c.getMessage()), c);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    if (cls.isSealed() && cls.isInterface()) {
      return decodeUnion(node, cls, path);
    }
    if (cls.isRecord()) {
      YamlMapping map = expect(node, YamlMapping.class, "a mapping", path);
      return decodeRecord(map, cls, path, null, buffered);
    }
    throw new IllegalStateException("Unsupported model type " + cls.getName());
  }

  private static Object decodeUnion(YamlNode node, Class<?> union, String path) {
    UnionInfo info = UNIONS.get(union);
    if (node instanceof YamlScalar s && info.shortForm && s.type() == YamlScalar.Type.STRING) {
      Class<?> member = info.member(s.value());
      if (member == null) {
        throw unknownVariant(s, path, s.value(), info);
      }
      return decodeRecord(YamlMapping.empty(), member, path, null, true, s);
    }
    YamlMapping map = expect(node, YamlMapping.class, "a mapping", path);
    YamlNode kind = map.get("kind");
    if (kind == null) {
      throw new MappingException(map, path, "missing field 'kind'", null);
    }
    if (!(kind instanceof YamlScalar ks) || ks.type() != YamlScalar.Type.STRING) {
      throw invalidType(kind, path + ".kind", "a variant name");
    }
    Class<?> member = info.member(ks.value());
    if (member == null) {
      throw unknownVariant(kind, path + ".kind", ks.value(), info);
    }
    return decodeRecord(map, member, path, "kind", true);
  }

  private static MappingException unknownVariant(YamlNode node, String path, String tag, UnionInfo info) {
    return new MappingException(
        node,
        path,
        "unknown variant '" + tag + "' (expected one of: " + String.join(", ", info.names) + ")",
        null);
  }

  private static Object decodeRecord(
      YamlMapping map, Class<?> cls, String path, String tagKey, boolean buffered) {
    return decodeRecord(map, cls, path, tagKey, buffered, map);
  }

  private static Object decodeRecord(
      YamlMapping map, Class<?> cls, String path, String tagKey, boolean buffered, YamlNode at) {
    RecordInfo info = RECORDS.get(cls);
    for (YamlMapping.Entry e : map.entries()) {
      String key = e.key().value();
      if (!key.equals(tagKey) && !info.index.containsKey(key)) {
        throw new MappingException(
            e.key(),
            path,
            "unknown field '"
                + key
                + "' ("
                + (info.names.isEmpty() ? "there are no fields" : "expected one of: " + String.join(", ", info.names))
                + ")",
            null);
      }
    }
    Object[] args = new Object[info.components.length];
    for (int i = 0; i < info.components.length; i++) {
      Component c = info.components[i];
      String childPath = path.isEmpty() ? c.name : path + "." + c.name;
      YamlNode value = map.get(c.name);
      boolean isNull = value == null || (value instanceof YamlScalar s && s.isNull() && c.nullable);
      if (isNull) {
        if (!c.nullable) {
          throw new MappingException(at, path, "missing field '" + c.name + "'", null);
        }
        args[i] = null;
      } else {
        args[i] = decodeValue(value, c.type, childPath, buffered);
      }
    }
    try {
      return info.constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new MappingException(at, path, String.valueOf(cause.getMessage()), cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String string(YamlNode node, String path, boolean buffered, String expected) {
    YamlScalar s = expect(node, YamlScalar.class, expected, path);
    if (buffered && s.type() != YamlScalar.Type.STRING) {
      throw invalidType(s, path, expected);
    }
    return s.value();
  }

  private static BigInteger integer(
      YamlNode node, String path, BigInteger min, BigInteger max, String what) {
    YamlScalar s = expect(node, YamlScalar.class, "an integer", path);
    if (s.type() != YamlScalar.Type.INT) {
      throw invalidType(s, path, "an integer");
    }
    BigInteger v = s.asBigInteger();
    if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
      throw new MappingException(s, path, "integer " + v + " is out of range for " + what, null);
    }
    return v;
  }

  private static <N extends YamlNode> N expect(YamlNode node, Class<N> kind, String expected, String path) {
    if (!kind.isInstance(node)) {
      throw invalidType(node, path, expected);
    }
    return kind.cast(node);
  }

  private static MappingException invalidType(YamlNode node, String path, String expected) {
    return new MappingException(
        node, path, "invalid type: " + node.describe() + ", expected " + expected, null);
  }

  /** YAML -> the JSON-like values ExtraAttributes accepts (serde_json::Value semantics). */
  private static Map<String, Object> jsonMap(YamlMapping map) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (YamlMapping.Entry e : map.entries()) {
      out.put(e.key().value(), jsonValue(e.value()));
    }
    return out;
  }

  private static Object jsonValue(YamlNode node) {
    if (node instanceof YamlMapping m) {
      return jsonMap(m);
    }
    if (node instanceof YamlSequence seq) {
      List<Object> out = new ArrayList<>();
      for (YamlNode item : seq.items()) {
        out.add(jsonValue(item));
      }
      return out;
    }
    YamlScalar s = (YamlScalar) node;
    switch (s.type()) {
      case NULL:
        return null;
      case BOOL:
        return s.asBoolean();
      case INT:
        return s.asBigInteger();
      case FLOAT: {
        double d = s.asDouble();
        return Double.isFinite(d) ? d : null; // serde_json::Value maps non-finite floats to null
      }
      default:
        return s.value();
    }
  }

  static boolean matchesName(String pascal, String text) {
    if (text.equals(pascal)) {
      return true;
    }
    String camel = pascal.isEmpty() ? pascal : Character.toLowerCase(pascal.charAt(0)) + pascal.substring(1);
    return text.equals(camel) || text.equals(pascal.toLowerCase(Locale.ROOT));
  }

  /** PascalCase YAML name of an enum constant: {@code BY_EVENT_TIME} -> {@code ByEventTime}. */
  public static String enumName(Enum<?> constant) {
    StringBuilder sb = new StringBuilder();
    for (String part : constant.name().split("_")) {
      if (!part.isEmpty()) {
        sb.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
      }
    }
    return sb.toString();
  }

  /** The static {@code parse(String)} of a value type outside the model package, or null. */
  private static Method parseMethod(Class<?> cls) {
    return PARSE_METHODS.get(cls).orElse(null);
  }

  private static Method findParseMethod(Class<?> cls) {
    if (cls.getPackage() == ExtraAttributes.class.getPackage()) {
      return null;
    }
    try {
      Method m = cls.getMethod("parse", String.class);
      return Modifier.isStatic(m.getModifiers()) && cls.isAssignableFrom(m.getReturnType()) ? m : null;
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  // ============================================================================================
  // Encoding

  /** Encodes a model value (record, union member, list, enum or value type) as a YAML node. */
  public static YamlNode encode(Object value) {
    return encodeValue(value);
  }

  private static YamlNode encodeValue(Object value) {
    if (value == null) {
      return YamlScalar.nullValue();
    }
    if (value instanceof String s) {
      return YamlScalar.string(s);
    }
    if (value instanceof Long l) {
      return YamlScalar.integer(l);
    }
    if (value instanceof Integer i) {
      return YamlScalar.integer(i);
    }
    if (value instanceof Short s) {
      return YamlScalar.integer(s);
    }
    if (value instanceof BigInteger b) {
      return YamlScalar.integer(b);
    }
    if (value instanceof Boolean b) {
      return YamlScalar.bool(b);
    }
    if (value instanceof Double d) {
      return YamlScalar.floating(d);
    }
    if (value instanceof Instant t) {
      return YamlScalar.string(formatInstant(t));
    }
    if (value instanceof Bytes b) {
      return YamlScalar.string(b.toBase64());
    }
    if (value instanceof ExtraAttributes a) {
      return encodeJson(a.entries());
    }
    if (value instanceof Enum<?> e) {
      return YamlScalar.string(enumName(e));
    }
    if (value instanceof List<?> list) {
      List<YamlNode> items = new ArrayList<>(list.size());
      for (Object item : list) {
        items.add(encodeValue(item));
      }
      return YamlSequence.of(items);
    }
    Class<?> cls = value.getClass();
    if (cls.isRecord() && parseMethod(cls) == null) {
      YamlMapping.Builder b = YamlMapping.builder();
      Variant variant = cls.getAnnotation(Variant.class);
      if (variant != null) {
        b.put("kind", YamlScalar.string(variant.name()));
      }
      RecordInfo info = RECORDS.get(cls);
      for (Component c : info.components) {
        Object v;
        try {
          v = c.accessor.invoke(value);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
        if (v != null) {
          b.put(c.name, encodeValue(v));
        }
      }
      return b.build();
    }
    return YamlScalar.string(value.toString());
  }

  private static YamlNode encodeJson(Object v) {
    if (v instanceof Map<?, ?> m) {
      // ExtraAttributes maps are already sorted by UTF-8 byte order, as kamu's BTreeMaps.
      SortedMap<String, Object> sorted = new TreeMap<>(ExtraAttributes.KEY_ORDER);
      for (Map.Entry<?, ?> e : m.entrySet()) {
        sorted.put((String) e.getKey(), e.getValue());
      }
      YamlMapping.Builder b = YamlMapping.builder();
      for (Map.Entry<String, Object> e : sorted.entrySet()) {
        b.put(e.getKey(), encodeJson(e.getValue()));
      }
      return b.build();
    }
    if (v instanceof List<?> list) {
      List<YamlNode> items = new ArrayList<>();
      for (Object item : list) {
        items.add(encodeJson(item));
      }
      return YamlSequence.of(items);
    }
    return encodeValue(v);
  }

  /** chrono {@code to_rfc3339_opts(SecondsFormat::AutoSi, true)}. */
  public static String formatInstant(Instant t) {
    return org.odfbeam.core.model.Rfc3339.format(t);
  }


  // ============================================================================================
  // Descriptors

  private record Component(String name, Type type, boolean nullable, Method accessor) {}

  private static final class RecordInfo {
    final Component[] components;
    final Map<String, Component> index;
    final List<String> names;
    final Constructor<?> constructor;

    private RecordInfo(Component[] components, Constructor<?> constructor) {
      this.components = components;
      this.constructor = constructor;
      Map<String, Component> idx = new LinkedHashMap<>();
      for (Component c : components) {
        idx.put(c.name, c);
      }
      this.index = Collections.unmodifiableMap(idx);
      this.names = List.copyOf(idx.keySet());
    }

    static RecordInfo of(Class<?> cls) {
      RecordComponent[] rcs = cls.getRecordComponents();
      Component[] comps = new Component[rcs.length];
      Class<?>[] types = new Class<?>[rcs.length];
      for (int i = 0; i < rcs.length; i++) {
        RecordComponent rc = rcs[i];
        Name n = rc.getAnnotation(Name.class);
        comps[i] =
            new Component(
                n != null ? n.value() : rc.getName(),
                rc.getGenericType(),
                rc.isAnnotationPresent(Nullable.class),
                rc.getAccessor());
        comps[i].accessor.setAccessible(true);
        types[i] = rc.getType();
      }
      try {
        Constructor<?> ctor = cls.getDeclaredConstructor(types);
        ctor.setAccessible(true);
        return new RecordInfo(comps, ctor);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static final class UnionInfo {
    final List<Class<?>> members;
    final List<String> names;
    final boolean shortForm;

    private UnionInfo(List<Class<?>> members, List<String> names, boolean shortForm) {
      this.members = members;
      this.names = names;
      this.shortForm = shortForm;
    }

    static UnionInfo of(Class<?> union) {
      List<Class<?>> members = new ArrayList<>();
      for (Class<?> c : union.getPermittedSubclasses()) {
        members.add(c);
      }
      members.sort((a, b) -> Integer.compare(id(a), id(b)));
      List<String> names = new ArrayList<>();
      for (Class<?> m : members) {
        names.add(m.getAnnotation(Variant.class).name());
      }
      return new UnionInfo(
          List.copyOf(members), List.copyOf(names), SHORT_FORM_UNIONS.contains(union.getSimpleName()));
    }

    private static int id(Class<?> c) {
      Variant v = c.getAnnotation(Variant.class);
      if (v == null) {
        throw new IllegalStateException(c.getName() + " has no @Variant annotation");
      }
      return v.id();
    }

    Class<?> member(String tag) {
      for (int i = 0; i < members.size(); i++) {
        if (matchesName(names.get(i), tag)) {
          return members.get(i);
        }
      }
      return null;
    }
  }
}
