package dev.vpnmanager.domain;

import dev.vpnmanager.common.InvalidInputException;
import io.ebean.annotation.DbEnumValue;
import java.util.Locale;

/** Lifecycle status of a VPN user; every status other than ACTIVE carries a reason. */
public enum UserStatus {
  ACTIVE, SUSPENDED, LIMITED, EXPIRED;

  @DbEnumValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static UserStatus parse(String text) {
    for (UserStatus s : values()) {
      if (s.code().equalsIgnoreCase(text)) {
        return s;
      }
    }
    throw new InvalidInputException(
        "unknown status '" + text + "': expected active, suspended, limited or expired");
  }
}
