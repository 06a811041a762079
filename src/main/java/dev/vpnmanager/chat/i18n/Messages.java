package dev.vpnmanager.chat.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Message texts per language from templates/messages/AREA_LANG.properties (UTF-8, MessageFormat patterns).
 * Each feature keeps its own area file; a key missing in a language falls back to English, then to the key.
 */
public final class Messages {
  public static final String DEFAULT_LANGUAGE = "en";
  private final String area;
  private final Map<String, Properties> byLanguage = new ConcurrentHashMap<>();

  public Messages(String area) {
    this.area = area;
  }

  public String get(String language, String key, Object... args) {
    String lang = normalize(language);
    String pattern = load(lang).getProperty(key);
    if (pattern == null) {
      pattern = load(DEFAULT_LANGUAGE).getProperty(key, key);
    }
    return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.forLanguageTag(lang)).format(args);
  }

  /** "ru-RU" -> "ru"; unknown or empty -> "en". */
  public static String normalize(String language) {
    if (language == null || language.isBlank()) {
      return DEFAULT_LANGUAGE;
    }
    String l = language.toLowerCase(Locale.ROOT);
    int dash = l.indexOf('-');
    return dash > 0 ? l.substring(0, dash) : l;
  }

  private Properties load(String lang) {
    return byLanguage.computeIfAbsent(lang, l -> {
      Properties p = new Properties();
      String path = "/templates/messages/" + area + "_" + l + ".properties";
      try (InputStream in = Messages.class.getResourceAsStream(path)) {
        if (in != null) {
          p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + path, e);
      }
      return p;
    });
  }
}
