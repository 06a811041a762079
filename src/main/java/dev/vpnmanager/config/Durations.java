package dev.vpnmanager.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations in configuration: 500ms, 10s, 1m, 2h, 7d. */
public final class Durations {
  private static final Pattern FORM = Pattern.compile("(\\d{1,6})(ms|s|m|h|d)");

  private Durations() {}

  static boolean isValid(String text) {
    Matcher m = FORM.matcher(text);
    return m.matches() && Long.parseLong(m.group(1)) > 0;
  }

  public static Duration parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration: " + text);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
