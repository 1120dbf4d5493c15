package org.odfbeam.core.yaml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;

/**
 * Parses YAML (one or more {@code ---}-separated documents) and JSON into {@link YamlNode} trees that keep
 * every node's 1-based line and column.
 *
 * <p>YAML is read from SnakeYAML's event stream (the parser underneath Jackson's {@code YAMLFactory};
 * Jackson's own token stream hides whether a scalar was quoted, which decides its type). JSON is read with
 * Jackson's {@link JsonParser}. Duplicate mapping keys are rejected with their line, as serde_yaml does for
 * the structs and maps of ODF manifests. Anchors and aliases are resolved; explicit tags other than
 * {@code !!str} are rejected.
 */
public final class YamlReader {

  private static final JsonFactory JSON = new JsonFactory();

  private YamlReader() {}

  /** Parses all documents of a YAML stream. An empty stream has no documents. */
  public static List<YamlNode> readYamlDocuments(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(Integer.MAX_VALUE);
    options.setAllowDuplicateKeys(true); // checked here, with the line
    Yaml yaml = new Yaml(options);
    List<YamlNode> documents = new ArrayList<>();
    try {
      Iterator<Event> events = yaml.parse(new StringReader(text)).iterator();
      EventReader reader = new EventReader(events);
      while (true) {
        Event e = reader.next();
        if (e.is(Event.ID.StreamStart) || e.is(Event.ID.DocumentEnd)) {
          continue;
        }
        if (e.is(Event.ID.StreamEnd)) {
          break;
        }
        if (e.is(Event.ID.DocumentStart)) {
          reader.anchors.clear();
          documents.add(reader.node(reader.next()));
          continue;
        }
        throw reader.error(e.getStartMark(), "unexpected " + e.getEventId());
      }
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
      throw new YamlSyntaxException(
          "YAML", m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1, problem.trim(), e);
    } catch (YAMLException e) {
      throw new YamlSyntaxException("YAML", 0, 0, e.getMessage(), e);
    }
    return documents;
  }

  /** Parses a YAML stream that must hold exactly one document. */
  public static YamlNode readYaml(String text) {
    List<YamlNode> docs = readYamlDocuments(text);
    if (docs.size() != 1) {
      throw new YamlSyntaxException(
          "YAML",
          docs.isEmpty() ? 1 : docs.get(1).line(),
          docs.isEmpty() ? 1 : docs.get(1).column(),
          docs.isEmpty()
              ? "the input holds no YAML document"
              : "the input holds " + docs.size() + " YAML documents, expected one",
          null);
    }
    return docs.get(0);
  }

  /** Decodes UTF-8 strictly (a leading BOM is dropped), then {@link #readYamlDocuments(String)}. */
  public static List<YamlNode> readYamlDocuments(byte[] utf8) {
    return readYamlDocuments(decodeUtf8(utf8));
  }

  /** Decodes UTF-8 strictly (a leading BOM is dropped), then {@link #readYaml(String)}. */
  public static YamlNode readYaml(byte[] utf8) {
    return readYaml(decodeUtf8(utf8));
  }

  static String decodeUtf8(byte[] bytes) {
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return s.startsWith("\uFEFF") ? s.substring(1) : s;
    } catch (CharacterCodingException e) {
      throw new YamlSyntaxException("YAML", 0, 0, "input is not valid UTF-8", e);
    }
  }

  /** Parses one JSON value (strings become non-plain scalars; numbers, booleans, null plain ones). */
  public static YamlNode readJson(String text) {
    try (JsonParser p = JSON.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new YamlSyntaxException("JSON", 1, 1, "the input holds no JSON value", null);
      }
      YamlNode node = json(p, t);
      JsonToken trailing = p.nextToken();
      if (trailing != null) {
        JsonLocation l = p.currentTokenLocation();
        throw new YamlSyntaxException(
            "JSON", l.getLineNr(), l.getColumnNr(), "trailing content after the JSON value", null);
      }
      return node;
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      throw new YamlSyntaxException(
          "JSON",
          l == null ? 0 : l.getLineNr(),
          l == null ? 0 : l.getColumnNr(),
          e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new YamlSyntaxException("JSON", 0, 0, String.valueOf(e.getMessage()), e);
    }
  }

  private static YamlNode json(JsonParser p, JsonToken t) throws IOException {
    JsonLocation l = p.currentTokenLocation();
    int line = l.getLineNr();
    int col = l.getColumnNr();
    switch (t) {
      case START_OBJECT: {
        List<YamlMapping.Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
          JsonLocation kl = p.currentTokenLocation();
          String name = p.currentName();
          if (!seen.add(name)) {
            throw new YamlSyntaxException(
                "JSON", kl.getLineNr(), kl.getColumnNr(), "duplicate key '" + name + "'", null);
          }
          YamlScalar key =
              new YamlScalar(name, YamlScalar.Style.DOUBLE_QUOTED, kl.getLineNr(), kl.getColumnNr());
          entries.add(new YamlMapping.Entry(key, json(p, p.nextToken())));
        }
        return new YamlMapping(entries, line, col);
      }
      case START_ARRAY: {
        List<YamlNode> items = new ArrayList<>();
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
          items.add(json(p, e));
        }
        return new YamlSequence(items, line, col);
      }
      case VALUE_STRING:
        return new YamlScalar(p.getText(), YamlScalar.Style.DOUBLE_QUOTED, line, col);
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
      case VALUE_TRUE:
      case VALUE_FALSE:
      case VALUE_NULL:
        return new YamlScalar(p.getText(), YamlScalar.Style.PLAIN, line, col);
      default:
        throw new YamlSyntaxException("JSON", line, col, "unexpected token " + t, null);
    }
  }

  /** Builds nodes from SnakeYAML events. */
  private static final class EventReader {
    private final Iterator<Event> events;
    final Map<String, YamlNode> anchors = new HashMap<>();

    EventReader(Iterator<Event> events) {
      this.events = events;
    }

    Event next() {
      return events.next();
    }

    YamlSyntaxException error(Mark m, String reason) {
      return new YamlSyntaxException("YAML", m.getLine() + 1, m.getColumn() + 1, reason, null);
    }

    YamlNode node(Event e) {
      int line = e.getStartMark().getLine() + 1;
      int col = e.getStartMark().getColumn() + 1;
      YamlNode node;
      if (e instanceof AliasEvent alias) {
        YamlNode target = anchors.get(alias.getAnchor());
        if (target == null) {
          throw error(e.getStartMark(), "unknown anchor '" + alias.getAnchor() + "'");
        }
        return target;
      } else if (e instanceof ScalarEvent s) {
        node = new YamlScalar(s.getValue(), style(s), line, col);
      } else if (e instanceof SequenceStartEvent seq) {
        checkTag(seq);
        List<YamlNode> items = new ArrayList<>();
        for (Event item = next(); !item.is(Event.ID.SequenceEnd); item = next()) {
          items.add(node(item));
        }
        node = new YamlSequence(items, line, col);
      } else if (e instanceof MappingStartEvent map) {
        checkTag(map);
        List<YamlMapping.Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Event k = next(); !k.is(Event.ID.MappingEnd); k = next()) {
          YamlNode key = node(k);
          if (!(key instanceof YamlScalar keyScalar)) {
            throw error(k.getStartMark(), "mapping keys must be scalars, found " + key.describe());
          }
          if (!seen.add(keyScalar.value())) {
            throw error(k.getStartMark(), "duplicate key '" + keyScalar.value() + "'");
          }
          entries.add(new YamlMapping.Entry(keyScalar, node(next())));
        }
        node = new YamlMapping(entries, line, col);
      } else {
        throw error(e.getStartMark(), "unexpected " + e.getEventId());
      }
      String anchor = ((NodeEvent) e).getAnchor();
      if (anchor != null) {
        anchors.put(anchor, node);
      }
      return node;
    }

    private YamlScalar.Style style(ScalarEvent s) {
      String tag = s.getTag();
      if (tag != null && !tag.equals("!") && !tag.equals("tag:yaml.org,2002:str")) {
        throw error(s.getStartMark(), "unsupported YAML tag '" + tag + "'");
      }
      DumperOptions.ScalarStyle st = s.getScalarStyle();
      if (tag != null && st == DumperOptions.ScalarStyle.PLAIN) {
        return YamlScalar.Style.DOUBLE_QUOTED; // explicitly tagged string
      }
      switch (st) {
        case PLAIN:
          return YamlScalar.Style.PLAIN;
        case SINGLE_QUOTED:
          return YamlScalar.Style.SINGLE_QUOTED;
        case DOUBLE_QUOTED:
          return YamlScalar.Style.DOUBLE_QUOTED;
        case LITERAL:
          return YamlScalar.Style.LITERAL;
        default:
          return YamlScalar.Style.FOLDED;
      }
    }

    private void checkTag(CollectionStartEvent e) {
      if (e.getTag() != null) {
        throw error(e.getStartMark(), "unsupported YAML tag '" + e.getTag() + "'");
      }
    }
  }
}
