package dev.vpnmanager.testing.telegram;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Telegram's parse_mode=HTML as the Bot API documents it: the tags it supports (anything else is refused, as is a
 * tag left open or closed out of order), the four named entities {@code &lt; &gt; &amp; &quot;} and numeric ones
 * (any other {@code &...} stays as written). Yields the text a user sees and its entities, so lengths are counted
 * after parsing and an edit can be compared with the message it edits. Errors carry the text Telegram answers,
 * byte offsets in UTF-8.
 */
final class BotApiHtml {
  private static final Set<String> TAGS = Set.of("b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a",
      "code", "pre", "span", "tg-spoiler", "tg-emoji", "blockquote");

  /** The parsed text and its entities as "tag[attributes]@start+length", in order of their end. */
  record Parsed(String text, List<String> entities) {}

  /** A refusal: the description after "Bad Request: can't parse entities: ". */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  private BotApiHtml() {}

  static Parsed plain(String text) {
    return new Parsed(text == null ? "" : text, List.of());
  }

  static Parsed parse(String html) throws Refused {
    StringBuilder text = new StringBuilder();
    List<String> entities = new ArrayList<>();
    Deque<String[]> open = new ArrayDeque<>(); // {name, attributes, start}
    int i = 0;
    while (i < html.length()) {
      char c = html.charAt(i);
      if (c == '&') {
        int semi = html.indexOf(';', i);
        String decoded = semi < 0 || semi - i > 10 ? null : entity(html.substring(i + 1, semi));
        if (decoded != null) {
          text.append(decoded);
          i = semi + 1;
        } else {
          text.append('&');
          i++;
        }
        continue;
      }
      if (c != '<') {
        text.append(c);
        i++;
        continue;
      }
      int at = bytes(html, i);
      int close = html.indexOf('>', i);
      boolean end = i + 1 < html.length() && html.charAt(i + 1) == '/';
      int nameStart = i + (end ? 2 : 1);
      int nameEnd = nameStart;
      while (nameEnd < html.length() && (Character.isLetterOrDigit(html.charAt(nameEnd))
          || html.charAt(nameEnd) == '-')) {
        nameEnd++;
      }
      String name = html.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT);
      if (end) {
        if (open.isEmpty()) {
          throw new Refused("Unexpected end tag at byte offset " + at);
        }
        if (close < 0) {
          throw new Refused("Unclosed end tag at byte offset " + at);
        }
        String[] top = open.pop();
        if (!top[0].equals(name)) {
          throw new Refused("Unmatched end tag at byte offset " + at + ", expected \"</" + top[0] + ">\", found \"</"
              + name + ">\"");
        }
        int start = Integer.parseInt(top[2]);
        entities.add(top[0] + "[" + top[1] + "]@" + start + "+" + (text.length() - start));
        i = close + 1;
        continue;
      }
      if (!TAGS.contains(name)) {
        throw new Refused("Unsupported start tag \"" + name + "\" at byte offset " + at);
      }
      if (close < 0) {
        throw new Refused("Unclosed start tag at byte offset " + at);
      }
      String attributes = html.substring(nameEnd, close).strip();
      if (name.equals("span") && !attributes.replace('\'', '"').equals("class=\"tg-spoiler\"")) {
        throw new Refused("Tag \"span\" must have class \"tg-spoiler\" at byte offset " + at);
      }
      open.push(new String[] {name, attributes, Integer.toString(text.length())});
      i = close + 1;
    }
    if (!open.isEmpty()) {
      throw new Refused("Can't find end tag corresponding to start tag \"" + open.peek()[0] + "\"");
    }
    return new Parsed(text.toString(), List.copyOf(entities));
  }

  private static String entity(String name) {
    switch (name) {
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "amp":
        return "&";
      case "quot":
        return "\"";
      default:
        break;
    }
    try {
      if (name.startsWith("#x") || name.startsWith("#X")) {
        return Character.toString(Integer.parseInt(name.substring(2), 16));
      }
      if (name.startsWith("#")) {
        return Character.toString(Integer.parseInt(name.substring(1)));
      }
    } catch (IllegalArgumentException notANumber) {
      return null;
    }
    return null;
  }

  private static int bytes(String s, int chars) {
    return s.substring(0, chars).getBytes(StandardCharsets.UTF_8).length;
  }
}
