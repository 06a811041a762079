package dev.vpnmanager.domain;

import io.ebean.annotation.DbEnumValue;
import java.util.Locale;

/** Where a stored outgoing message stands: waiting (or being sent), accepted by the platform, or given up on. */
public enum OutboxStatus {
  PENDING, SENT, DEAD;

  @DbEnumValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
