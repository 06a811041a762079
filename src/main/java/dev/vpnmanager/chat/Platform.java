package dev.vpnmanager.chat;

import java.util.Locale;

/** Where a chat update came from. */
public enum Platform {
  CONSOLE, TELEGRAM, MATRIX;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static java.util.Optional<Platform> fromCode(String code) {
    for (Platform p : values()) {
      if (p.code().equals(code)) {
        return java.util.Optional.of(p);
      }
    }
    return java.util.Optional.empty();
  }
}
