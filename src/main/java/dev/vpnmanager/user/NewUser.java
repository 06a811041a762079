package dev.vpnmanager.user;

import java.time.Instant;

/** What an admin asks for when creating a user; validated by {@link UserService#add}. */
public record NewUser(String username, String protocol, String serverName, long limitBytes, Instant expiresAt,
                      String email, String note) {
  public static NewUser of(String username, String protocol) {
    return new NewUser(username, protocol, null, 0, null, null, null);
  }
}
