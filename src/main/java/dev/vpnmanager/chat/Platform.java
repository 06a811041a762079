package dev.vpnmanager.chat;

import java.util.Locale;

/** Where a chat update came from. */
public enum Platform {
  CONSOLE, TELEGRAM, MATRIX;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
