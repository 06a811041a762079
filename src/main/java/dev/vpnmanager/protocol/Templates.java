package dev.vpnmanager.protocol;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;

/**
 * Pebble templates from {@code templates/CORE/...} on the class path. Output is escaped by default for JSON
 * string contents; INI-style templates (WireGuard) switch to the {@code conf} strategy, which refuses values
 * that would break out of a line. Strict variables: a misspelt name in a template is an error, not "".
 */
public final class Templates {
  private static final PebbleEngine ENGINE = new PebbleEngine.Builder()
      .loader(classpathLoader())
      .strictVariables(true)
      .autoEscaping(true)
      .addEscapingStrategy("json", Templates::jsonEscape)
      .addEscapingStrategy("conf", Templates::confEscape)
      .defaultEscapingStrategy("json")
      .newLineTrimming(false)
      .build();

  private Templates() {}

  /** Renders {@code templates/<path>} with the given variables. */
  public static String render(String path, Map<String, Object> variables) {
    try {
      PebbleTemplate t = ENGINE.getTemplate(path);
      StringWriter out = new StringWriter(4096);
      t.evaluate(out, variables);
      return out.toString();
    } catch (PebbleException | IOException e) {
      throw new IllegalStateException("template " + path + " failed: " + e.getMessage(), e);
    }
  }

  private static ClasspathLoader classpathLoader() {
    ClasspathLoader l = new ClasspathLoader(Templates.class.getClassLoader());
    l.setPrefix("templates");
    return l;
  }

  /** The inside of a JSON string literal. */
  static String jsonEscape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  /** A value on one line of an INI-style file: a line break or other control character would start a new key. */
  static String confEscape(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new IllegalArgumentException("value not allowed in a config line: " + s.length() + " chars");
      }
    }
    return s;
  }
}
