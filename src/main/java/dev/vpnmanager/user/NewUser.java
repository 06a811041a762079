package dev.vpnmanager.user;

import dev.vpnmanager.domain.ResetPolicy;
import java.time.Instant;

/** What an admin asks for when creating a user; validated by {@link UserService#add}. */
public record NewUser(String username, String protocol, String serverName, long limitBytes, Instant expiresAt,
                      String email, String note, ResetPolicy reset) {
  public NewUser(String username, String protocol, String serverName, long limitBytes, Instant expiresAt,
                 String email, String note) {
    this(username, protocol, serverName, limitBytes, expiresAt, email, note, null);
  }

  public static NewUser of(String username, String protocol) {
    return new NewUser(username, protocol, null, 0, null, null, null);
  }

  public NewUser withReset(ResetPolicy policy) {
    return new NewUser(username, protocol, serverName, limitBytes, expiresAt, email, note, policy);
  }
}
