package dev.vpnmanager.enforce;

import dev.vpnmanager.common.InvalidInputException;
import java.util.Locale;

/** How often a user's traffic quota starts over. */
public enum ResetStrategy {
  NONE, DAILY, WEEKLY, MONTHLY;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ResetStrategy parse(String text) {
    for (ResetStrategy s : values()) {
      if (s.code().equalsIgnoreCase(text)) {
        return s;
      }
    }
    throw new InvalidInputException("unknown reset strategy '" + text + "': expected none, daily, weekly or monthly");
  }
}
