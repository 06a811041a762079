package dev.vpnmanager.domain;

import dev.vpnmanager.common.InvalidInputException;
import io.ebean.annotation.DbEnumValue;
import java.util.Locale;

/** How often a user's traffic quota starts over; stored as its code ("none" is shown as "never"). */
public enum ResetStrategy {
  NONE, DAILY, WEEKLY, MONTHLY;

  @DbEnumValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The word people read and type: never, daily, weekly, monthly. */
  public String word() {
    return this == NONE ? "never" : code();
  }

  /** Accepts never (or none), daily, weekly, monthly, in any case. */
  public static ResetStrategy parse(String text) {
    if ("never".equalsIgnoreCase(text)) {
      return NONE;
    }
    for (ResetStrategy s : values()) {
      if (s.code().equalsIgnoreCase(text)) {
        return s;
      }
    }
    throw new InvalidInputException("unknown reset strategy '" + text
        + "': expected daily, weekly[:DAY], monthly[:DAY] or never");
  }
}
