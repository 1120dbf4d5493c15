package org.odfbeam.core.yaml;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Writes {@link YamlNode} trees byte-for-byte as kamu-cli's YAML library writes the same values.
 *
 * <p>kamu serializes with {@code serde_yaml_ng} 0.10.0 (acatton/serde-yaml-ng, a fork of serde_yaml 0.9.34)
 * on top of {@code unsafe-libyaml} 0.2.11 (dtolnay/unsafe-libyaml, a transpilation of libyaml's
 * {@code emitter.c}). This class re-implements the parts of that emitter that serde_yaml reaches: block
 * mappings (indent 2), block sequences that are not indented inside a mapping ({@code key:\n- a}), empty
 * collections in flow style ({@code {}}, {@code []}), libyaml's scalar analysis
 * ({@code yaml_emitter_analyze_scalar}) and style selection ({@code yaml_emitter_select_scalar_style}),
 * and the plain / single-quoted / double-quoted / literal writers, with the same column bookkeeping
 * ({@code yaml_emitter_write_indent}, {@code yaml_emitter_write_indicator}).
 *
 * <p>String style requests follow serde_yaml's {@code serialize_str}: a string containing {@code '\n'}
 * requests the literal style ({@code |}, {@code |-}, {@code |+}, with an indentation hint when it starts
 * with a space or line break); a string that would read back as null, bool, int or float, or that is a
 * leading-zero digit string ({@code 0123}), requests single quotes; anything else lets libyaml choose
 * (plain unless indicators, leading/trailing spaces, {@code ": "}, {@code " #"}, {@code ---}/{@code ...}
 * prefixes etc. forbid it, then single quotes unless non-printable characters force double quotes).
 * Integers, floats (ryu shortest form, {@code .inf}, {@code -.inf}, {@code .nan}), booleans and
 * {@code null} are written plain.
 *
 * <p><b>Line width.</b> serde_yaml's {@code Emitter::new} calls {@code yaml_emitter_set_width(emitter, -1)}
 * (and {@code yaml_emitter_set_unicode(emitter, true)}); {@code yaml_emitter_emit_stream_start} turns a
 * negative width into {@code INT_MAX}. libyaml only breaks plain/quoted/folded scalars at a space when
 * {@code column > best_width}, so kamu's output <em>never</em> wraps long scalars: every scalar except
 * literal blocks stays on one line (as kamu's own golden texts with ~100-column {@code did:odf} lines
 * show). This emitter therefore never folds. Verified by reading acatton/serde-yaml-ng@0.10.0
 * {@code src/libyaml/emitter.rs} and dtolnay/unsafe-libyaml@0.2.11 {@code src/emitter.rs}.
 *
 * <p>Other libyaml details reproduced: mapping keys longer than 128 bytes or containing line breaks are
 * written in the explicit {@code ? key} / {@code : value} form; multi-line keys are double-quoted; a
 * {@code |+} literal as the last block scalar of a document makes the stream end with {@code ...}.
 * Characters outside libyaml's printable set (tab, CR, C0/C1 controls, U+FEFF, U+FFFE/U+FFFF) force double
 * quotes with libyaml's escapes ({@code \t}, {@code \x1F}, {@code \uFEFF}, ...). Non-ASCII printable
 * characters are written raw (UTF-8).
 */
public final class YamlEmitter {

  private static final int BEST_INDENT = 2;

  private enum Style {
    ANY,
    PLAIN,
    SINGLE_QUOTED,
    DOUBLE_QUOTED,
    LITERAL
  }

  private final StringBuilder out = new StringBuilder();
  private final Deque<Integer> indents = new ArrayDeque<>();
  private int indent = -1;
  private int column = 0;
  private boolean whitespace = true;
  private boolean indention = true;
  private int flowLevel = 0;
  private int openEnded = 0;
  private boolean simpleKeyContext = false;
  private boolean mappingContext = false;

  private YamlEmitter() {}

  /** Emits one document as {@code serde_yaml::to_string} would. */
  public static String emit(YamlNode document) {
    return emitAll(List.of(document));
  }

  /** Emits several documents into one stream, separated by {@code ---} as serde_yaml's Serializer does. */
  public static String emitAll(List<? extends YamlNode> documents) {
    YamlEmitter e = new YamlEmitter();
    boolean first = true;
    for (YamlNode doc : documents) {
      e.document(doc, first);
      first = false;
    }
    if (e.openEnded == 2) {
      e.writeIndicator("...", true, false, false);
      e.openEnded = 0;
      e.writeIndent();
    }
    return e.out.toString();
  }

  private void document(YamlNode root, boolean first) {
    if (!first) {
      writeIndent();
      writeIndicator("---", true, false, false);
    }
    openEnded = 0;
    node(root, false, false);
    writeIndent();
    if (openEnded == 0) {
      openEnded = 1;
    }
  }

  private void node(YamlNode node, boolean mapping, boolean simpleKey) {
    mappingContext = mapping;
    simpleKeyContext = simpleKey;
    if (node instanceof YamlScalar s) {
      scalar(s);
    } else if (node instanceof YamlSequence seq) {
      if (flowLevel > 0 || seq.items().isEmpty()) {
        flowSequence(seq);
      } else {
        blockSequence(seq);
      }
    } else {
      YamlMapping map = (YamlMapping) node;
      if (flowLevel > 0 || map.isEmpty()) {
        flowMapping(map);
      } else {
        blockMapping(map);
      }
    }
  }

  // ---- collections ------------------------------------------------------------------------------------

  private void blockSequence(YamlSequence seq) {
    increaseIndent(false, mappingContext && !indention);
    for (YamlNode item : seq.items()) {
      writeIndent();
      writeIndicator("-", true, false, true);
      node(item, false, false);
    }
    indent = indents.pop();
  }

  private void blockMapping(YamlMapping map) {
    increaseIndent(false, false);
    for (YamlMapping.Entry entry : map.entries()) {
      writeIndent();
      Analysis key = Analysis.of(entry.key().value());
      boolean simple = !key.multiline && utf8Length(entry.key().value()) <= 128;
      if (simple) {
        node(entry.key(), true, true);
        writeIndicator(":", false, false, false);
      } else {
        writeIndicator("?", true, false, true);
        node(entry.key(), true, false);
        writeIndent();
        writeIndicator(":", true, false, true);
      }
      node(entry.value(), true, false);
    }
    indent = indents.pop();
  }

  private void flowSequence(YamlSequence seq) {
    writeIndicator("[", true, true, false);
    increaseIndent(true, false);
    flowLevel++;
    boolean first = true;
    for (YamlNode item : seq.items()) {
      if (!first) {
        writeIndicator(",", false, false, false);
      }
      first = false;
      node(item, false, false);
    }
    flowLevel--;
    indent = indents.pop();
    writeIndicator("]", false, false, false);
  }

  private void flowMapping(YamlMapping map) {
    writeIndicator("{", true, true, false);
    increaseIndent(true, false);
    flowLevel++;
    boolean first = true;
    for (YamlMapping.Entry entry : map.entries()) {
      if (!first) {
        writeIndicator(",", false, false, false);
      }
      first = false;
      // Only reachable for nested non-empty collections inside flow context, which serde_yaml never
      // produces (only empty collections are flow); kept simple: always simple keys.
      node(entry.key(), true, true);
      writeIndicator(":", false, false, false);
      node(entry.value(), true, false);
    }
    flowLevel--;
    indent = indents.pop();
    writeIndicator("}", false, false, false);
  }

  // ---- scalars ----------------------------------------------------------------------------------------

  private void scalar(YamlScalar s) {
    String value;
    Style requested;
    YamlScalar.Type type = s.type();
    switch (type) {
      case NULL:
        value = "null";
        requested = Style.PLAIN;
        break;
      case BOOL:
        value = s.asBoolean() ? "true" : "false";
        requested = Style.PLAIN;
        break;
      case INT:
        value = s.asBigInteger().toString();
        requested = Style.PLAIN;
        break;
      case FLOAT:
        value = ScalarResolver.formatFloat(s.asDouble());
        requested = Style.PLAIN;
        break;
      default:
        value = s.value();
        requested = requestedStringStyle(value);
        break;
    }
    Analysis a = Analysis.of(value);
    Style style = selectStyle(requested, a, value);
    increaseIndent(true, false);
    switch (style) {
      case PLAIN:
        writePlain(value);
        break;
      case SINGLE_QUOTED:
        writeSingleQuoted(value);
        break;
      case DOUBLE_QUOTED:
        writeDoubleQuoted(value);
        break;
      default:
        writeLiteral(value);
        break;
    }
    indent = indents.pop();
  }

  /** serde_yaml {@code Serializer::serialize_str}. */
  static Style requestedStringStyle(String value) {
    if (value.indexOf('\n') >= 0) {
      return Style.LITERAL;
    }
    if (ScalarResolver.resolve(value) != YamlScalar.Type.STRING
        || ScalarResolver.digitsButNotNumber(value)) {
      return Style.SINGLE_QUOTED;
    }
    return Style.ANY;
  }

  /** {@code yaml_emitter_select_scalar_style} (no tags; plain_implicit and quoted_implicit are true). */
  private Style selectStyle(Style requested, Analysis a, String value) {
    Style style = requested == Style.ANY ? Style.PLAIN : requested;
    if (simpleKeyContext && a.multiline) {
      style = Style.DOUBLE_QUOTED;
    }
    if (style == Style.PLAIN) {
      if ((flowLevel != 0 && !a.flowPlainAllowed) || (flowLevel == 0 && !a.blockPlainAllowed)) {
        style = Style.SINGLE_QUOTED;
      }
      if (value.isEmpty() && (flowLevel != 0 || simpleKeyContext)) {
        style = Style.SINGLE_QUOTED;
      }
    }
    if (style == Style.SINGLE_QUOTED && !a.singleQuotedAllowed) {
      style = Style.DOUBLE_QUOTED;
    }
    if (style == Style.LITERAL && (!a.blockAllowed || flowLevel != 0 || simpleKeyContext)) {
      style = Style.DOUBLE_QUOTED;
    }
    return style;
  }

  private void writePlain(String value) {
    if (!whitespace && (!value.isEmpty() || flowLevel != 0)) {
      put(' ');
    }
    // With best_width = INT_MAX the space-folding branch never fires; plain scalars never contain breaks
    // here because line breaks make plain style unavailable.
    value.codePoints().forEach(this::write);
    whitespace = false;
    indention = false;
  }

  private void writeSingleQuoted(String value) {
    writeIndicator("'", true, false, false);
    boolean breaks = false;
    int[] cps = value.codePoints().toArray();
    for (int cp : cps) {
      if (isBreak(cp)) {
        if (!breaks && cp == '\n') {
          putBreak();
        }
        writeBreak(cp);
        indention = true;
        breaks = true;
      } else if (cp == ' ') {
        write(cp);
      } else {
        if (breaks) {
          writeIndent();
        }
        if (cp == '\'') {
          put('\'');
        }
        write(cp);
        indention = false;
        breaks = false;
      }
    }
    if (breaks) {
      writeIndent();
    }
    writeIndicator("'", false, false, false);
    whitespace = false;
    indention = false;
  }

  private void writeDoubleQuoted(String value) {
    writeIndicator("\"", true, false, false);
    int[] cps = value.codePoints().toArray();
    for (int cp : cps) {
      if (!isPrintable(cp) || cp == 0xFEFF || isBreak(cp) || cp == '"' || cp == '\\') {
        put('\\');
        switch (cp) {
          case 0x00 -> put('0');
          case 0x07 -> put('a');
          case 0x08 -> put('b');
          case 0x09 -> put('t');
          case 0x0A -> put('n');
          case 0x0B -> put('v');
          case 0x0C -> put('f');
          case 0x0D -> put('r');
          case 0x1B -> put('e');
          case 0x22 -> put('"');
          case 0x5C -> put('\\');
          case 0x85 -> put('N');
          case 0xA0 -> put('_');
          case 0x2028 -> put('L');
          case 0x2029 -> put('P');
          default -> {
            int width;
            if (cp <= 0xFF) {
              put('x');
              width = 2;
            } else if (cp <= 0xFFFF) {
              put('u');
              width = 4;
            } else {
              put('U');
              width = 8;
            }
            for (int k = (width - 1) * 4; k >= 0; k -= 4) {
              int digit = (cp >> k) & 0x0F;
              put((char) (digit < 10 ? '0' + digit : 'A' + digit - 10));
            }
          }
        }
      } else {
        write(cp);
      }
    }
    writeIndicator("\"", false, false, false);
    whitespace = false;
    indention = false;
  }

  private void writeLiteral(String value) {
    writeIndicator("|", true, false, false);
    blockScalarHints(value);
    putBreak();
    indention = true;
    whitespace = true;
    boolean breaks = true;
    int[] cps = value.codePoints().toArray();
    for (int cp : cps) {
      if (isBreak(cp)) {
        writeBreak(cp);
        indention = true;
        breaks = true;
      } else {
        if (breaks) {
          writeIndent();
        }
        write(cp);
        indention = false;
        breaks = false;
      }
    }
  }

  /** {@code yaml_emitter_write_block_scalar_hints}. */
  private void blockScalarHints(String value) {
    int[] cps = value.codePoints().toArray();
    if (cps.length > 0 && (cps[0] == ' ' || isBreak(cps[0]))) {
      writeIndicator(Integer.toString(BEST_INDENT), false, false, false);
    }
    openEnded = 0;
    String chomp = null;
    if (cps.length == 0) {
      chomp = "-";
    } else if (!isBreak(cps[cps.length - 1])) {
      chomp = "-";
    } else if (cps.length == 1) {
      chomp = "+";
      openEnded = 2;
    } else if (isBreak(cps[cps.length - 2])) {
      chomp = "+";
      openEnded = 2;
    }
    if (chomp != null) {
      writeIndicator(chomp, false, false, false);
    }
  }

  // ---- low-level writer (libyaml PUT/WRITE/PUT_BREAK/WRITE_BREAK, indent and indicator) ---------------

  private void increaseIndent(boolean flow, boolean indentless) {
    indents.push(indent);
    if (indent < 0) {
      indent = flow ? BEST_INDENT : 0;
    } else if (!indentless) {
      indent += BEST_INDENT;
    }
  }

  private void writeIndent() {
    int ind = Math.max(indent, 0);
    if (!indention || column > ind || (column == ind && !whitespace)) {
      putBreak();
    }
    while (column < ind) {
      put(' ');
    }
    whitespace = true;
    indention = true;
  }

  private void writeIndicator(
      String indicator, boolean needWhitespace, boolean isWhitespace, boolean isIndention) {
    if (needWhitespace && !whitespace) {
      put(' ');
    }
    indicator.codePoints().forEach(this::write);
    whitespace = isWhitespace;
    indention = indention && isIndention;
  }

  private void put(char c) {
    out.append(c);
    column++;
  }

  private void write(int codePoint) {
    out.appendCodePoint(codePoint);
    column++;
  }

  private void putBreak() {
    out.append('\n');
    column = 0;
  }

  private void writeBreak(int cp) {
    if (cp == '\n') {
      putBreak();
    } else {
      out.appendCodePoint(cp);
      column = 0;
    }
  }

  // ---- scalar analysis (yaml_emitter_analyze_scalar) ---------------------------------------------------

  static boolean isBreak(int cp) {
    return cp == '\r' || cp == '\n' || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
  }

  static boolean isBlankOrEnd(int cp) {
    return cp == ' ' || cp == '\t' || isBreak(cp) || cp == 0;
  }

  /** unsafe-libyaml 0.2.11 {@code IS_PRINTABLE} (by code point). */
  static boolean isPrintable(int cp) {
    return cp == 0x0A
        || (cp >= 0x20 && cp <= 0x7E)
        || (cp >= 0xA0 && cp <= 0xD7FF)
        || (cp >= 0xE000 && cp <= 0xFFFD && cp != 0xFEFF)
        || (cp >= 0x10000 && cp <= 0x10FFFF);
  }

  private static int utf8Length(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  /** The flags libyaml computes for a scalar before choosing its style. */
  static final class Analysis {
    boolean multiline;
    boolean flowPlainAllowed;
    boolean blockPlainAllowed;
    boolean singleQuotedAllowed;
    boolean blockAllowed;

    static Analysis of(String value) {
      Analysis a = new Analysis();
      int[] cps = value.codePoints().toArray();
      if (cps.length == 0) {
        a.multiline = false;
        a.flowPlainAllowed = false;
        a.blockPlainAllowed = true;
        a.singleQuotedAllowed = true;
        a.blockAllowed = false;
        return a;
      }
      boolean blockIndicators = false;
      boolean flowIndicators = false;
      boolean lineBreaks = false;
      boolean specialCharacters = false;
      boolean leadingSpace = false;
      boolean leadingBreak = false;
      boolean trailingSpace = false;
      boolean trailingBreak = false;
      boolean breakSpace = false;
      boolean spaceBreak = false;
      boolean previousSpace = false;
      boolean previousBreak = false;
      if (value.startsWith("---") || value.startsWith("...")) {
        blockIndicators = true;
        flowIndicators = true;
      }
      boolean precededByWhitespace = true;
      boolean followedByWhitespace = isBlankOrEnd(cps.length > 1 ? cps[1] : 0);
      for (int i = 0; i < cps.length; i++) {
        int c = cps[i];
        if (i == 0) {
          switch (c) {
            case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`' -> {
              flowIndicators = true;
              blockIndicators = true;
            }
            default -> {}
          }
          if (c == '?' || c == ':') {
            flowIndicators = true;
            if (followedByWhitespace) {
              blockIndicators = true;
            }
          }
          if (c == '-' && followedByWhitespace) {
            flowIndicators = true;
            blockIndicators = true;
          }
        } else {
          switch (c) {
            case ',', '?', '[', ']', '{', '}' -> flowIndicators = true;
            default -> {}
          }
          if (c == ':') {
            flowIndicators = true;
            if (followedByWhitespace) {
              blockIndicators = true;
            }
          }
          if (c == '#' && precededByWhitespace) {
            flowIndicators = true;
            blockIndicators = true;
          }
        }
        if (!isPrintable(c)) {
          specialCharacters = true;
        }
        if (isBreak(c)) {
          lineBreaks = true;
        }
        if (c == ' ') {
          if (i == 0) {
            leadingSpace = true;
          }
          if (i == cps.length - 1) {
            trailingSpace = true;
          }
          if (previousBreak) {
            breakSpace = true;
          }
          previousSpace = true;
          previousBreak = false;
        } else if (isBreak(c)) {
          if (i == 0) {
            leadingBreak = true;
          }
          if (i == cps.length - 1) {
            trailingBreak = true;
          }
          if (previousSpace) {
            spaceBreak = true;
          }
          previousSpace = false;
          previousBreak = true;
        } else {
          previousSpace = false;
          previousBreak = false;
        }
        precededByWhitespace = isBlankOrEnd(c);
        if (i + 1 < cps.length) {
          followedByWhitespace = isBlankOrEnd(i + 2 < cps.length ? cps[i + 2] : 0);
        }
      }
      a.multiline = lineBreaks;
      a.flowPlainAllowed = true;
      a.blockPlainAllowed = true;
      a.singleQuotedAllowed = true;
      a.blockAllowed = true;
      if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
        a.flowPlainAllowed = false;
        a.blockPlainAllowed = false;
      }
      if (trailingSpace) {
        a.blockAllowed = false;
      }
      if (breakSpace) {
        a.flowPlainAllowed = false;
        a.blockPlainAllowed = false;
        a.singleQuotedAllowed = false;
      }
      if (spaceBreak || specialCharacters) {
        a.flowPlainAllowed = false;
        a.blockPlainAllowed = false;
        a.singleQuotedAllowed = false;
        a.blockAllowed = false;
      }
      if (lineBreaks) {
        a.flowPlainAllowed = false;
        a.blockPlainAllowed = false;
      }
      if (flowIndicators) {
        a.flowPlainAllowed = false;
      }
      if (blockIndicators) {
        a.blockPlainAllowed = false;
      }
      return a;
    }
  }
}
