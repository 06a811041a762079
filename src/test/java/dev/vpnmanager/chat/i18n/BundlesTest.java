package dev.vpnmanager.chat.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every message area (templates/messages/AREA_LANG.properties) exists in every supported language with the same
 * keys, and each text uses the same placeholders ({0}, {1} ...) as the English one, parses as a MessageFormat
 * pattern, and closes every bidi isolate it opens (U+2068 ... U+2069, used around Latin names in Persian).
 */
class BundlesTest {
  private static final Path DIR = Path.of("templates/messages");
  private static final Pattern FILE = Pattern.compile("([a-z]+)_([a-z]{2})\\.properties");
  private static final Pattern ARG = Pattern.compile("\\{\\s*(\\d+)");

  @Test
  void everyAreaHasEveryLanguageWithTheSameKeysAndPlaceholders() throws IOException {
    Set<String> areas = new TreeSet<>();
    try (Stream<Path> files = Files.list(DIR)) {
      files.forEach(f -> {
        Matcher m = FILE.matcher(f.getFileName().toString());
        assertTrue(m.matches(), "not AREA_LANG.properties: " + f);
        assertTrue(LanguagePreferences.SUPPORTED.contains(m.group(2)), "unsupported language: " + f);
        areas.add(m.group(1));
      });
    }
    assertTrue(areas.containsAll(List.of("chat", "menu", "notify", "router", "server", "telegram")), areas.toString());
    List<String> problems = new ArrayList<>();
    for (String area : areas) {
      Properties en = load(area, "en");
      for (String lang : LanguagePreferences.LANGUAGES) {
        Path file = DIR.resolve(area + "_" + lang + ".properties");
        if (!Files.exists(file)) {
          problems.add(file + " is missing");
          continue;
        }
        Properties other = load(area, lang);
        for (String key : new TreeSet<>(en.stringPropertyNames())) {
          String text = other.getProperty(key);
          if (text == null) {
            problems.add(file + ": no " + key);
          } else if (!placeholders(text).equals(placeholders(en.getProperty(key)))) {
            problems.add(file + ": " + key + " has placeholders " + placeholders(text) + ", English has "
                + placeholders(en.getProperty(key)));
          }
        }
        for (String key : other.stringPropertyNames()) {
          String text = other.getProperty(key);
          if (!en.containsKey(key)) {
            problems.add(file + ": " + key + " is not in English");
          }
          try {
            new MessageFormat(text, Locale.forLanguageTag(lang));
          } catch (IllegalArgumentException e) {
            problems.add(file + ": " + key + " is not a MessageFormat pattern: " + e.getMessage());
          }
          if (text.chars().filter(c -> c == '\u2068').count() != text.chars().filter(c -> c == '\u2069').count()) {
            problems.add(file + ": " + key + " opens and closes a different number of bidi isolates");
          }
          // texts with arguments go through MessageFormat (a lone ' swallows text), texts without are shown as is
          if (!placeholders(text).isEmpty() && text.replace("''", "").contains("'")) {
            problems.add(file + ": " + key + " has a single ' (write '' for an apostrophe)");
          } else if (placeholders(text).isEmpty() && text.contains("''")) {
            problems.add(file + ": " + key + " takes no arguments, so '' would show twice (write ')");
          }
        }
      }
    }
    assertEquals(List.of(), problems, String.join("\n", problems));
  }

  @Test
  void persianTextsKeepLatinNamesIsolatedAndEveryLanguageAnswersInItsOwnWords() {
    Messages chat = new Messages("chat");
    String fa = chat.get("fa", "adduser.done", "alice");
    assertTrue(fa.contains("\u2068alice\u2069"), fa);
    assertEquals("✅ User alice created.", chat.get("en", "adduser.done", "alice"));
    TreeMap<String, String> set = new TreeMap<>();
    LanguagePreferences.LANGUAGES.forEach(l -> set.put(l, chat.get(l, "lang.set")));
    assertEquals(4, new TreeSet<>(set.values()).size(), set.toString());
  }

  static Set<Integer> placeholders(String pattern) {
    // quoted text ('...') is literal in MessageFormat; '' is an apostrophe
    String unquoted = pattern.replace("''", "").replaceAll("'[^']*'", "");
    Set<Integer> out = new TreeSet<>();
    Matcher m = ARG.matcher(unquoted);
    while (m.find()) {
      out.add(Integer.parseInt(m.group(1)));
    }
    return out;
  }

  private static Properties load(String area, String lang) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(DIR.resolve(area + "_" + lang + ".properties"), StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return p;
  }
}
