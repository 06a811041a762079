package dev.vpnmanager.http.sub;

import dev.vpnmanager.domain.UserStatus;
import java.time.Instant;

/**
 * What one subscription request sees: the user's standing and, only while they are active, their link and
 * file. A cut user's subscription carries no credentials, just the reason.
 */
record Subscription(String username, String protocol, UserStatus status, String reason, long usedBytes,
                    long limitBytes, Instant expiresAt, String token, String link, String fileName,
                    String fileText) {
  boolean usable() {
    return status == UserStatus.ACTIVE && link != null;
  }

  /** Why it does not work, in words an app can show as a profile or entry name. */
  String why() {
    String base = switch (status) {
      case SUSPENDED -> "suspended";
      case LIMITED -> "traffic limit reached";
      case EXPIRED -> "expired";
      default -> "not available";
    };
    return reason == null || reason.isBlank() || status != UserStatus.SUSPENDED ? base : base + ": " + reason;
  }

  @Override
  public String toString() {
    return "Subscription[" + username + ", " + status + "]";
  }
}
