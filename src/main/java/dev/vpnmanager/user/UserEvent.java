package dev.vpnmanager.user;

import dev.vpnmanager.domain.UserStatus;
import dev.vpnmanager.event.DomainEvent;
import java.util.Locale;

/**
 * A committed change to a user; {@code snapshot} is the user as it is after the change (before, for deleted).
 * {@link Kind#ACTIVE} follows a change that brought a limited or expired user back; {@link Kind#EDITED} is
 * a change of limit, expiry, note, email or reset policy (a move to another server is DELETED then CREATED).
 */
public record UserEvent(Kind kind, UserRecord snapshot) implements DomainEvent {
  public enum Kind {
    CREATED, SUSPENDED, RESUMED, RENEWED, TRAFFIC_RESET, ROTATED, LIMITED, EXPIRED, ACTIVE, RESET_POLICY, DELETED, EDITED;

    /** The lower-case, dashed name the audit log uses ("traffic-reset"). */
    public String code() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The event that a status change to {@code status} is. */
    public static Kind of(UserStatus status) {
      return valueOf(status.name());
    }
  }
}
