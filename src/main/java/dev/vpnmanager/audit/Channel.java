package dev.vpnmanager.audit;

import java.util.Locale;

/** Where a change came from. */
public enum Channel {
  CLI, CONSOLE, TELEGRAM, MATRIX, JOB, API;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
